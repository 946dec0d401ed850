/**
 * The delete-message action: find the message in the evidence store, and say how Zoom is
 * asked to delete it (as its sender, in its conversation, ids percent-encoded).
 */
import type { EventWithSeq } from '../store/events.ts';
import { getEvent } from '../store/events.ts';
import type { Db } from '../store/db.ts';
import { ExpectedError, UsageError } from '../errors.ts';
import type { MessageTarget, ZoomCall } from './types.ts';
import { zoomPath } from '../zoom/paths.ts';
import { describeCall } from './zoom-call.ts';

const MESSAGE_KINDS = [
  'chat.message_sent',
  'chat.message_replied',
  'chat.message_updated',
  'chat.message_deleted',
];

const PREVIEW_CHARS = 80;

/** Resolves an event id or a Zoom message id to the message and its conversation. */
export function findMessageTarget(db: Db, target: string, instanceId?: number): {
  instanceId: number;
  message: MessageTarget;
} {
  const events = messageEvents(db, target, instanceId);
  const first = chooseInstance(events, target);
  const sameAccount = events.filter((e) => e.instanceId === first.instanceId);

  return { instanceId: first.instanceId, message: toTarget(first, sameAccount, target) };
}

/** GET of the one message: the pre-action snapshot and, after a crash, the settling check. */
export function messageFetchCall(message: MessageTarget): ZoomCall {
  return { method: 'GET', path: messagePath(message), query: conversationQuery(message) };
}

export function messageDeleteCall(message: MessageTarget): ZoomCall {
  return { method: 'DELETE', path: messagePath(message), query: conversationQuery(message) };
}

export function describeMessage(message: MessageTarget): string {
  const where = message.toChannel
    ? `channel ${message.channelName ?? message.toChannel} (${message.toChannel})`
    : `chat with ${message.toContact}`;
  return `message ${message.messageId} from ${message.senderEmail ?? message.sender} in ${where}`;
}

/** The plan's steps in words, naming the exact calls. */
export function deleteSteps(message: MessageTarget, accountLabel: string): string[] {
  const steps = [
    `In Zoom account ${accountLabel}, fetch ${describeMessage(message)} fresh ` +
      `(${describeCall(messageFetchCall(message))}) and keep the answer as evidence.`,
    `Delete it as its sender: ${describeCall(messageDeleteCall(message))} (no body). ` +
      'Zoom answers 204 when it is deleted, 404 when it is already gone; neither is retried.',
    'Record who, when, the request and Zoom\'s answer in the audit log. The stored copies of ' +
      'the message stay in the evidence store, marked deleted_by_response_action.',
  ];
  if (message.knownDeletedAt !== null) {
    steps.push(
      `Note: the evidence store already records this message as deleted at ` +
        `${new Date(message.knownDeletedAt).toISOString()}; Zoom will probably answer 404.`,
    );
  }
  return steps;
}

function messagePath(message: MessageTarget): string {
  return zoomPath`/chat/users/${message.sender}/messages/${message.messageId}`;
}

/** Exactly one of to_channel and to_contact; the client encodes query values. */
function conversationQuery(message: MessageTarget): Record<string, string> {
  if (message.toChannel) return { to_channel: message.toChannel };
  return { to_contact: message.toContact ?? '' };
}

/** The events of the named message: by event id first, else by Zoom message id. */
function messageEvents(db: Db, target: string, instanceId?: number): EventWithSeq[] {
  const named = getEvent(db, target);
  const messageId = named?.messageId ?? target;

  const kinds = MESSAGE_KINDS.map(() => '?').join(', ');
  const rows = db
    .prepare(
      `SELECT id FROM events WHERE message_id = ? AND kind IN (${kinds})
       ${instanceId === undefined ? '' : 'AND instance_id = ?'} ORDER BY occurred_at, seq`,
    )
    .all(messageId, ...MESSAGE_KINDS, ...(instanceId === undefined ? [] : [instanceId])) as Array<{
    id: string;
  }>;

  const events = rows.map((row) => getEvent(db, row.id)).filter((e) => e !== null);
  if (events.length === 0) throw notInStore(target);
  return events;
}

/** One account only: the same message id stored for two accounts needs an explicit choice. */
function chooseInstance(events: EventWithSeq[], target: string): EventWithSeq {
  const instances = new Set(events.map((e) => e.instanceId));
  if (instances.size > 1) {
    throw new UsageError(
      `Message ${target} is stored for ${instances.size} connected accounts.`,
      'Name the account with --instance NAME.',
    );
  }
  return events[0]!;
}

function toTarget(first: EventWithSeq, events: EventWithSeq[], named: string): MessageTarget {
  const original = events.find((e) => e.kind !== 'chat.message_deleted') ?? first;
  const sender = original.actorId ?? original.actorEmail;
  if (!sender) throw noSender(named);

  const toContact = original.channelId ? null : (original.targetEmail ?? original.targetId);
  if (!original.channelId && !toContact) throw noConversation(named);

  const deletion = events.find((e) => e.kind === 'chat.message_deleted');
  return {
    messageId: original.messageId!,
    eventId: events.some((e) => e.id === named) ? named : original.id,
    sender,
    senderEmail: original.actorEmail,
    toChannel: original.channelId,
    toContact,
    channelName: original.channelName,
    sentAt: original.occurredAt,
    textPreview: preview(original.text),
    knownDeletedAt: deletion?.occurredAt ?? null,
  };
}

function preview(text: string | null): string | null {
  if (text === null) return null;
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

function notInStore(target: string): ExpectedError {
  return new ExpectedError(
    `No chat message with event id or message id "${target}" is in the evidence store.`,
    'Sync the chat stream first, or copy the id from `events --kind chat.message_sent`.',
  );
}

function noSender(target: string): ExpectedError {
  return new ExpectedError(
    `The stored message ${target} does not say who sent it, and Zoom deletes a message only ` +
      'as its sender.',
    'Re-sync the chat stream so that the sender is known, then plan the action again.',
  );
}

function noConversation(target: string): ExpectedError {
  return new ExpectedError(
    `The stored message ${target} names neither a channel nor a contact, and Zoom needs one.`,
    'Re-sync the chat stream so that the conversation is known, then plan the action again.',
  );
}
