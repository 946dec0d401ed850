/** The incidents and incident_links tables: local case records, rows in and rows out. */
import type { Db } from './db.ts';

export const INCIDENT_STATUSES = ['open', 'contained', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export type IncidentLinkType = 'finding' | 'event';

export interface IncidentRecord {
  id: number;
  instanceId: number | null;
  title: string;
  severity: string;
  status: IncidentStatus;
  owner: string | null;
  notes: string | null;
  idempotencyKey: string;
  createdAt: number;
  updatedAt: number;
  findingIds: string[];
  eventIds: string[];
}

export interface NewIncidentRecord {
  instanceId: number | null;
  title: string;
  severity: string;
  owner: string | null;
  notes: string | null;
  idempotencyKey: string;
}

export interface IncidentFields {
  title?: string;
  severity?: string;
  status?: IncidentStatus;
  owner?: string | null;
  notes?: string | null;
}

const INCIDENT_COLUMNS = ['title', 'severity', 'status', 'owner', 'notes'] as const;

interface IncidentColumns {
  id: number;
  instance_id: number | null;
  title: string;
  severity: string;
  status: IncidentStatus;
  owner: string | null;
  notes: string | null;
  idempotency_key: string;
  created_at: number;
  updated_at: number;
}

/** Inserts unless the key exists; says whether this call created the row. */
export function insertIncident(
  db: Db,
  input: NewIncidentRecord,
  now: number,
): { id: number; created: boolean } {
  const result = db
    .prepare(
      `INSERT INTO incidents (instance_id, title, severity, owner, notes, idempotency_key,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .run(input.instanceId, input.title, input.severity, input.owner, input.notes,
      input.idempotencyKey, now, now);

  const row = db.prepare('SELECT id FROM incidents WHERE idempotency_key = ?')
    .get(input.idempotencyKey) as { id: number };
  return { id: row.id, created: result.changes === 1 };
}

export function linkIncident(db: Db, id: number, type: IncidentLinkType, linkId: string): void {
  db.prepare(
    `INSERT INTO incident_links (incident_id, link_type, link_id) VALUES (?, ?, ?)
     ON CONFLICT DO NOTHING`,
  ).run(id, type, linkId);
}

/** Changes the given fields only; undefined leaves a field as it is. */
export function updateIncidentRow(db: Db, id: number, fields: IncidentFields, now: number): void {
  const sets: string[] = ['updated_at = @now'];
  const params: Record<string, unknown> = { id, now };

  // Column names come from this fixed list, never from the caller's object keys.
  for (const name of INCIDENT_COLUMNS) {
    if (fields[name] === undefined) continue;
    sets.push(`${name} = @${name}`);
    params[name] = fields[name];
  }
  db.prepare(`UPDATE incidents SET ${sets.join(', ')} WHERE id = @id`).run(params);
}

export function selectIncident(db: Db, id: number): IncidentRecord | null {
  const row = db.prepare('SELECT * FROM incidents WHERE id = ?').get(id);
  return row ? withLinks(db, row as IncidentColumns) : null;
}

export function selectIncidents(
  db: Db,
  filter: { status?: IncidentStatus; instanceId?: number } = {},
): IncidentRecord[] {
  const where: string[] = [];
  const params: unknown[] = [];

  if (filter.status !== undefined) {
    where.push('status = ?');
    params.push(filter.status);
  }
  if (filter.instanceId !== undefined) {
    where.push('instance_id = ?');
    params.push(filter.instanceId);
  }

  const sql = `SELECT * FROM incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY updated_at DESC, id DESC`;
  return (db.prepare(sql).all(...params) as IncidentColumns[]).map((row) => withLinks(db, row));
}

function withLinks(db: Db, row: IncidentColumns): IncidentRecord {
  const links = db
    .prepare(
      `SELECT link_type, link_id FROM incident_links WHERE incident_id = ?
       ORDER BY link_type, link_id`,
    )
    .all(row.id) as Array<{ link_type: IncidentLinkType; link_id: string }>;

  return {
    id: row.id,
    instanceId: row.instance_id,
    title: row.title,
    severity: row.severity,
    status: row.status,
    owner: row.owner,
    notes: row.notes,
    idempotencyKey: row.idempotency_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    findingIds: links.filter((l) => l.link_type === 'finding').map((l) => l.link_id),
    eventIds: links.filter((l) => l.link_type === 'event').map((l) => l.link_id),
  };
}
