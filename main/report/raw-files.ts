/**
 * raw/records.jsonl: each cited raw record exactly as stored, one per line as
 * `{"sha256": "<hex>", "json": "<the record text>"}`. One file instead of one per record keeps a
 * month's bundle to a handful of files; each line is still checkable on its own, because the
 * SHA-256 of its `json` string (UTF-8) must equal its `sha256`, the hash the events cite.
 */
import type { Db } from '../store/db.ts';
import { getRawRecord } from '../store/raw.ts';
import { LineWriter } from './files.ts';

export const RAW_FOLDER = 'raw';
export const RAW_RECORDS_FILE = `${RAW_FOLDER}/records.jsonl`;

/** One line of raw/records.jsonl. */
export interface RawRecordLine {
  sha256: string;
  json: string;
}

export interface RawRecordsWritten {
  file: string;
  count: number;
}

/** Writes each record once, in the order given; a record no longer stored is skipped. */
export function writeRawRecords(dir: string, db: Db, rawIds: Iterable<number>): RawRecordsWritten {
  const writer = new LineWriter(dir, RAW_RECORDS_FILE);
  const written = new Set<string>();

  try {
    for (const id of rawIds) {
      const record = getRawRecord(db, id);
      if (!record || written.has(record.sha256)) continue;

      const line: RawRecordLine = { sha256: record.sha256, json: record.json };
      writer.line(JSON.stringify(line));
      written.add(record.sha256);
    }
  } finally {
    writer.close();
  }
  return { file: RAW_RECORDS_FILE, count: written.size };
}
