/**
 * Normalised events: insert with deduplication, and the keyset queries the timeline and the
 * CLI read. Every event points at the raw record it was derived from.
 */
import type { EventKind, EventRow, EventSource, NewEvent } from '../../shared/events.ts';
import type { Db } from './db.ts';
import { cachedStatements } from './statements.ts';
import { sha256Hex } from './hash.ts';
import type { RawRef } from './raw.ts';

/**
 * A stable event id: Zoom's own id where the record has one, else a hash of the identifying
 * fields. Scoped by account, since two connected accounts can see the same message.
 */
export function stableEventId(
  accountId: string,
  kind: EventKind,
  key: { zoomId: string } | { fields: ReadonlyArray<string | number> },
): string {
  if ('zoomId' in key) return `${accountId}:${kind}:${key.zoomId}`;
  return `${accountId}:${kind}:h${sha256Hex(key.fields.join('\u0000')).slice(0, 32)}`;
}

export type InsertOutcome = 'inserted' | 'merged';

/**
 * Stores one event, or, when an event with the same id exists, links this raw record as
 * further evidence and fills in columns the first source lacked (an API sign-in adds the IP
 * that a webhook body did not carry). Stored values are never overwritten.
 */
export function insertEvent(
  db: Db,
  instanceId: number,
  event: NewEvent,
  raw: RawRef,
  now: number,
): InsertOutcome {
  const statements = prepared(db);
  const inserted = statements.insert.run({
    ...toColumns(event),
    instance_id: instanceId,
    raw_id: raw.id,
    raw_sha256: raw.sha256,
    ingested_at: now,
  });

  statements.evidence.run(event.id, raw.id);
  if (inserted.changes === 1) return 'inserted';

  statements.fillGaps.run({ ...toColumns(event) });
  return 'merged';
}

export interface EventQuery {
  instanceId?: number;
  since?: number;
  until?: number;
  kinds?: EventKind[];
  actor?: string;
  /** FTS5 query over text, people and channel names; plain words are matched as phrases. */
  search?: string;
  limit?: number;
  /** Keyset cursor: rows strictly older than this (newest-first order). */
  before?: { occurredAt: number; seq: number };
}

export interface EventWithSeq extends EventRow {
  seq: number;
}

/** Events newest first, read through the time index; keyset pages, never OFFSET. */
export function queryEvents(db: Db, query: EventQuery = {}): EventWithSeq[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};

  if (query.instanceId !== undefined) {
    where.push('e.instance_id = @instanceId');
    params.instanceId = query.instanceId;
  }
  if (query.since !== undefined) {
    where.push('e.occurred_at >= @since');
    params.since = query.since;
  }
  if (query.until !== undefined) {
    where.push('e.occurred_at < @until');
    params.until = query.until;
  }
  if (query.kinds && query.kinds.length > 0) {
    where.push(`e.kind IN (${query.kinds.map((_, i) => `@kind${i}`).join(', ')})`);
    query.kinds.forEach((kind, i) => (params[`kind${i}`] = kind));
  }
  if (query.actor) {
    where.push('(e.actor_email = @actor COLLATE NOCASE OR e.actor_id = @actor)');
    params.actor = query.actor;
  }
  if (query.search) {
    where.push('e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @search)');
    params.search = toFtsQuery(query.search);
  }
  if (query.before) {
    where.push('(e.occurred_at, e.seq) < (@beforeAt, @beforeSeq)');
    params.beforeAt = query.before.occurredAt;
    params.beforeSeq = query.before.seq;
  }

  const sql = `SELECT e.* FROM events e ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY e.occurred_at DESC, e.seq DESC LIMIT @limit`;
  params.limit = query.limit ?? 100;

  return (db.prepare(sql).all(params) as EventColumns[]).map(fromColumns);
}

export function getEvent(db: Db, id: string): EventWithSeq | null {
  const row = db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventColumns | undefined;
  return row ? fromColumns(row) : null;
}

export function getEventsByIds(db: Db, ids: readonly string[]): EventWithSeq[] {
  const statement = db.prepare('SELECT * FROM events WHERE id = ?');
  return ids
    .map((id) => statement.get(id) as EventColumns | undefined)
    .filter((row): row is EventColumns => row !== undefined)
    .map(fromColumns);
}

/** Every raw record id that evidences an event (the first one and any merged later). */
export function evidenceRawIds(db: Db, eventId: string): number[] {
  const rows = db.prepare('SELECT raw_id FROM event_evidence WHERE event_id = ? ORDER BY raw_id');
  return (rows.all(eventId) as Array<{ raw_id: number }>).map((row) => row.raw_id);
}

export function countEvents(db: Db, instanceId?: number): number {
  const row =
    instanceId === undefined
      ? db.prepare('SELECT count(*) AS n FROM events').get()
      : db.prepare('SELECT count(*) AS n FROM events WHERE instance_id = ?').get(instanceId);
  return (row as { n: number }).n;
}

/** Streams events of some kinds in time order, for detectors and reports. */
export function* iterateEvents(
  db: Db,
  filter: { instanceId?: number; kinds?: readonly EventKind[]; since?: number; until?: number },
): Generator<EventWithSeq> {
  const where: string[] = [];
  const params: unknown[] = [];

  if (filter.instanceId !== undefined) {
    where.push('instance_id = ?');
    params.push(filter.instanceId);
  }
  if (filter.kinds && filter.kinds.length > 0) {
    where.push(`kind IN (${filter.kinds.map(() => '?').join(', ')})`);
    params.push(...filter.kinds);
  }
  if (filter.since !== undefined) {
    where.push('occurred_at >= ?');
    params.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('occurred_at < ?');
    params.push(filter.until);
  }

  const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY occurred_at, seq`;
  for (const row of db.prepare(sql).iterate(...params) as Iterable<EventColumns>) {
    yield fromColumns(row);
  }
}

/**
 * Quotes each word so that user input can never be read as FTS5 syntax, and matches it as a
 * prefix: `AKIA` finds `AKIARZMW…`, `cred` finds `creds`.
 */
export function toFtsQuery(input: string): string {
  const words = input.split(/\s+/).filter((word) => word.length > 0);
  return words.map((word) => `"${word.replaceAll('"', '""')}"*`).join(' ');
}

interface EventColumns {
  seq: number;
  id: string;
  instance_id: number;
  kind: EventKind;
  source: EventSource;
  occurred_at: number;
  actor_email: string | null;
  actor_id: string | null;
  target_email: string | null;
  target_id: string | null;
  channel_id: string | null;
  channel_name: string | null;
  message_id: string | null;
  parent_message_id: string | null;
  text: string | null;
  ip: string | null;
  client_type: string | null;
  detail_json: string;
  raw_id: number;
  raw_sha256: string;
}

function toColumns(event: NewEvent): Record<string, unknown> {
  return {
    id: event.id,
    kind: event.kind,
    source: event.source,
    occurred_at: event.occurredAt,
    actor_email: wellFormed(event.actorEmail),
    actor_id: wellFormed(event.actorId),
    target_email: wellFormed(event.targetEmail),
    target_id: wellFormed(event.targetId),
    channel_id: wellFormed(event.channelId),
    channel_name: wellFormed(event.channelName),
    message_id: wellFormed(event.messageId),
    parent_message_id: wellFormed(event.parentMessageId),
    text: wellFormed(event.text),
    ip: wellFormed(event.ip),
    client_type: wellFormed(event.clientType),
    detail_json: JSON.stringify(event.detail),
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * SQLite stores text as UTF-8, which cannot hold a lone UTF-16 surrogate: it would be written
 * as invalid bytes and read back as U+FFFD. Such a surrogate is kept visibly as `\uD800`
 * instead; the raw record keeps the original escape exactly.
 */
export function wellFormed(value: string | null): string | null {
  if (value === null) return value;
  return value.replace(LONE_SURROGATE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function fromColumns(row: EventColumns): EventWithSeq {
  return {
    seq: row.seq,
    id: row.id,
    instanceId: row.instance_id,
    kind: row.kind,
    source: row.source,
    occurredAt: row.occurred_at,
    actorEmail: row.actor_email,
    actorId: row.actor_id,
    targetEmail: row.target_email,
    targetId: row.target_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    messageId: row.message_id,
    parentMessageId: row.parent_message_id,
    text: row.text,
    ip: row.ip,
    clientType: row.client_type,
    detail: JSON.parse(row.detail_json) as Record<string, unknown>,
    rawId: row.raw_id,
    rawSha256: row.raw_sha256,
  };
}

const prepared = cachedStatements(prepareStatements);

function prepareStatements(db: Db) {
  return {
    insert: db.prepare(
      `INSERT INTO events (id, instance_id, kind, source, occurred_at, actor_email, actor_id,
         target_email, target_id, channel_id, channel_name, message_id, parent_message_id, text,
         ip, client_type, detail_json, raw_id, raw_sha256, ingested_at)
       VALUES (@id, @instance_id, @kind, @source, @occurred_at, @actor_email, @actor_id,
         @target_email, @target_id, @channel_id, @channel_name, @message_id, @parent_message_id,
         @text, @ip, @client_type, @detail_json, @raw_id, @raw_sha256, @ingested_at)
       ON CONFLICT (id) DO NOTHING`,
    ),
    evidence: db.prepare(
      'INSERT INTO event_evidence (event_id, raw_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    ),
    fillGaps: db.prepare(
      `UPDATE events SET
         actor_email = coalesce(actor_email, @actor_email),
         actor_id = coalesce(actor_id, @actor_id),
         target_email = coalesce(target_email, @target_email),
         target_id = coalesce(target_id, @target_id),
         channel_id = coalesce(channel_id, @channel_id),
         channel_name = coalesce(channel_name, @channel_name),
         text = coalesce(text, @text),
         ip = coalesce(ip, @ip),
         client_type = coalesce(client_type, @client_type)
       WHERE id = @id`,
    ),
  };
}

/** Maps a raw `SELECT * FROM events` row, for queries written in other store modules. */
export function eventFromRow(row: unknown): EventWithSeq {
  return fromColumns(row as EventColumns);
}
