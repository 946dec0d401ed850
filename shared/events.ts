/**
 * The event contract: what one normalised occurrence looks like, wherever it came from.
 * Main writes these rows, the renderer and the CLI read them; both sides import this file.
 */
import { z } from 'zod';

/** Every kind of occurrence the product names. One row per thing a person would name. */
export const EVENT_KINDS = [
  'auth.sign_in',
  'auth.sign_out',
  'chat.message_sent',
  'chat.message_replied',
  'chat.message_updated',
  'chat.message_deleted',
  'chat.channel_created',
  'chat.member_added',
  'chat.member_removed',
  'admin.user_status_changed',
  'admin.setting_changed',
  'admin.role_changed',
  'admin.user_created',
  'admin.user_deleted',
  'admin.operation',
  'user.updated',
  'meeting.participant_joined',
] as const;

export const EventKind = z.enum(EVENT_KINDS);
export type EventKind = z.infer<typeof EventKind>;

/**
 * Where a record came from. API sources are named after the endpoint family; webhook bodies
 * and other files an investigator imports keep their own source so that provenance is clear.
 */
export const EVENT_SOURCES = [
  'api.report_activities',
  'api.operation_logs',
  'api.chat_report',
  'api.chat_messages',
  'api.channels',
  'api.users',
  'webhook',
  'import',
] as const;

export const EventSource = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof EventSource>;

/** A normalised event as stored and as shown. Times are UTC epoch milliseconds. */
export const EventRow = z.object({
  /** Stable id: Zoom's id where there is one, else a hash of the identifying fields. */
  id: z.string(),
  instanceId: z.number().int(),
  kind: EventKind,
  source: EventSource,
  occurredAt: z.number().int(),
  actorEmail: z.string().nullable(),
  actorId: z.string().nullable(),
  targetEmail: z.string().nullable(),
  targetId: z.string().nullable(),
  channelId: z.string().nullable(),
  channelName: z.string().nullable(),
  messageId: z.string().nullable(),
  parentMessageId: z.string().nullable(),
  /** Message text or the operation log's detail sentence. Hostile: never render as HTML. */
  text: z.string().nullable(),
  ip: z.string().nullable(),
  clientType: z.string().nullable(),
  /** Extra normalised fields for this kind (setting, from, to, members, ...). */
  detail: z.record(z.string(), z.unknown()),
  rawId: z.number().int(),
  rawSha256: z.string(),
});
export type EventRow = z.infer<typeof EventRow>;

/** A normalised event before it is stored: the store assigns the raw link. */
export type NewEvent = Omit<EventRow, 'instanceId' | 'rawId' | 'rawSha256'>;
