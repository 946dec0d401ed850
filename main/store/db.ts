/**
 * Opens the evidence database and brings its schema up to date.
 * One connection per thread; the data worker's connection is the only writer.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

import { ExpectedError, errorMessage } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import { MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

const log = createLogger('store');

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens (creating if needed) the database file and applies pending migrations. */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  createFolder(path.dirname(file));

  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, timeout: 10_000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');

    if (!options.readonly) {
      checkIntegrityQuickly(db, file);
      migrate(db);
    }
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof ExpectedError ? error : databaseOpenError(file, error);
  }
}

function createFolder(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new ExpectedError(
      `Cannot create the data folder ${folder}: ${errorMessage(error)}.`,
      'Choose a writable folder with --data-dir.',
    );
  }
}

/**
 * Storage failures in words: a full disk, a damaged or foreign file, a read-only folder.
 * Returns null for anything else, which is then treated as a bug.
 */
export function explainStorageError(error: unknown): ExpectedError | null {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'SQLITE_FULL':
      return new ExpectedError(
        'The disk is full (or the database reached its size limit). What this command was ' +
          'storing was rolled back; everything stored before is intact.',
        'Free disk space, or move the data with --data-dir, then run the command again.',
      );
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return new ExpectedError(
        `The evidence database is damaged or is not a Zoom Investigator database (${code}).`,
        'Keep a copy of the file as evidence, then sync into a new --data-dir.',
      );
    case 'SQLITE_READONLY':
    case 'SQLITE_CANTOPEN':
    case 'SQLITE_PERM':
    case 'SQLITE_IOERR':
      return new ExpectedError(
        `The evidence database cannot be opened for writing (${code}).`,
        'Check that the data folder is writable and on a working disk, or use --data-dir.',
      );
    default:
      return null;
  }
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
  const message = errorMessage(error);
  const explained = explainStorageError(error);
  if (explained) return explained;

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
