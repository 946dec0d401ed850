/**
 * The services' shared handles: the database, the credential store and the clock.
 * The CLI opens one per command; the desktop app's data worker opens one for its lifetime.
 */
import fs from 'node:fs';
import path from 'node:path';

import { KeytarCredentialStore } from '../credentials/keytar-store.ts';
import type { CredentialStore } from '../credentials/store.ts';
import { setLogFile } from '../log/logger.ts';
import { openDatabase } from '../store/db.ts';
import type { Db } from '../store/db.ts';
import { databasePath, logPath } from './data-dir.ts';

export interface AppContext {
  dataDir: string;
  db: Db;
  credentials: CredentialStore;
  now: () => number;
  close(): void;
}

export interface ContextOptions {
  dataDir: string;
  credentials?: CredentialStore;
  now?: () => number;
}

/** The data dir's log file, or null (stderr only) when the folder cannot be written. */
function prepareLogFile(dataDir: string): string | null {
  const file = logPath(dataDir);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return file;
  } catch {
    return null;
  }
}

export function openContext(options: ContextOptions): AppContext {
  setLogFile(prepareLogFile(options.dataDir));

  const db = openDatabase(databasePath(options.dataDir));
  let credentials = options.credentials ?? null;

  return {
    dataDir: options.dataDir,
    db,
    // keytar loads lazily: commands that never touch a secret work without a keychain.
    get credentials(): CredentialStore {
      credentials ??= new KeytarCredentialStore();
      return credentials;
    },
    now: options.now ?? Date.now,
    close: () => {
      db.close();
      setLogFile(null);
    },
  };
}
