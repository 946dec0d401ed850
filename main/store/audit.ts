/**
 * The audit_log table: rows in, rows out. Hashing and the chain's rules live in
 * main/actions/audit.ts; this module only speaks SQL.
 */
import type { Db } from './db.ts';

/** One audit row as stored. Column names are the table's, so hashing sees exactly these. */
export interface AuditRow {
  seq: number;
  at: number;
  os_user: string;
  investigator: string | null;
  instance_id: number | null;
  action: string;
  target: string;
  idempotency_key: string | null;
  reason: string | null;
  outcome: string;
  request_json: string | null;
  response_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditQuery {
  instanceId?: number;
  action?: string;
  outcome?: string;
  idempotencyKey?: string;
  since?: number;
  until?: number;
  limit?: number;
}

/** The newest row, or null on an empty log. */
export function lastAuditRow(db: Db): AuditRow | null {
  const row = db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  return (row as AuditRow | undefined) ?? null;
}

export function insertAuditRow(db: Db, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit_log (seq, at, os_user, investigator, instance_id, action, target,
       idempotency_key, reason, outcome, request_json, response_json, prev_hash, hash)
     VALUES (@seq, @at, @os_user, @investigator, @instance_id, @action, @target,
       @idempotency_key, @reason, @outcome, @request_json, @response_json, @prev_hash, @hash)`,
  ).run(row);
}

/** Rows oldest first, filtered; the newest `limit` rows when a limit is given. */
export function selectAuditRows(db: Db, query: AuditQuery = {}): AuditRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown): void => {
    where.push(clause);
    params[name] = value;
  };

  if (query.instanceId !== undefined) {
    add('instance_id = @instanceId', 'instanceId', query.instanceId);
  }
  if (query.action !== undefined) add('action = @action', 'action', query.action);
  if (query.outcome !== undefined) add('outcome = @outcome', 'outcome', query.outcome);
  if (query.idempotencyKey !== undefined) {
    add('idempotency_key = @key', 'key', query.idempotencyKey);
  }
  if (query.since !== undefined) add('at >= @since', 'since', query.since);
  if (query.until !== undefined) add('at < @until', 'until', query.until);

  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  params.limit = query.limit ?? -1;
  const sql = `SELECT * FROM (SELECT * FROM audit_log ${filter} ORDER BY seq DESC LIMIT @limit)
    ORDER BY seq`;
  return db.prepare(sql).all(params) as AuditRow[];
}

/** Every row in stored order, streamed: the verifier reads the whole chain. */
export function iterateAuditRows(db: Db): IterableIterator<AuditRow> {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
}

/** A value from the settings table, parsed; null when absent or not valid JSON. */
export function readSettingJson(db: Db, scope: string, key: string): unknown {
  const row = db.prepare('SELECT value_json FROM settings WHERE scope = ? AND key = ?').get(
    scope,
    key,
  ) as { value_json: string } | undefined;
  if (!row) return null;

  try {
    return JSON.parse(row.value_json) as unknown;
  } catch {
    return null;
  }
}

export function writeSettingJson(db: Db, scope: string, key: string, value: unknown): void {
  db.prepare(
    `INSERT INTO settings (scope, key, value_json) VALUES (?, ?, ?)
     ON CONFLICT (scope, key) DO UPDATE SET value_json = excluded.value_json`,
  ).run(scope, key, JSON.stringify(value));
}
