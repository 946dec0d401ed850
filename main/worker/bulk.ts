/**
 * A bulk ingest of generated sign-in records through the real store path (raw record, event,
 * FTS and hour-count triggers), in batched transactions. Used to load-test the worker: the main
 * thread must stay responsive while this runs.
 */
import { stableEventId, insertEvent } from '../store/events.ts';
import { inTransaction } from '../store/db.ts';
import type { Db } from '../store/db.ts';
import { insertRawRecord } from '../store/raw.ts';

export interface BulkRequest {
  instanceId: number;
  accountId: string;
  count: number;
  startAt: number;
  batch: number;
}

const MINUTE = 60_000;

function record(i: number, at: number): string {
  return JSON.stringify({
    email: `user${i % 997}@bulk.example`,
    time: new Date(at).toISOString(),
    type: 'Sign in',
    ip_address: `198.51.100.${i % 250}`,
    client_type: 'Browser',
    version: '6.0.0',
  });
}

/** Inserts one batch; returns how many events were new. */
function insertBatch(db: Db, request: BulkRequest, from: number, to: number, now: number) {
  return inTransaction(db, () => {
    let inserted = 0;
    for (let i = from; i < to; i++) {
      const at = request.startAt + i * MINUTE;
      const raw = insertRawRecord(db, record(i, at), 'import', null, now);
      const event = {
        id: stableEventId(request.accountId, 'auth.sign_in', { fields: ['bulk', i] }),
        kind: 'auth.sign_in' as const,
        source: 'import' as const,
        occurredAt: at,
        actorEmail: `user${i % 997}@bulk.example`,
        actorId: null, targetEmail: null, targetId: null, channelId: null, channelName: null,
        messageId: null, parentMessageId: null, text: null,
        ip: `198.51.100.${i % 250}`,
        clientType: 'Browser',
        detail: {},
      };
      if (insertEvent(db, request.instanceId, event, raw, now) === 'inserted') inserted++;
    }
    return inserted;
  });
}

/** Runs every batch, yielding between them so that other requests are answered meanwhile. */
export async function bulkIngest(
  db: Db,
  request: BulkRequest,
  onProgress: (done: number) => void,
): Promise<number> {
  let inserted = 0;
  for (let from = 0; from < request.count; from += request.batch) {
    const to = Math.min(request.count, from + request.batch);
    inserted += insertBatch(db, request, from, to, Date.now());
    onProgress(to);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return inserted;
}
