/**
 * Stores one response page (or imported file) and everything derived from it in one
 * transaction: the page as received, each record's JSON, the events, the snapshots.
 */
import type { EventSource } from '../../shared/events.ts';
import { inTransaction } from '../store/db.ts';
import type { Db } from '../store/db.ts';
import { insertEvent } from '../store/events.ts';
import type { Instance } from '../store/instances.ts';
import { insertRawPage, insertRawRecord } from '../store/raw.ts';
import type { RawRef } from '../store/raw.ts';
import { upsertChannel, upsertChannelMember, upsertUser } from '../store/snapshots.ts';
import type { UserSnapshotChange } from '../store/snapshots.ts';
import { isObject } from './common.ts';
import type { NormaliseContext, SessionContext } from './common.ts';
import { normaliseRecord } from './record-kinds.ts';
import type { RecordKind } from './record-kinds.ts';

/** The page as it arrived: the body text is stored byte for byte. */
export interface IngestPage {
  request: string;
  httpStatus: number | null;
  receivedAt: number;
  text: string;
}

/** One record and what the caller knows about where it sits. */
export interface IngestItem {
  kind: RecordKind;
  record: unknown;
  session?: SessionContext;
  channel?: { id: string; name: string | null };
}

export interface IngestCounts {
  records: number;
  /** Events stored for the first time. */
  inserted: number;
  /** Events already stored that gained this record as further evidence. */
  merged: number;
  /** Records that made no event although they should have (the reasons say why). */
  skipped: number;
  skippedReasons: string[];
  /** Users whose status differs from the last snapshot, or who are new. */
  userChanges: UserSnapshotChange[];
}

export function emptyCounts(): IngestCounts {
  return { records: 0, inserted: 0, merged: 0, skipped: 0, skippedReasons: [], userChanges: [] };
}

export function addCounts(total: IngestCounts, more: IngestCounts): IngestCounts {
  return {
    records: total.records + more.records,
    inserted: total.inserted + more.inserted,
    merged: total.merged + more.merged,
    skipped: total.skipped + more.skipped,
    skippedReasons: [...total.skippedReasons, ...more.skippedReasons].slice(0, 50),
    userChanges: [...total.userChanges, ...more.userChanges],
  };
}

export function ingestRecords(
  db: Db,
  instance: Instance,
  source: EventSource,
  page: IngestPage,
  items: readonly IngestItem[],
  now: number = Date.now(),
): IngestCounts {
  return inTransaction(db, () => {
    const pageRef = insertRawPage(db, {
      instanceId: instance.id,
      source,
      request: page.request,
      httpStatus: page.httpStatus,
      receivedAt: page.receivedAt,
      body: page.text,
    });

    const counts = emptyCounts();
    for (const item of items) {
      storeItem(db, instance, source, page, pageRef.id, item, now, counts);
    }
    return counts;
  });
}

function storeItem(
  db: Db,
  instance: Instance,
  source: EventSource,
  page: IngestPage,
  pageId: number,
  item: IngestItem,
  now: number,
  counts: IngestCounts,
): void {
  const raw = insertRawRecord(db, JSON.stringify(item.record), source, pageId, now);
  counts.records += 1;

  const context: NormaliseContext = {
    accountId: instance.accountId,
    source,
    receivedAt: page.receivedAt,
    ...(item.session ? { session: item.session } : {}),
    ...(item.channel ? { channel: item.channel } : {}),
  };
  const normalised = normaliseRecord(item.kind, item.record, context);
  if (normalised.skipped !== null) {
    counts.skipped += 1;
    if (counts.skippedReasons.length < 50) counts.skippedReasons.push(normalised.skipped);
  }

  for (const event of normalised.events) {
    const outcome = insertEvent(db, instance.id, event, raw, now);
    if (outcome === 'inserted') {
      counts.inserted += 1;
    } else {
      counts.merged += 1;
      if (event.kind === 'chat.message_replied') markAsReply(db, event.id, event.parentMessageId);
    }
  }
  storeSnapshot(db, instance, item, raw, now, counts);
}

function storeSnapshot(
  db: Db,
  instance: Instance,
  item: IngestItem,
  raw: RawRef,
  now: number,
  counts: IngestCounts,
): void {
  if (!isObject(item.record)) return;

  if (item.kind === 'user') {
    const change = upsertUser(db, instance.id, item.record, raw, now);
    if (change && (change.isNew || change.previousStatus !== change.status)) {
      counts.userChanges.push(change);
    }
  } else if (item.kind === 'channel') {
    upsertChannel(db, instance.id, item.record, raw, now);
  } else if (item.kind === 'channel_member' && item.channel) {
    upsertChannelMember(db, instance.id, item.channel.id, item.record, raw, now);
  }
}

/**
 * A send stored first from a source that did not know it was a thread reply becomes the
 * reply once a record says so; nothing else of the stored event changes.
 */
function markAsReply(db: Db, eventId: string, parentMessageId: string | null): void {
  db.prepare(
    `UPDATE events SET kind = 'chat.message_replied',
       parent_message_id = coalesce(parent_message_id, ?)
     WHERE id = ? AND kind = 'chat.message_sent'`,
  ).run(parentMessageId, eventId);
}
