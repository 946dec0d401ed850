/**
 * Webhook bodies ({event, event_ts, payload}). Kinds that the API also reports (sign-ins,
 * messages) get the same ids as the API records, so the two meet as one event with two
 * pieces of evidence; webhook-only kinds are keyed by event name, object id and event_ts.
 */
import type { EventKind, NewEvent } from '../../shared/events.ts';
import { stableEventId } from '../store/events.ts';
import {
  arr,
  baseEvent,
  isObject,
  lowerEmail,
  made,
  messageEventId,
  obj,
  signEventId,
  skip,
  str,
  timeOf,
  toMillis,
} from './common.ts';
import type { JsonObject, Normalised, NormaliseContext } from './common.ts';
import { fileNamesOf } from './chat.ts';

/** The parts of a body every handler reads. */
interface Envelope {
  name: string;
  eventTs: number | null;
  payload: JsonObject;
  object: JsonObject;
  operator: string | null;
  operatorId: string | null;
  context: NormaliseContext;
}

type Handler = (envelope: Envelope) => Normalised;

const HANDLERS: Record<string, Handler> = {
  'user.signed_in': signIn,
  'user.signed_out': signIn,
  'chat_message.sent': messageSent,
  'chat_message.replied': messageSent,
  'chat_message.updated': messageUpdated,
  'chat_message.deleted': messageDeleted,
  'chat_channel.created': channelCreated,
  'chat_channel.member_invited': (e) => memberChange(e, 'chat.member_added', false),
  'chat_channel.member_joined': (e) => memberChange(e, 'chat.member_added', true),
  'chat_channel.member_removed': (e) => memberChange(e, 'chat.member_removed', false),
  'chat_channel.member_left': (e) => memberChange(e, 'chat.member_removed', true),
  'user.activated': (e) => userChange(e, 'admin.user_status_changed', { status: 'active' }),
  'user.deactivated': (e) => userChange(e, 'admin.user_status_changed', { status: 'inactive' }),
  'user.created': (e) => userChange(e, 'admin.user_created', {}),
  'user.deleted': (e) => userChange(e, 'admin.user_deleted', {}),
  'user.updated': userUpdated,
  'meeting.participant_joined': participantJoined,
};

/** The account a body belongs to, when it says. */
export function webhookAccountId(body: unknown): string | null {
  if (!isObject(body)) return null;
  const payload = obj(body, 'payload');
  return payload ? str(payload, 'account_id') : null;
}

export function isWebhookBody(value: unknown): value is JsonObject {
  return isObject(value) && typeof value.event === 'string' && isObject(value.payload);
}

export function normaliseWebhook(body: unknown, context: NormaliseContext): Normalised {
  if (!isWebhookBody(body)) return skip('not a webhook body (no event and payload)');

  const payload = body.payload as JsonObject;
  const envelope: Envelope = {
    name: body.event as string,
    eventTs: toMillis(body.event_ts),
    payload,
    object: obj(payload, 'object') ?? {},
    operator: str(payload, 'operator'),
    operatorId: str(payload, 'operator_id'),
    context,
  };

  if (envelope.name === 'endpoint.url_validation') return skip('URL validation, not an event');
  // Own keys only: an event named "constructor" or "__proto__" is just an unknown event.
  const handler = Object.hasOwn(HANDLERS, envelope.name) ? HANDLERS[envelope.name]! : otherEvent;
  return handler(envelope);
}

function signIn(e: Envelope): Normalised {
  const kind = e.name === 'user.signed_in' ? 'auth.sign_in' : 'auth.sign_out';
  const email = str(e.object, 'email');
  const at = timeOf(e.object, 'date_time', 'timestamp') ?? e.eventTs;
  if (!email || at === null) return skip(`${e.name} without e-mail or time`);

  const event = baseEvent(signEventId(e.context.accountId, kind, email, at), kind,
    e.context.source, at);
  event.actorEmail = lowerEmail(email);
  event.actorId = str(e.object, 'id');
  event.clientType = str(e.object, 'client_type');
  event.detail = { version: str(e.object, 'version'), loginType: e.object.login_type ?? null };
  return made([event]);
}

function messageSent(e: Envelope): Normalised {
  const parent = str(e.object, 'parent_msg_id') ?? str(e.object, 'reply_main_message_id');
  const kind = e.name === 'chat_message.replied' || parent ? 'chat.message_replied'
    : 'chat.message_sent';
  const messageId = str(e.object, 'id');
  const at = timeOf(e.object, 'timestamp', 'date_time') ?? e.eventTs;
  if (!messageId || at === null) return skip(`${e.name} without message id or time`);

  const event = messageEvent(e, messageEventId(e.context.accountId, kind, messageId), kind, at);
  event.parentMessageId = parent;
  return made([event]);
}

function messageUpdated(e: Envelope): Normalised {
  const messageId = str(e.object, 'id');
  const at = timeOf(e.object, 'timestamp', 'date_time') ?? e.eventTs;
  if (!messageId || at === null) return skip(`${e.name} without message id or time`);

  const id = messageEventId(e.context.accountId, 'chat.message_updated', messageId, at);
  return made([messageEvent(e, id, 'chat.message_updated', at)]);
}

function messageDeleted(e: Envelope): Normalised {
  const messageId = str(e.object, 'id');
  const at = e.eventTs ?? timeOf(e.object, 'timestamp', 'date_time');
  if (!messageId || at === null) return skip(`${e.name} without message id or time`);

  const id = messageEventId(e.context.accountId, 'chat.message_deleted', messageId);
  return made([messageEvent(e, id, 'chat.message_deleted', at)]);
}

/** The columns a chat_message.* body fills: sender, conversation, text. */
function messageEvent(e: Envelope, id: string, kind: EventKind, at: number): NewEvent {
  const event = baseEvent(id, kind, e.context.source, at);
  event.actorEmail = lowerEmail(e.operator);
  event.actorId = e.operatorId;
  event.messageId = str(e.object, 'id');
  event.text = typeof e.object.message === 'string' ? e.object.message : null;

  if (str(e.object, 'type') === 'to_contact' || str(e.object, 'contact_email')) {
    event.targetEmail = lowerEmail(str(e.object, 'contact_email'));
    event.targetId = str(e.object, 'contact_id');
  } else {
    event.channelId = str(e.object, 'channel_id');
    event.channelName = str(e.object, 'channel_name');
  }
  event.detail = {
    sessionId: str(e.object, 'session_id'),
    event: e.name,
    fileNames: fileNamesOf(e.object.files),
  };
  return event;
}

function channelCreated(e: Envelope): Normalised {
  const channelId = str(e.object, 'id');
  const at = webhookTime(e, 'timestamp', 'date_time');
  const event = webhookOnlyEvent(e, 'chat.channel_created', channelId, at);

  event.actorEmail = lowerEmail(e.operator);
  event.actorId = e.operatorId;
  event.channelId = channelId;
  event.channelName = str(e.object, 'name');
  event.detail = {
    ...at.detail,
    type: e.object.type ?? null,
    members: arr(e.object, 'members').filter(isObject).map(memberSummary),
  };
  return made([event]);
}

/**
 * One event per member. Invitations and removals list `members`; joins and departures are
 * done by the member, who is then the operator.
 */
function memberChange(
  e: Envelope,
  kind: 'chat.member_added' | 'chat.member_removed',
  selfService: boolean,
): Normalised {
  const channelId = str(e.object, 'id');
  const at = webhookTime(e, 'timestamp', 'date_time');
  const listed = arr(e.object, 'members').filter(isObject).map(memberSummary);
  const members = listed.length > 0 || !selfService
    ? listed
    : [{ id: e.operatorId, displayName: null, email: e.operator }];
  if (members.length === 0) return skip(`${e.name} lists no members`);

  return made(members.map((member) => {
    const event = webhookOnlyEvent(e, kind, `${channelId ?? ''}/${member.id ?? member.email}`,
      at);
    event.actorEmail = lowerEmail(e.operator);
    event.actorId = e.operatorId;
    event.targetId = member.id;
    event.targetEmail = lowerEmail(member.email);
    event.channelId = channelId;
    event.channelName = str(e.object, 'name');
    event.detail = { ...at.detail, memberName: member.displayName, event: e.name };
    return event;
  }));
}

function memberSummary(member: JsonObject): {
  id: string | null;
  displayName: string | null;
  email: string | null;
} {
  return {
    id: str(member, 'id') ?? str(member, 'member_id'),
    displayName: str(member, 'display_name') ?? str(member, 'name'),
    email: str(member, 'email'),
  };
}

function userChange(e: Envelope, kind: EventKind, detail: Record<string, unknown>): Normalised {
  const userId = str(e.object, 'id');
  const at = webhookTime(e);
  const event = webhookOnlyEvent(e, kind, userId, at);

  event.actorEmail = lowerEmail(e.operator);
  event.actorId = e.operatorId;
  event.targetEmail = lowerEmail(str(e.object, 'email'));
  event.targetId = userId;
  event.detail = {
    ...at.detail,
    ...detail,
    event: e.name,
    type: e.object.type ?? null,
    operation: e.object.operation ?? null,
  };
  return made([event]);
}

function userUpdated(e: Envelope): Normalised {
  const userId = str(e.object, 'id');
  const at = webhookTime(e);
  const event = webhookOnlyEvent(e, 'user.updated', userId, at);

  event.actorEmail = lowerEmail(e.operator);
  event.actorId = e.operatorId;
  event.targetEmail = lowerEmail(str(e.object, 'email'));
  event.targetId = userId;
  event.detail = { ...at.detail, changed: e.object, previous: obj(e.payload, 'old_object') };
  return made([event]);
}

function participantJoined(e: Envelope): Normalised {
  const participant = obj(e.object, 'participant') ?? {};
  const joinedAt = timeOf(participant, 'join_time') ?? e.eventTs;
  const at: WebhookTime = joinedAt === null ? webhookTime(e) : { ms: joinedAt, detail: {} };
  const meeting = str(e.object, 'uuid') ?? str(e.object, 'id');
  const who = str(participant, 'participant_uuid') ?? str(participant, 'id')
    ?? str(participant, 'user_id');
  const event = webhookOnlyEvent(e, 'meeting.participant_joined', `${meeting}/${who}`, at);

  event.actorEmail = lowerEmail(str(participant, 'email'));
  event.actorId = str(participant, 'user_id');
  event.ip = str(participant, 'public_ip');
  event.detail = {
    ...at.detail,
    meetingId: str(e.object, 'id'),
    meetingUuid: str(e.object, 'uuid'),
    topic: str(e.object, 'topic'),
    hostId: str(e.object, 'host_id'),
    participantName: str(participant, 'user_name'),
    // Zoom's user id of a signed-in participant; guests who did not sign in have none.
    participantUserId: str(participant, 'id'),
  };
  return made([event]);
}

/** An event this product has no kind for: kept as an operation, with its name and object. */
function otherEvent(e: Envelope): Normalised {
  const at = webhookTime(e, 'timestamp', 'date_time');
  const event = webhookOnlyEvent(e, 'admin.operation', str(e.object, 'id'), at);

  event.actorEmail = lowerEmail(e.operator);
  event.actorId = e.operatorId;
  event.text = e.name;
  event.detail = { ...at.detail, event: e.name, object: e.object };
  return made([event]);
}

/** webhook-only kinds: account, event name, object id, event_ts. */
function webhookOnlyEvent(
  e: Envelope,
  kind: EventKind,
  objectId: string | null,
  at: WebhookTime,
): NewEvent {
  // A receipt time differs on every import; the body itself is the stable key then.
  const stamp = e.eventTs ?? (at.detail.timeFromReceipt ? JSON.stringify(e.payload) : at.ms);
  const id = stableEventId(e.context.accountId, kind, {
    fields: [e.name, objectId ?? '', stamp],
  });
  return baseEvent(id, kind, e.context.source, at.ms);
}

interface WebhookTime {
  ms: number;
  detail: Record<string, unknown>;
}

/**
 * When it happened: event_ts, the payload's time_stamp, or a time field of the object. Some
 * bodies carry none; then the receipt time stands in, and the event says so.
 */
function webhookTime(e: Envelope, ...objectKeys: string[]): WebhookTime {
  const known = e.eventTs ?? timeOf(e.payload, 'time_stamp') ?? timeOf(e.object, ...objectKeys);
  if (known !== null) return { ms: known, detail: {} };
  return { ms: e.context.receivedAt, detail: { timeFromReceipt: true } };
}
