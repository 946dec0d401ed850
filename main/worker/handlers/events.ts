/** The timeline, its histogram, one event's detail and one person's neighbourhood. */
import type { EventDetail, RawEvidence } from '../../../shared/ipc.ts';
import { ExpectedError } from '../../errors.ts';
import { evidenceRawIds, getEvent } from '../../store/events.ts';
import type { EventWithSeq } from '../../store/events.ts';
import { getFinding } from '../../store/findings.ts';
import { getInstanceById } from '../../store/instances.ts';
import { getRawRecord } from '../../store/raw.ts';
import {
  findingIdsCiting,
  histogram,
  messageVersions,
  nearActor,
  nearChannel,
  pageAfter,
  pageBefore,
  personAccounts,
  personEvents,
} from '../../store/timeline.ts';
import type { Db } from '../../store/db.ts';
import { withoutEvidence } from './types.ts';
import type { HandlerTable } from './types.ts';

const RELATED_LIMIT = 10;

export const eventHandlers: HandlerTable = {
  'events.page': ({ ctx }, request) => {
    // One extra row tells the renderer whether another page exists, without a count(*).
    const limit = request.limit + 1;
    const rows = request.after
      ? pageAfter(ctx.db, request.filter, request.after, limit)
      : pageBefore(ctx.db, request.filter, request.before, limit);

    const hasMore = rows.length > request.limit;
    if (!hasMore) return { rows, hasMore };
    return { rows: request.after ? rows.slice(1) : rows.slice(0, request.limit), hasMore };
  },

  'events.histogram': ({ ctx }, request) => ({
    bucketMs: request.bucketMs,
    ...histogram(ctx.db, request.filter, request.bucketMs),
  }),

  'events.detail': ({ ctx }, request) => eventDetail(ctx.db, request.id),

  'person.view': ({ ctx }, request) => {
    const rows = personEvents(
      ctx.db,
      request.email,
      request.around - request.spanMs,
      request.around + request.spanMs,
    );
    const of = (prefix: string) => rows.filter((row) => row.kind.startsWith(prefix));

    return {
      email: request.email,
      accounts: personAccounts(ctx.db, request.email),
      signIns: of('auth.'),
      chat: rows.filter((row) => row.kind.startsWith('chat.message')),
      channels: rows.filter((row) => row.kind.startsWith('chat.') && !row.messageId),
      admin: of('admin.'),
    };
  },
};

function eventDetail(db: Db, id: string): EventDetail {
  const event = getEvent(db, id);
  if (!event) {
    throw new ExpectedError(`No event with id ${id}.`, 'The event may belong to a purged account.');
  }

  return {
    event,
    instanceName: getInstanceById(db, event.instanceId).name,
    evidence: evidenceOf(db, event.id),
    versions: event.messageId ? messageVersions(db, event.instanceId, event.messageId) : [],
    sameUser: related(event, (e) =>
      e.actorEmail ? nearActor(db, e.instanceId, e.actorEmail, e.occurredAt, RELATED_LIMIT) : []),
    sameChannel: related(event, (e) =>
      e.channelId ? nearChannel(db, e.instanceId, e.channelId, e.occurredAt, RELATED_LIMIT) : []),
    findings: findingsCiting(db, event.id),
  };
}

function related(event: EventWithSeq, find: (e: EventWithSeq) => EventWithSeq[]): EventWithSeq[] {
  return find(event).filter((other) => other.id !== event.id);
}

function evidenceOf(db: Db, eventId: string): RawEvidence[] {
  return evidenceRawIds(db, eventId).flatMap((rawId) => {
    const raw = getRawRecord(db, rawId);
    if (!raw) return [];
    return [{
      rawId: raw.id,
      sha256: raw.sha256,
      source: raw.source,
      firstSeenAt: raw.firstSeenAt,
      json: raw.json,
    }];
  });
}

function findingsCiting(db: Db, eventId: string) {
  return findingIdsCiting(db, eventId).flatMap((findingId) => {
    const finding = getFinding(db, findingId);
    if (!finding) return [];
    return [withoutEvidence(finding)];
  });
}
