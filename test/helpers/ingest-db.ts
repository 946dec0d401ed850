/** A throwaway evidence database in a temp folder, with one instance, for ingest and sync. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { openDatabase } from '../../main/store/db.ts';
import type { Db } from '../../main/store/db.ts';
import { addInstance } from '../../main/store/instances.ts';
import type { Instance, NewInstance } from '../../main/store/instances.ts';

export interface TempStore {
  dir: string;
  db: Db;
  instance: Instance;
  /** Writes a file into the temp folder and returns its path. */
  write(name: string, content: string | unknown): string;
  close(): void;
}

export function openTempStore(instance: Partial<NewInstance> = {}): TempStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-ingest-'));
  const db = openDatabase(path.join(dir, 'evidence.sqlite'));
  const created = addInstance(db, {
    name: 'acme',
    accountId: 'AcctAcme0000000000001',
    clientId: 'client-acme',
    adminEmail: 'admin@acme.example',
    ...instance,
  });

  return {
    dir,
    db,
    instance: created,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
      return file;
    },
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tableCount(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
