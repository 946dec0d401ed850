/**
 * raw/<sha256>.json: each cited raw record exactly as stored, so that its file hash equals
 * its name and the hash the events cite.
 */
import type { Db } from '../store/db.ts';
import { getRawRecord } from '../store/raw.ts';
import { writeText } from './files.ts';

export const RAW_FOLDER = 'raw';

/** Writes each record once; returns the relative paths written. */
export function writeRawRecords(dir: string, db: Db, rawIds: Iterable<number>): string[] {
  const written = new Set<string>();

  for (const id of rawIds) {
    const record = getRawRecord(db, id);
    if (!record) continue;

    const relative = `${RAW_FOLDER}/${record.sha256}.json`;
    if (written.has(relative)) continue;
    writeText(dir, relative, record.json);
    written.add(relative);
  }
  return [...written].sort();
}
