/**
 * Team Chat messages from the chat report (messages, edited_messages, deleted_messages of a
 * session) and from per-user listings (GET /chat/users/{id}/messages, with `status`).
 * One event per version: the send (or reply), each edit, the deletion.
 */
import type { NewEvent } from '../../shared/events.ts';
import {
  baseEvent,
  isEmail,
  isObject,
  lowerEmail,
  made,
  messageEventId,
  skip,
  str,
  timeOf,
} from './common.ts';
import type { JsonObject, Normalised, NormaliseContext } from './common.ts';

/** A message as the chat report lists it: sent, or replied when it is in a thread. */
export function normaliseChatReportMessage(
  record: unknown,
  context: NormaliseContext,
): Normalised {
  if (!isObject(record)) return skip('chat message is not an object');

  const sent = sentEvent(record, context);
  return typeof sent === 'string' ? skip(sent) : made([sent]);
}

/** One entry of edited_messages: the new text and when it was written. */
export function normaliseChatReportEdit(record: unknown, context: NormaliseContext): Normalised {
  if (!isObject(record)) return skip('edited message is not an object');

  const messageId = str(record, 'id');
  const editedAt = timeOf(record, 'action_timestamp', 'timestamp', 'date_time');
  if (!messageId) return skip('edited message has no id');
  if (editedAt === null) return skip('edited message has no readable time');

  const id = messageEventId(context.accountId, 'chat.message_updated', messageId, editedAt);
  const event = baseEvent(id, 'chat.message_updated', context.source, editedAt);
  fillMessageColumns(event, record, context, messageId);
  event.detail = { ...event.detail, sentAt: timeOf(record, 'timestamp', 'date_time') };
  return made([event]);
}

/**
 * One entry of deleted_messages. The report leaves deleted messages out of `messages`, so
 * the entry also evidences the send; both events are made.
 */
export function normaliseChatReportDeletion(
  record: unknown,
  context: NormaliseContext,
): Normalised {
  if (!isObject(record)) return skip('deleted message is not an object');

  const messageId = str(record, 'id');
  const deletedAt = timeOf(record, 'action_timestamp', 'timestamp', 'date_time');
  if (!messageId) return skip('deleted message has no id');
  if (deletedAt === null) return skip('deleted message has no readable time');

  const id = messageEventId(context.accountId, 'chat.message_deleted', messageId);
  const deletion = baseEvent(id, 'chat.message_deleted', context.source, deletedAt);
  fillMessageColumns(deletion, record, context, messageId);

  const sent = sentEvent(record, context);
  return made(typeof sent === 'string' ? [deletion] : [sent, deletion]);
}

/**
 * A per-user listing item. Its `status` says Edited or Deleted but not when, so those events
 * carry the send time and say that the change time is unknown.
 */
export function normaliseUserChatMessage(record: unknown, context: NormaliseContext): Normalised {
  if (!isObject(record)) return skip('chat message is not an object');

  const sent = sentEvent(record, context);
  if (typeof sent === 'string') return skip(sent);

  const status = str(record, 'status');
  const messageId = sent.messageId ?? '';
  if (status?.toLowerCase() === 'edited') {
    return made([sent, changeWithoutTime(sent, 'chat.message_updated', messageId, context)]);
  }
  if (status?.toLowerCase() === 'deleted') {
    return made([sent, changeWithoutTime(sent, 'chat.message_deleted', messageId, context)]);
  }
  return made([sent]);
}

/** The send (or thread reply) a message record evidences, or why there is none. */
function sentEvent(record: JsonObject, context: NormaliseContext): NewEvent | string {
  const messageId = str(record, 'id') ?? str(record, 'msg_id');
  const sentAt = timeOf(record, 'timestamp', 'date_time');
  if (!messageId) return 'chat message has no id';
  if (sentAt === null) return 'chat message has no readable time';

  const parent = str(record, 'reply_main_message_id') ?? str(record, 'parent_msg_id');
  const kind = parent ? 'chat.message_replied' : 'chat.message_sent';
  const event = baseEvent(messageEventId(context.accountId, kind, messageId), kind, context.source,
    sentAt);
  fillMessageColumns(event, record, context, messageId);
  event.parentMessageId = parent;
  return event;
}

function changeWithoutTime(
  sent: NewEvent,
  kind: 'chat.message_updated' | 'chat.message_deleted',
  messageId: string,
  context: NormaliseContext,
): NewEvent {
  const id =
    kind === 'chat.message_updated'
      ? messageEventId(context.accountId, kind, `${messageId}@unknown`)
      : messageEventId(context.accountId, kind, messageId);
  return {
    ...sent,
    id,
    kind,
    parentMessageId: null,
    detail: { ...sent.detail, changeTimeUnknown: true },
  };
}

/** Sender, conversation and text: the columns every version of a message shares. */
function fillMessageColumns(
  event: NewEvent,
  record: JsonObject,
  context: NormaliseContext,
  messageId: string,
): void {
  const sender = str(record, 'sender') ?? str(record, 'sender_email');
  event.actorEmail = lowerEmail(sender);
  event.actorId = str(record, 'sender_user_id');
  event.messageId = messageId;
  event.text = typeof record.message === 'string' ? record.message : null;
  fillConversation(event, record, context);
  event.detail = {
    senderDisplayName: str(record, 'sender_display_name'),
    messageType: str(record, 'message_type'),
    files: Array.isArray(record.files) ? record.files.length : 0,
    fileNames: fileNamesOf(record.files),
    sessionId: context.session?.id ?? str(record, 'session_id'),
  };
}

/** The names of a message's shared files (Zoom's `files[].file_name`), at most 20. */
export function fileNamesOf(files: unknown): string[] {
  if (!Array.isArray(files)) return [];
  return files
    .map((file) => (isObject(file) ? str(file, 'file_name') : null))
    .filter((name): name is string => name !== null)
    .slice(0, 20);
}

/** A 1:1 chat names the other person; a channel is named by id and name. */
function fillConversation(event: NewEvent, record: JsonObject, context: NormaliseContext): void {
  const receiver = str(record, 'receiver') ?? str(record, 'to_contact');
  const channelId =
    context.channel?.id ??
    context.session?.channelId ??
    str(record, 'channel_id') ??
    str(record, 'to_channel');

  if (channelId || (receiver !== null && !isEmail(receiver))) {
    event.channelId = channelId;
    event.channelName = context.channel?.name ?? context.session?.name ?? receiverName(receiver);
    return;
  }
  event.targetEmail = lowerEmail(receiver);
}

function receiverName(receiver: string | null): string | null {
  return receiver !== null && !isEmail(receiver) ? receiver : null;
}
