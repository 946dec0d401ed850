/**
 * Where each stream's sync stands (status, reason, cursor) and which windows were fetched
 * completely. A cursor holds days, never a next_page_token: tokens die after 15 minutes.
 */
import type { Db } from './db.ts';

export type SyncStatus = 'never' | 'running' | 'ok' | 'partial' | 'failed' | 'unavailable';
export type CoverageStatus = 'ok' | 'failed' | 'retried';

export interface StreamCursor {
  /** The last UTC day (yyyy-mm-dd) whose window was fetched completely and is over. */
  lastCompleteDay?: string;
  /** For a daily limit: epoch ms when Zoom allows calls again. */
  retryAt?: number;
}

export interface SyncStateRow {
  stream: string;
  status: SyncStatus;
  reason: string | null;
  cursor: StreamCursor;
  lastRunAt: number | null;
  lastOkAt: number | null;
}

interface StateColumns {
  stream: string;
  status: SyncStatus;
  reason: string | null;
  cursor_json: string;
  last_run_at: number | null;
  last_ok_at: number | null;
}

export function getSyncState(db: Db, instanceId: number, stream: string): SyncStateRow | null {
  const row = db
    .prepare('SELECT * FROM sync_state WHERE instance_id = ? AND stream = ?')
    .get(instanceId, stream) as StateColumns | undefined;
  return row ? fromColumns(row) : null;
}

export function listSyncStates(db: Db, instanceId: number): SyncStateRow[] {
  const rows = db
    .prepare('SELECT * FROM sync_state WHERE instance_id = ? ORDER BY stream')
    .all(instanceId) as StateColumns[];
  return rows.map(fromColumns);
}

/** Sets status and reason; the cursor changes only when one is given. */
export function setSyncState(
  db: Db,
  instanceId: number,
  stream: string,
  update: { status: SyncStatus; reason?: string | null; cursor?: StreamCursor },
  now: number,
): void {
  const existing = getSyncState(db, instanceId, stream);
  const cursor = update.cursor ?? existing?.cursor ?? {};
  const lastOkAt = update.status === 'ok' ? now : (existing?.lastOkAt ?? null);

  db.prepare(
    `INSERT INTO sync_state (instance_id, stream, status, reason, cursor_json, last_run_at,
       last_ok_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (instance_id, stream) DO UPDATE SET status = excluded.status,
       reason = excluded.reason, cursor_json = excluded.cursor_json,
       last_run_at = excluded.last_run_at, last_ok_at = excluded.last_ok_at`,
  ).run(instanceId, stream, update.status, update.reason ?? null, JSON.stringify(cursor), now,
    lastOkAt);
}

export interface CoverageEntry {
  stream: string;
  windowStart: number;
  windowEnd: number;
  status: CoverageStatus;
  pages: number;
  records: number;
  note: string | null;
  completedAt: number;
}

export function recordCoverage(db: Db, instanceId: number, entry: CoverageEntry): void {
  db.prepare(
    `INSERT INTO sync_coverage (instance_id, stream, window_start, window_end, status, pages,
       records, note, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    instanceId,
    entry.stream,
    entry.windowStart,
    entry.windowEnd,
    entry.status,
    entry.pages,
    entry.records,
    entry.note,
    entry.completedAt,
  );
}

export function listCoverage(db: Db, instanceId: number, stream?: string): CoverageEntry[] {
  const sql = `SELECT stream, window_start AS windowStart, window_end AS windowEnd, status, pages,
      records, note, completed_at AS completedAt FROM sync_coverage
    WHERE instance_id = ? ${stream ? 'AND stream = ?' : ''} ORDER BY window_start, id`;
  const params = stream ? [instanceId, stream] : [instanceId];
  return db.prepare(sql).all(...params) as CoverageEntry[];
}

function fromColumns(row: StateColumns): SyncStateRow {
  return {
    stream: row.stream,
    status: row.status,
    reason: row.reason,
    cursor: JSON.parse(row.cursor_json) as StreamCursor,
    lastRunAt: row.last_run_at,
    lastOkAt: row.last_ok_at,
  };
}
