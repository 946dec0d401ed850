/**
 * The audit chain: every response action and every refusal, append-only. Each row's hash is
 * sha256(previous row's hash + canonical JSON of the row's fields), so an edited, deleted or
 * reordered row breaks the chain from that point on. The newest hash is also kept in settings
 * so that cutting rows off the end shows too.
 */
import os from 'node:os';

import type { Db } from '../store/db.ts';
import { sha256Hex } from '../store/hash.ts';
import {
  insertAuditRow,
  iterateAuditRows,
  lastAuditRow,
  readSettingJson,
  selectAuditRows,
  writeSettingJson,
} from '../store/audit.ts';
import type { AuditQuery, AuditRow } from '../store/audit.ts';

export type { AuditQuery, AuditRow } from '../store/audit.ts';

export const AUDIT_GENESIS = '0'.repeat(64);

/** What a caller records; who and when are filled in here. */
export interface AuditEntry {
  action: string;
  /** The thing acted on, in words an investigator can search for (a message id, an e-mail). */
  target: string;
  outcome: string;
  instanceId?: number | null;
  idempotencyKey?: string | null;
  reason?: string | null;
  /** The request sent to Zoom (method, path, query), or the local change made. */
  request?: unknown;
  /** Zoom's answer: status and body text as received. */
  response?: unknown;
  /** Epoch ms; now when absent. */
  at?: number;
}

export interface AuditVerification {
  ok: boolean;
  rows: number;
  firstBadSeq?: number;
  problem?: string;
}

const HEAD_SCOPE = 'audit';
const HEAD_KEY = 'head';

interface AuditHead {
  seq: number;
  hash: string;
}

/** Appends one row to the chain and returns it as stored. */
export function appendAudit(db: Db, entry: AuditEntry): AuditRow {
  // IMMEDIATE: reading the previous hash and writing the next row must not interleave.
  return db.transaction(() => appendInsideTransaction(db, entry)).immediate();
}

export function listAudit(db: Db, filters: AuditQuery = {}): AuditRow[] {
  return selectAuditRows(db, filters);
}

/** Walks the whole chain and reports the first row that does not hold. */
export function verifyAuditChain(db: Db): AuditVerification {
  let previous: AuditRow | null = null;
  let rows = 0;

  for (const row of iterateAuditRows(db)) {
    const problem = rowProblem(row, previous);
    // A gap is reported at the missing row's number, not at the row after it.
    const firstBadSeq = Math.min(row.seq, (previous?.seq ?? 0) + 1);
    if (problem) return { ok: false, rows, firstBadSeq, problem };

    previous = row;
    rows += 1;
  }

  const headProblem = compareWithHead(readHead(db), previous);
  if (headProblem) {
    return { ok: false, rows, firstBadSeq: (previous?.seq ?? 0) + 1, problem: headProblem };
  }
  return { ok: true, rows };
}

/** The newest row's sequence number and hash: what a report prints to pin the chain. */
export function auditHead(db: Db): AuditHead | null {
  const last = lastAuditRow(db);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/** The operating-system account running the process, which no setting can change. */
export function osUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** The investigator's name as set in the app's settings, if any. */
export function investigatorName(db: Db): string | null {
  const value = readSettingJson(db, 'app', 'investigator');
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** JSON with object keys sorted at every level: one byte string per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function appendInsideTransaction(db: Db, entry: AuditEntry): AuditRow {
  const last = lastAuditRow(db);
  const fields = {
    seq: (last?.seq ?? 0) + 1,
    at: entry.at ?? Date.now(),
    os_user: osUserName(),
    investigator: investigatorName(db),
    instance_id: entry.instanceId ?? null,
    action: entry.action,
    target: entry.target,
    idempotency_key: entry.idempotencyKey ?? null,
    reason: entry.reason ?? null,
    outcome: entry.outcome,
    request_json: entry.request === undefined ? null : canonicalJson(entry.request),
    response_json: entry.response === undefined ? null : canonicalJson(entry.response),
  };

  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const row: AuditRow = { ...fields, prev_hash: prevHash, hash: rowHash(prevHash, fields) };
  insertAuditRow(db, row);

  writeSettingJson(db, HEAD_SCOPE, HEAD_KEY, { seq: row.seq, hash: row.hash } satisfies AuditHead);
  return row;
}

/** Every column but the two hashes, which is what the hash covers. */
function hashedFields(row: AuditRow): Omit<AuditRow, 'prev_hash' | 'hash'> {
  return {
    seq: row.seq,
    at: row.at,
    os_user: row.os_user,
    investigator: row.investigator,
    instance_id: row.instance_id,
    action: row.action,
    target: row.target,
    idempotency_key: row.idempotency_key,
    reason: row.reason,
    outcome: row.outcome,
    request_json: row.request_json,
    response_json: row.response_json,
  };
}

function rowHash(prevHash: string, fields: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return sha256Hex(prevHash + canonicalJson(fields));
}

function rowProblem(row: AuditRow, previous: AuditRow | null): string | null {
  const expectedSeq = (previous?.seq ?? 0) + 1;
  if (row.seq !== expectedSeq) {
    return `row ${expectedSeq} is missing (the next stored row is ${row.seq})`;
  }

  const expectedPrev = previous?.hash ?? AUDIT_GENESIS;
  if (row.prev_hash !== expectedPrev) {
    return `row ${row.seq} does not follow row ${expectedSeq - 1} (previous hash differs)`;
  }

  if (rowHash(row.prev_hash, hashedFields(row)) !== row.hash) {
    return `row ${row.seq} was changed after it was written (its hash does not match)`;
  }
  return null;
}

function compareWithHead(head: AuditHead | null, last: AuditRow | null): string | null {
  if (head === null && last === null) return null;
  if (head === null) return 'the recorded head of the chain is missing';
  if (last === null) return `all rows are missing (the head names row ${head.seq})`;

  if (head.seq !== last.seq || head.hash !== last.hash) {
    return `rows after ${last.seq} are missing or replaced (the head names row ${head.seq})`;
  }
  return null;
}

function readHead(db: Db): AuditHead | null {
  const value = readSettingJson(db, HEAD_SCOPE, HEAD_KEY) as Partial<AuditHead> | null;
  if (!value || typeof value.seq !== 'number' || typeof value.hash !== 'string') return null;
  return { seq: value.seq, hash: value.hash };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;

  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
