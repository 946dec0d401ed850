/**
 * The desktop timeline's reads: keyset pages in both directions, the histogram, and the
 * neighbourhoods the detail and person screens show. Every query walks an index.
 */
import type { EventKind } from '../../shared/events.ts';
import type { Db } from './db.ts';
import { eventFromRow, toFtsQuery } from './events.ts';
import type { EventWithSeq } from './events.ts';

export interface TimelineFilter {
  instanceId?: number;
  kinds?: EventKind[];
  actor?: string;
  search?: string;
  since?: number;
  until?: number;
  eventIds?: string[];
}

export interface KeysetPosition {
  occurredAt: number;
  seq: number;
}

interface Where {
  clauses: string[];
  params: Record<string, unknown>;
}

const HOUR = 3_600_000;

/** Builds the WHERE clause for a filter; values go in as parameters, never as SQL text. */
function whereOf(filter: TimelineFilter): Where {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};

  if (filter.instanceId !== undefined) {
    clauses.push('e.instance_id = @instanceId');
    params.instanceId = filter.instanceId;
  }
  if (filter.since !== undefined) {
    clauses.push('e.occurred_at >= @since');
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    clauses.push('e.occurred_at < @until');
    params.until = filter.until;
  }
  if (filter.kinds && filter.kinds.length > 0) {
    clauses.push(`e.kind IN (${filter.kinds.map((_, i) => `@kind${i}`).join(', ')})`);
    filter.kinds.forEach((kind, i) => (params[`kind${i}`] = kind));
  }
  if (filter.actor) {
    clauses.push(
      '(e.actor_email = @actor COLLATE NOCASE OR e.actor_id = @actor ' +
        'OR e.target_email = @actor COLLATE NOCASE)',
    );
    params.actor = filter.actor;
  }
  if (filter.search) {
    clauses.push('e.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH @search)');
    params.search = toFtsQuery(filter.search);
  }
  if (filter.eventIds) {
    clauses.push('e.id IN (SELECT value FROM json_each(@eventIds))');
    params.eventIds = JSON.stringify(filter.eventIds);
  }
  return { clauses, params };
}

function sqlWhere(where: Where): string {
  return where.clauses.length > 0 ? `WHERE ${where.clauses.join(' AND ')}` : '';
}

/** One page, newest first, strictly older than `before` (or from the newest). */
export function pageBefore(
  db: Db,
  filter: TimelineFilter,
  before: KeysetPosition | undefined,
  limit: number,
): EventWithSeq[] {
  const where = whereOf(filter);
  if (before) {
    where.clauses.push('(e.occurred_at, e.seq) < (@atKey, @seqKey)');
    where.params.atKey = before.occurredAt;
    where.params.seqKey = before.seq;
  }

  const sql = `SELECT e.* FROM events e ${sqlWhere(where)}
    ORDER BY e.occurred_at DESC, e.seq DESC LIMIT @limit`;
  return db.prepare(sql).all({ ...where.params, limit }).map(eventFromRow);
}

/** One page strictly newer than `after`, returned newest first like every other page. */
export function pageAfter(
  db: Db,
  filter: TimelineFilter,
  after: KeysetPosition,
  limit: number,
): EventWithSeq[] {
  const where = whereOf(filter);
  where.clauses.push('(e.occurred_at, e.seq) > (@atKey, @seqKey)');
  where.params.atKey = after.occurredAt;
  where.params.seqKey = after.seq;

  const sql = `SELECT e.* FROM events e ${sqlWhere(where)}
    ORDER BY e.occurred_at ASC, e.seq ASC LIMIT @limit`;
  return db.prepare(sql).all({ ...where.params, limit }).map(eventFromRow).reverse();
}

export interface HistogramData {
  starts: number[];
  counts: number[];
  fromHourTable: boolean;
}

/**
 * Counts per bucket. Filters the per-hour table can answer (account, kinds, window) read it;
 * actor, search and id filters count the matching events instead.
 */
export function histogram(db: Db, filter: TimelineFilter, bucketMs: number): HistogramData {
  const useTable = !filter.actor && !filter.search && !filter.eventIds && bucketMs % HOUR === 0;
  const rows = useTable
    ? countFromHourTable(db, filter, bucketMs)
    : countEvents(db, filter, bucketMs);

  return {
    starts: rows.map((row) => row.bucket * bucketMs),
    counts: rows.map((row) => row.n),
    fromHourTable: useTable,
  };
}

interface BucketRow {
  bucket: number;
  n: number;
}

function countFromHourTable(db: Db, filter: TimelineFilter, bucketMs: number): BucketRow[] {
  const clauses: string[] = ['n > 0'];
  const params: Record<string, unknown> = { hoursPerBucket: bucketMs / HOUR };

  if (filter.instanceId !== undefined) {
    clauses.push('instance_id = @instanceId');
    params.instanceId = filter.instanceId;
  }
  if (filter.since !== undefined) {
    clauses.push('hour >= @sinceHour');
    params.sinceHour = Math.floor(filter.since / HOUR);
  }
  if (filter.until !== undefined) {
    clauses.push('hour < @untilHour');
    params.untilHour = Math.ceil(filter.until / HOUR);
  }
  if (filter.kinds && filter.kinds.length > 0) {
    clauses.push(`kind IN (${filter.kinds.map((_, i) => `@kind${i}`).join(', ')})`);
    filter.kinds.forEach((kind, i) => (params[`kind${i}`] = kind));
  }

  const sql = `SELECT hour / @hoursPerBucket AS bucket, sum(n) AS n FROM event_hour_counts
    WHERE ${clauses.join(' AND ')} GROUP BY bucket ORDER BY bucket`;
  return db.prepare(sql).all(params) as BucketRow[];
}

function countEvents(db: Db, filter: TimelineFilter, bucketMs: number): BucketRow[] {
  const where = whereOf(filter);
  const sql = `SELECT e.occurred_at / @bucketMs AS bucket, count(*) AS n FROM events e
    ${sqlWhere(where)} GROUP BY bucket ORDER BY bucket`;
  return db.prepare(sql).all({ ...where.params, bucketMs }) as BucketRow[];
}

/** Every stored version of one chat message (sent, edits, deletion), oldest first. */
export function messageVersions(db: Db, instanceId: number, messageId: string): EventWithSeq[] {
  const sql = `SELECT * FROM events WHERE message_id = ? AND instance_id = ?
    ORDER BY occurred_at, seq`;
  return db.prepare(sql).all(messageId, instanceId).map(eventFromRow);
}

/** The nearest events of one person around a moment (either direction), newest first. */
export function nearActor(
  db: Db,
  instanceId: number,
  email: string,
  around: number,
  limit: number,
): EventWithSeq[] {
  const sql = `SELECT * FROM (
      SELECT * FROM events WHERE actor_email = @email COLLATE NOCASE AND instance_id = @instanceId
        AND occurred_at <= @around ORDER BY occurred_at DESC LIMIT @limit)
    UNION ALL SELECT * FROM (
      SELECT * FROM events WHERE actor_email = @email COLLATE NOCASE AND instance_id = @instanceId
        AND occurred_at > @around ORDER BY occurred_at ASC LIMIT @limit)
    ORDER BY occurred_at DESC, seq DESC`;
  return db.prepare(sql).all({ email, instanceId, around, limit }).map(eventFromRow);
}

/** The nearest events in one channel around a moment, newest first. */
export function nearChannel(
  db: Db,
  instanceId: number,
  channelId: string,
  around: number,
  limit: number,
): EventWithSeq[] {
  const sql = `SELECT * FROM (
      SELECT * FROM events WHERE channel_id = @channelId AND instance_id = @instanceId
        AND occurred_at <= @around ORDER BY occurred_at DESC LIMIT @limit)
    UNION ALL SELECT * FROM (
      SELECT * FROM events WHERE channel_id = @channelId AND instance_id = @instanceId
        AND occurred_at > @around ORDER BY occurred_at ASC LIMIT @limit)
    ORDER BY occurred_at DESC, seq DESC`;
  return db.prepare(sql).all({ channelId, instanceId, around, limit }).map(eventFromRow);
}

/** One person's events in a window across every account, as actor or as target. */
export function personEvents(db: Db, email: string, since: number, until: number): EventWithSeq[] {
  const sql = `SELECT * FROM events
    WHERE occurred_at >= @since AND occurred_at < @until
      AND (actor_email = @email COLLATE NOCASE OR target_email = @email COLLATE NOCASE)
    ORDER BY occurred_at DESC, seq DESC LIMIT 2000`;
  return db.prepare(sql).all({ email, since, until }).map(eventFromRow);
}

/** The display name of a user in each account that knows the address. */
export function personAccounts(
  db: Db,
  email: string,
): Array<{ instanceName: string; displayName: string | null }> {
  const sql = `SELECT i.name AS instanceName, u.display_name AS displayName FROM users u
    JOIN instances i ON i.id = u.instance_id WHERE u.email = ? COLLATE NOCASE ORDER BY i.name`;
  return db.prepare(sql).all(email) as Array<{ instanceName: string; displayName: string | null }>;
}

/** The ids of the findings that cite an event as evidence. */
export function findingIdsCiting(db: Db, eventId: string): string[] {
  const sql = 'SELECT finding_id FROM finding_evidence WHERE event_id = ? ORDER BY finding_id';
  return (db.prepare(sql).all(eventId) as Array<{ finding_id: string }>).map((r) => r.finding_id);
}

/** Per stream, where sync stands for every connected account. */
export function syncStates(db: Db): Array<{
  instanceId: number;
  instanceName: string;
  stream: string;
  status: string;
  reason: string | null;
  lastRunAt: number | null;
  lastOkAt: number | null;
}> {
  const sql = `SELECT s.instance_id AS instanceId, i.name AS instanceName, s.stream, s.status,
      s.reason, s.last_run_at AS lastRunAt, s.last_ok_at AS lastOkAt
    FROM sync_state s JOIN instances i ON i.id = s.instance_id
    WHERE i.removed_at IS NULL ORDER BY i.name, s.stream`;
  return db.prepare(sql).all() as ReturnType<typeof syncStates>;
}

/** How many evidence events each finding has. */
export function findingEvidenceCounts(db: Db): Map<string, number> {
  const sql = 'SELECT finding_id AS id, count(*) AS n FROM finding_evidence GROUP BY finding_id';
  const rows = db.prepare(sql).all() as Array<{ id: string; n: number }>;
  return new Map(rows.map((row) => [row.id, row.n]));
}
