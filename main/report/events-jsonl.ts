/**
 * events.jsonl: one event per line (LF), each with the SHA-256 of every raw record that
 * evidences it, so that a reader can find `raw/<sha256>.json` for any line.
 */
import type { Db } from '../store/db.ts';
import { evidenceRawIds } from '../store/events.ts';
import type { EventWithSeq } from '../store/events.ts';
import { getRawSha256 } from '../store/raw.ts';
import { DELETED_BY_RESPONSE_ACTION } from '../actions/types.ts';
import type { BundleData } from './data.ts';
import { messageKey } from './data.ts';
import { LineWriter } from './files.ts';

export const EVENTS_FILE = 'events.jsonl';

export interface EventsWritten {
  file: string;
  count: number;
  /** Raw records the lines cite, for raw/. */
  rawIds: Set<number>;
}

/** The window's events, then any finding evidence outside the window, each once. */
export function writeEventsJsonl(dir: string, db: Db, data: BundleData): EventsWritten {
  const writer = new LineWriter(dir, EVENTS_FILE);
  const rawIds = new Set<number>();
  let count = 0;

  try {
    for (const event of bundleEvents(data)) {
      writer.line(eventLine(db, event, data, rawIds));
      count += 1;
    }
  } finally {
    writer.close();
  }
  return { file: EVENTS_FILE, count, rawIds };
}

/**
 * The events that make up the bundle, streamed: the window's events (unique already), then
 * finding evidence the window did not include. Only evidence ids are remembered.
 */
export function* bundleEvents(data: BundleData): Generator<EventWithSeq> {
  const evidence = new Map(data.findings.flatMap((f) => f.evidence).map((e) => [e.id, e]));

  for (const event of data.events()) {
    evidence.delete(event.id);
    yield event;
  }
  yield* evidence.values();
}

/** Notes the evidence carries about an event, e.g. that a response action deleted it. */
export function eventNotes(event: EventWithSeq, data: BundleData): string[] {
  const key = messageKey(event);
  return key !== null && data.deletedByAction.has(key) ? [DELETED_BY_RESPONSE_ACTION] : [];
}

function eventLine(db: Db, event: EventWithSeq, data: BundleData, rawIds: Set<number>): string {
  const evidence = evidenceRawIds(db, event.id);
  if (!evidence.includes(event.rawId)) evidence.unshift(event.rawId);
  for (const id of evidence) rawIds.add(id);

  // seq is this database's insertion order: meaningless outside it, so it is left out.
  const row: Partial<EventWithSeq> = { ...event };
  delete row.seq;
  return JSON.stringify({
    ...row,
    occurredAtUtc: new Date(event.occurredAt).toISOString(),
    evidenceRawSha256: evidence.map((id) => getRawSha256(db, id)).filter((s) => s !== null),
    notes: eventNotes(event, data),
  });
}
