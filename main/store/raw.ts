/**
 * Raw evidence: response pages exactly as received, and each record as Zoom sent it.
 * Append-only. Pages are chained by hash so that a removed or edited page shows.
 */
import zlib from 'node:zlib';

import type { Db } from './db.ts';
import { sha256Hex } from './hash.ts';

export interface RawRef {
  id: number;
  sha256: string;
}

export interface NewRawPage {
  instanceId: number;
  source: string;
  /** Method, path and query (never a token), or the imported file's name. */
  request: string;
  httpStatus: number | null;
  receivedAt: number;
  body: string;
}

const GENESIS = '0'.repeat(64);

export function insertRawPage(db: Db, page: NewRawPage): RawRef {
  const sha256 = sha256Hex(page.body);
  const previous = db
    .prepare('SELECT chain_sha256 FROM raw_pages ORDER BY id DESC LIMIT 1')
    .get() as { chain_sha256: string } | undefined;
  const chain = sha256Hex((previous?.chain_sha256 ?? GENESIS) + sha256);

  const result = db
    .prepare(
      `INSERT INTO raw_pages (instance_id, source, request, http_status, received_at, sha256,
         body_deflated, chain_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      page.instanceId,
      page.source,
      page.request,
      page.httpStatus,
      page.receivedAt,
      sha256,
      zlib.deflateRawSync(Buffer.from(page.body, 'utf8')),
      chain,
    );
  return { id: Number(result.lastInsertRowid), sha256 };
}

/** The page body, byte for byte as received. */
export function readRawPageBody(db: Db, pageId: number): string | null {
  const row = db.prepare('SELECT body_deflated FROM raw_pages WHERE id = ?').get(pageId) as
    | { body_deflated: Buffer }
    | undefined;
  return row ? zlib.inflateRawSync(row.body_deflated).toString('utf8') : null;
}

/**
 * Stores one record's JSON text unless the same bytes are already stored, and returns its id.
 * The text is `JSON.stringify` of the value as parsed from Zoom's response (key order kept).
 */
export function insertRawRecord(
  db: Db,
  json: string,
  source: string,
  pageId: number | null,
  now: number,
): RawRef {
  const sha256 = sha256Hex(json);
  db.prepare(
    `INSERT INTO raw_records (sha256, json, source, page_id, first_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(sha256, json, source, pageId, now);

  const row = db.prepare('SELECT id FROM raw_records WHERE sha256 = ?').get(sha256) as {
    id: number;
  };
  return { id: row.id, sha256 };
}

export interface RawRecord {
  id: number;
  sha256: string;
  json: string;
  source: string;
  pageId: number | null;
  firstSeenAt: number;
}

export function getRawRecord(db: Db, id: number): RawRecord | null {
  const row = db
    .prepare(
      `SELECT id, sha256, json, source, page_id AS pageId, first_seen_at AS firstSeenAt
       FROM raw_records WHERE id = ?`,
    )
    .get(id) as RawRecord | undefined;
  return row ?? null;
}

/** Recomputes the page chain; returns the id of the first page that does not match, or null. */
export function verifyRawPageChain(db: Db): number | null {
  let previous = GENESIS;
  const rows = db.prepare(
    'SELECT id, body_deflated, sha256, chain_sha256 FROM raw_pages ORDER BY id',
  );

  for (const row of rows.iterate() as Iterable<{
    id: number;
    body_deflated: Buffer;
    sha256: string;
    chain_sha256: string;
  }>) {
    const body = zlib.inflateRawSync(row.body_deflated);
    if (sha256Hex(body) !== row.sha256) return row.id;

    previous = sha256Hex(previous + row.sha256);
    if (previous !== row.chain_sha256) return row.id;
  }
  return null;
}

/** The SHA-256 of a stored raw record, without reading its JSON. */
export function getRawSha256(db: Db, id: number): string | null {
  const row = db.prepare('SELECT sha256 FROM raw_records WHERE id = ?').get(id) as
    | { sha256: string }
    | undefined;
  return row?.sha256 ?? null;
}
