/**
 * Webhook bodies shaped like Zoom's: `{event, event_ts, payload: {account_id, operator,
 * operator_id, object}}`. Sign-in events carry no operator, as in Zoom's own samples.
 */
import type { Builder, ChannelInfo, Person, Profile } from './builder.ts';
import type { DemoActivity, DemoMessage, DemoWebhook } from './model.ts';
import { isoSecond } from './time.ts';

function envelope(
  builder: Builder,
  event: string,
  eventTs: number,
  operator: Person | undefined,
  object: Record<string, unknown>,
): DemoWebhook {
  const payload: Record<string, unknown> = { account_id: builder.accountId };
  if (operator) {
    payload.operator = operator.email;
    payload.operator_id = operator.id;
  }
  payload.object = object;
  return { event, event_ts: eventTs, payload };
}

function channelObject(info: ChannelInfo, at: number, members: Person[]) {
  return {
    id: info.channel.id,
    name: info.channel.name,
    type: info.channel.type,
    date_time: isoSecond(at),
    timestamp: at,
    members: members.map((m) => ({ id: m.id, display_name: m.displayName, email: m.email })),
  };
}

export function channelCreated(builder: Builder, info: ChannelInfo): DemoWebhook {
  const initial = info.members.filter((m) => m.joinedAt === info.createdAt).map((m) => m.person);
  const object = channelObject(info, info.createdAt, initial);
  return envelope(builder, 'chat_channel.created', info.createdAt, info.owner, object);
}

export function memberInvited(
  builder: Builder,
  info: ChannelInfo,
  at: number,
  inviter: Person,
  invited: Person[],
): DemoWebhook {
  const object = channelObject(info, at, invited);
  return envelope(builder, 'chat_channel.member_invited', at, inviter, object);
}

const WEBHOOK_CLIENT: Record<string, string> = {
  Windows: 'win',
  Mac: 'mac',
  iPhone: 'iphone',
  Android: 'android',
  Browser: 'browser',
};

/** The webhook twin of an API sign-in or sign-out: same e-mail, same second, no IP. */
export function signInTwin(builder: Builder, profile: Profile, row: DemoActivity): DemoWebhook {
  const event = row.type === 'Sign in' ? 'user.signed_in' : 'user.signed_out';
  const at = Date.parse(row.time);
  const object = {
    id: profile.user.id,
    email: row.email,
    date_time: row.time,
    client_type: WEBHOOK_CLIENT[row.client_type] ?? row.client_type.toLowerCase(),
    version: row.version,
    login_type: 0,
  };
  return envelope(builder, event, at + 300 + (at % 700), undefined, object);
}

/** The webhook twin of an API chat message: same id, same timestamp, the text as sent. */
export function messageTwin(builder: Builder, sender: Person, message: DemoMessage): DemoWebhook {
  const toChannel = message.to_channel !== undefined;
  const object = {
    id: message.id,
    type: toChannel ? 'to_channel' : 'to_contact',
    date_time: message.date_time,
    timestamp: message.timestamp,
    session_id: message.session_id,
    channel_id: message.to_channel ?? '',
    channel_name: toChannel ? message.receiver : '',
    contact_email: message.to_contact ?? '',
    contact_id: toChannel ? '' : contactIdOf(builder, message.to_contact),
    message: message.message,
  };
  const delay = 150 + (message.timestamp % 900);
  return envelope(builder, 'chat_message.sent', message.timestamp + delay, sender, object);
}

function contactIdOf(builder: Builder, email: string | undefined): string {
  const all = [...builder.profiles.map((p) => p.person), ...builder.externals];
  return all.find((p) => p.email === email)?.id ?? '';
}

/** user.deactivated / user.activated for a status change in the operation log. */
export function statusChanged(
  builder: Builder,
  event: 'user.deactivated' | 'user.activated',
  at: number,
  operator: Person,
  target: Profile,
): DemoWebhook {
  const object = {
    id: target.user.id,
    first_name: target.user.first_name,
    last_name: target.user.last_name,
    email: target.user.email,
    type: target.user.type,
  };
  return envelope(builder, event, at, operator, object);
}
