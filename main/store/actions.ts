/**
 * The actions table: one row per intended effect, keyed so that it can never run twice.
 * The state machine (planned → running → done | failed) is main/actions' business; this
 * module only reads and writes rows.
 */
import type { Db } from './db.ts';

export type ActionStatus =
  | 'planned'
  | 'queued'
  | 'running'
  | 'done'
  | 'failed'
  | 'outcome_unknown'
  | 'cancelled';

export interface ActionRecord {
  id: number;
  idempotencyKey: string;
  instanceId: number | null;
  kind: string;
  target: Record<string, unknown>;
  reason: string | null;
  status: ActionStatus;
  snapshotRawId: number | null;
  result: Record<string, unknown> | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewActionRecord {
  idempotencyKey: string;
  instanceId: number | null;
  kind: string;
  target: Record<string, unknown>;
  reason: string | null;
}

interface ActionColumns {
  id: number;
  idempotency_key: string;
  instance_id: number | null;
  kind: string;
  target_json: string;
  reason: string | null;
  status: ActionStatus;
  snapshot_raw_id: number | null;
  result_json: string | null;
  created_at: number;
  updated_at: number;
}

/** Creates the row in 'planned' unless one with the same key exists; returns the stored row. */
export function ensureActionRecord(db: Db, input: NewActionRecord, now: number): ActionRecord {
  db.prepare(
    `INSERT INTO actions (idempotency_key, instance_id, kind, target_json, reason, status,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'planned', ?, ?)
     ON CONFLICT (idempotency_key) DO NOTHING`,
  ).run(
    input.idempotencyKey,
    input.instanceId,
    input.kind,
    JSON.stringify(input.target),
    input.reason,
    now,
    now,
  );
  return getActionByKey(db, input.idempotencyKey)!;
}

export function getActionByKey(db: Db, idempotencyKey: string): ActionRecord | null {
  const row = db.prepare('SELECT * FROM actions WHERE idempotency_key = ?').get(idempotencyKey);
  return row ? fromColumns(row as ActionColumns) : null;
}

export function getActionById(db: Db, id: number): ActionRecord | null {
  const row = db.prepare('SELECT * FROM actions WHERE id = ?').get(id);
  return row ? fromColumns(row as ActionColumns) : null;
}

/** Moves a row to a new status; the reason is replaced only when one is given. */
export function setActionStatus(
  db: Db,
  id: number,
  status: ActionStatus,
  now: number,
  fields: { reason?: string | null; result?: Record<string, unknown> | null } = {},
): void {
  db.prepare(
    `UPDATE actions SET status = @status, updated_at = @now,
       reason = CASE WHEN @setReason THEN @reason ELSE reason END,
       result_json = CASE WHEN @setResult THEN @result ELSE result_json END
     WHERE id = @id`,
  ).run({
    id,
    status,
    now,
    setReason: fields.reason === undefined ? 0 : 1,
    reason: fields.reason ?? null,
    setResult: fields.result === undefined ? 0 : 1,
    result: fields.result === undefined || fields.result === null
      ? null
      : JSON.stringify(fields.result),
  });
}

export function setActionSnapshot(db: Db, id: number, rawId: number, now: number): void {
  db.prepare('UPDATE actions SET snapshot_raw_id = ?, updated_at = ? WHERE id = ?').run(
    rawId,
    now,
    id,
  );
}

export interface ActionListQuery {
  instanceId?: number;
  kind?: string;
  statuses?: readonly ActionStatus[];
}

/** Actions oldest first. */
export function listActionRecords(db: Db, query: ActionListQuery = {}): ActionRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];

  if (query.instanceId !== undefined) {
    where.push('instance_id = ?');
    params.push(query.instanceId);
  }
  if (query.kind !== undefined) {
    where.push('kind = ?');
    params.push(query.kind);
  }
  if (query.statuses && query.statuses.length > 0) {
    where.push(`status IN (${query.statuses.map(() => '?').join(', ')})`);
    params.push(...query.statuses);
  }

  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT * FROM actions ${filter} ORDER BY id`).all(...params);
  return (rows as ActionColumns[]).map(fromColumns);
}

function fromColumns(row: ActionColumns): ActionRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    instanceId: row.instance_id,
    kind: row.kind,
    target: JSON.parse(row.target_json) as Record<string, unknown>,
    reason: row.reason,
    status: row.status,
    snapshotRawId: row.snapshot_raw_id,
    result: row.result_json === null
      ? null
      : (JSON.parse(row.result_json) as Record<string, unknown>),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Moves a row to 'running' only if it still has the status the caller read: a second runner
 * (another process on the same file) finds the row changed and backs off.
 */
export function claimAction(
  db: Db,
  id: number,
  expected: ActionStatus,
  reason: string | null,
  now: number,
): boolean {
  const result = db
    .prepare(
      `UPDATE actions SET status = 'running', reason = coalesce(?, reason), updated_at = ?
       WHERE id = ? AND status = ?`,
    )
    .run(reason, now, id, expected);
  return result.changes === 1;
}
