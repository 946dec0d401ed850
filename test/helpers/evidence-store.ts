/**
 * Events for the action and report tests, stored as ingest stores them: the record's JSON as
 * a raw record first, then the event pointing at it.
 */
import type { EventKind, NewEvent } from '../../shared/events.ts';
import { baseEvent } from '../../main/ingest/common.ts';
import type { Db } from '../../main/store/db.ts';
import { insertEvent } from '../../main/store/events.ts';
import { insertRawRecord } from '../../main/store/raw.ts';

export type EventFields = Partial<NewEvent> & { id: string; kind: EventKind; occurredAt: number };

/** Stores one event and its raw record; returns the event id. */
export function storeEvent(db: Db, instanceId: number, fields: EventFields, raw?: unknown): string {
  const event: NewEvent = {
    ...baseEvent(fields.id, fields.kind, 'api.chat_report', fields.occurredAt),
    ...fields,
  };
  const record = raw ?? {
    id: event.messageId ?? event.id,
    sender: event.actorEmail,
    message: event.text,
    timestamp: event.occurredAt,
  };
  const ref = insertRawRecord(db, JSON.stringify(record), event.source, null, event.occurredAt);
  insertEvent(db, instanceId, event, ref, event.occurredAt);
  return event.id;
}

/** A channel message as the chat report would give it. */
export function storeChannelMessage(
  db: Db,
  instanceId: number,
  message: {
    id: string;
    at: number;
    senderEmail: string;
    senderId: string;
    channelId: string;
    channelName: string;
    text: string;
    eventId?: string;
  },
): string {
  return storeEvent(db, instanceId, {
    id: message.eventId ?? `evt-${message.id}`,
    kind: 'chat.message_sent',
    occurredAt: message.at,
    actorEmail: message.senderEmail,
    actorId: message.senderId,
    channelId: message.channelId,
    channelName: message.channelName,
    messageId: message.id,
    text: message.text,
  }, {
    id: message.id,
    sender: message.senderEmail,
    sender_user_id: message.senderId,
    receiver: message.channelName,
    channel_id: message.channelId,
    message: message.text,
    timestamp: message.at,
  });
}
