/**
 * Team Chat: one user's messages in one conversation, one message, deleting a message, the
 * user's channels and a channel's members. Channel and member lists carry no times, as Zoom's.
 */
import {
  currentText,
  isMember,
  isSender,
  personKey,
  requireChannel,
  requireUser,
} from './lookup.ts';
import type { DemoChannel, DemoMessage, DemoUser, TenantData } from './model.ts';
import { pageOf } from './paging.ts';
import { param } from './routes-users.ts';
import { DAY_MS, dayOf, parseDay, parseInstant } from './windows.ts';
import { invalidRequest, isTrue, json, NO_CONTENT, queryValue, zoomError } from './wire.ts';
import type { Route, RouteContext, WireResult } from './wire.ts';

export const CHAT_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/chat/users/:userId/messages',
    category: 'Medium',
    scope: 'team_chat:read:list_user_messages:admin',
    handle: listMessages,
  },
  {
    method: 'GET',
    pattern: '/chat/users/:userId/messages/:messageId',
    category: 'Medium',
    scope: 'team_chat:read:user_message:admin',
    handle: getMessage,
  },
  {
    method: 'DELETE',
    pattern: '/chat/users/:userId/messages/:messageId',
    category: 'Medium',
    scope: 'team_chat:delete:user_message:admin',
    handle: deleteMessage,
  },
  {
    method: 'GET',
    pattern: '/chat/users/:userId/channels',
    category: 'Medium',
    scope: 'team_chat:read:list_user_channels:admin',
    handle: listChannels,
  },
  {
    method: 'GET',
    pattern: '/chat/users/:userId/channels/:channelId/members',
    category: 'Medium',
    scope: 'team_chat:read:list_members:admin',
    handle: listMembers,
  },
  {
    method: 'DELETE',
    pattern: '/chat/users/:userId/channels/:channelId/members/:identifier',
    category: 'Medium',
    scope: 'team_chat:delete:member:admin',
    handle: removeMember,
  },
];

type Conversation = { kind: 'channel'; channelId: string } | { kind: 'contact'; contact: string };

/** Exactly one of to_channel and to_contact names the conversation. */
function conversationOf(ctx: RouteContext): Conversation {
  const channelId = queryValue(ctx, 'to_channel');
  const contact = queryValue(ctx, 'to_contact');

  if (channelId !== undefined && contact !== undefined) {
    throw invalidRequest('Only one of to_channel and to_contact may be given.');
  }
  if (channelId !== undefined) return { kind: 'channel', channelId };
  if (contact !== undefined) return { kind: 'contact', contact };
  throw invalidRequest('Either to_channel or to_contact is required.');
}

function inConversation(
  data: TenantData,
  message: DemoMessage,
  conversation: Conversation,
  user: DemoUser,
): boolean {
  if (conversation.kind === 'channel') return message.to_channel === conversation.channelId;
  if (message.to_contact === undefined) return false;

  const sender = personKey(data, message.sender);
  const receiver = personKey(data, message.to_contact);
  const me = user.email.toLowerCase();
  const them = personKey(data, conversation.contact);
  return (sender === me && receiver === them) || (sender === them && receiver === me);
}

function listMessages(ctx: RouteContext): WireResult {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  const conversation = conversationOf(ctx);
  if (conversation.kind === 'channel') requireChannel(ctx.data, conversation.channelId);

  const range = messageRange(ctx);
  const withChanges = isTrue(ctx, 'include_deleted_and_edited_message');
  const matching = ctx.data.messages
    .filter((m) => inConversation(ctx.data, m, conversation, user))
    .filter((m) => m.timestamp >= range.startMs && m.timestamp < range.endMs)
    .filter((m) => withChanges || m.deleted_at === undefined)
    .sort((a, b) => b.timestamp - a.timestamp);

  const page = pageOf(ctx, matching, { max: 50, default: 10 });
  return json(200, {
    ...range.echo,
    ...page.fields,
    messages: page.items.map((m) => chatMessage(m, withChanges)),
  });
}

interface MessageRange {
  startMs: number;
  endMs: number;
  /** The range fields the response repeats back. */
  echo: Record<string, string>;
}

/** `from`/`to` date-times win over `date`; with neither, Zoom shows today. */
function messageRange(ctx: RouteContext): MessageRange {
  const from = queryValue(ctx, 'from');
  const to = queryValue(ctx, 'to');

  if (from !== undefined || to !== undefined) {
    const startMs = from === undefined ? 0 : parseInstant(from);
    const endMs = to === undefined ? ctx.now + 1 : parseInstant(to) + 1;
    if (endMs <= startMs) throw invalidRequest('The from time must not be after the to time.');
    return { startMs, endMs, echo: { ...(from ? { from } : {}), ...(to ? { to } : {}) } };
  }

  const date = queryValue(ctx, 'date') ?? dayOf(ctx.now);
  const startMs = parseDay(date);
  return { startMs, endMs: startMs + DAY_MS, echo: { date } };
}

function chatMessage(message: DemoMessage, withStatus: boolean): Record<string, unknown> {
  return {
    id: message.id,
    message: currentText(message),
    sender: message.sender,
    send_member_id: message.send_member_id,
    sender_display_name: message.sender_display_name,
    date_time: message.date_time,
    timestamp: message.timestamp,
    message_type: message.message_type,
    reply_main_message_id: message.reply_main_message_id,
    ...(message.reply_main_message_timestamp === undefined
      ? {}
      : { reply_main_message_timestamp: message.reply_main_message_timestamp }),
    files: message.files,
    reactions: [],
    at_items: [],
    ...(withStatus ? { status: messageStatus(message) } : {}),
  };
}

function messageStatus(message: DemoMessage): 'Normal' | 'Edited' | 'Deleted' {
  if (message.deleted_at !== undefined) return 'Deleted';
  return message.edits.length > 0 ? 'Edited' : 'Normal';
}

/** The message named in the path, if it is live and belongs to the named conversation. */
function liveMessage(ctx: RouteContext, user: DemoUser): DemoMessage {
  const messageId = param(ctx, 'messageId');
  const conversation = conversationOf(ctx);
  const message = ctx.data.messages.find((m) => m.id === messageId);

  const visible =
    message !== undefined &&
    message.deleted_at === undefined &&
    inConversation(ctx.data, message, conversation, user);
  if (!visible) throw zoomError(404, 5301, `Message does not exist: ${messageId}.`);
  return message;
}

function getMessage(ctx: RouteContext): WireResult {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  return json(200, chatMessage(liveMessage(ctx, user), false));
}

/** Zoom deletes "a message you previously sent": the path's user must be the sender. */
function deleteMessage(ctx: RouteContext): WireResult {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  const message = liveMessage(ctx, user);

  if (!isSender(ctx.data, message, user.id)) {
    throw zoomError(400, 5301, 'Only the sender of a message can delete it.');
  }

  message.deleted_at = ctx.now;
  return NO_CONTENT;
}

function listChannels(ctx: RouteContext): WireResult {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  const channels = ctx.data.channels.filter((c) => isMember(ctx.data, c, user));

  const page = pageOf(ctx, channels, { max: 50, default: 10 });
  return json(200, { ...page.fields, channels: page.items.map(channelItem) });
}

function channelItem(channel: DemoChannel): Record<string, unknown> {
  return { id: channel.id, jid: channel.jid, name: channel.name, type: channel.type };
}

/** A channel the path's user belongs to, or Zoom's refusal. */
function memberChannel(ctx: RouteContext): { user: DemoUser; channel: DemoChannel } {
  const user = requireUser(ctx.data, param(ctx, 'userId'));
  const channel = requireChannel(ctx.data, param(ctx, 'channelId'));

  if (!isMember(ctx.data, channel, user)) {
    throw zoomError(400, 5301, `User ${user.email} is not a member of this channel.`);
  }
  return { user, channel };
}

function listMembers(ctx: RouteContext): WireResult {
  const { channel } = memberChannel(ctx);
  const page = pageOf(ctx, channel.members, { max: 100, default: 10 });
  return json(200, { ...page.fields, members: page.items.map((m) => ({ ...m })) });
}

function removeMember(ctx: RouteContext): WireResult {
  const { user, channel } = memberChannel(ctx);
  const actor = channel.members.find((m) => m.id === user.id || m.email === user.email);
  if (actor?.role !== 'owner' && actor?.role !== 'admin') {
    throw zoomError(400, 5301, 'Only the channel owner or an admin can remove members.');
  }

  const identifier = param(ctx, 'identifier');
  const index = channel.members.findIndex(
    (m) =>
      m.member_id === identifier ||
      m.id === identifier ||
      m.email.toLowerCase() === identifier.toLowerCase(),
  );
  const target = channel.members[index];
  if (!target) throw zoomError(404, 5301, `Member does not exist: ${identifier}.`);
  if (target.role === 'owner') throw zoomError(400, 5301, 'The channel owner cannot be removed.');

  channel.members.splice(index, 1);
  return NO_CONTENT;
}
