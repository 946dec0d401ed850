/**
 * Opens the evidence database and brings its schema up to date.
 * One connection per thread; the data worker's connection is the only writer.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

import { ExpectedError } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

const log = createLogger('store');

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens (creating if needed) the database file and applies pending migrations. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });

  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, timeout: 10_000 });
  } catch (error) {
    throw databaseOpenError(file, error);
  }

  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');

  if (!options.readonly) {
    checkIntegrityQuickly(db, file);
    migrate(db);
  }
  return db;
}

/** Applies every migration newer than the file's user_version, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = MIGRATIONS.at(-1)?.version ?? 0;

  if (current > newest) {
    throw new ExpectedError(
      `This database was written by a newer version of Zoom Investigator (schema ${current}, ` +
        `this version knows up to ${newest}).`,
      'Open it with the newer version, or point --data-dir at another folder.',
    );
  }

  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;

    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
    log.info(`schema migrated to ${migration.version} (${migration.name})`);
  }
}

function checkIntegrityQuickly(db: Db, file: string): void {
  const result = db.pragma('quick_check', { simple: true });
  if (result !== 'ok') {
    throw new ExpectedError(
      `The database ${file} is damaged (SQLite quick_check: ${String(result)}).`,
      'Keep a copy of the file as evidence, then sync into a new --data-dir.',
    );
  }
}

function databaseOpenError(file: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);

  if (/compiled against a different Node\.js version/.test(message)) {
    return new ExpectedError(
      'Database engine failed to load (native module built for a different runtime).',
      'Reinstall with `npm ci` (or `npx electron-builder install-app-deps` for the app).',
    );
  }
  return new ExpectedError(
    `Cannot open the database ${file}: ${message}`,
    'Check that the folder is writable and the file is a Zoom Investigator database.',
  );
}

/** Runs fn in one IMMEDIATE transaction: all of it is stored, or none of it. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
