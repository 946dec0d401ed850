/**
 * The demo organisation as data. The generator (`organisation.ts`, `incidents.ts`) builds it
 * from a seed and an end date; the tenant server (`server.ts`) serves it in Zoom's wire format
 * and mutates it when actions change things (a deleted message, a deactivated user).
 * Field names are Zoom's, so that serving a record is a copy, not a translation.
 */

export interface DemoUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  display_name: string;
  type: number;
  status: 'active' | 'inactive' | 'pending';
  role_id: string;
  dept: string;
  timezone: string;
  created_at: string;
  user_created_at: string;
  last_login_time?: string;
  last_client_version?: string;
  language: string;
  verified: number;
}

/** One row of GET /report/activities. No id: Zoom gives none. */
export interface DemoActivity {
  email: string;
  time: string;
  type: 'Sign in' | 'Sign out';
  ip_address: string;
  client_type: string;
  version: string;
}

/** One row of GET /report/operationlogs. */
export interface DemoOperationLog {
  time: string;
  operator: string;
  category_type: string;
  action: string;
  operation_detail: string;
}

export interface DemoChannelMember {
  id: string;
  member_id: string;
  email: string;
  first_name: string;
  last_name: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
  is_external: boolean;
}

/** A channel. Zoom's channel and member lists carry no times; neither does this. */
export interface DemoChannel {
  id: string;
  jid: string;
  name: string;
  type: number;
  owner_id: string;
  members: DemoChannelMember[];
}

/** One edit of a message: the new text and when it was made. */
export interface DemoEdit {
  message: string;
  timestamp: number;
}

/**
 * A Team Chat message with its history. `to_channel` or `to_contact` says where it went.
 * `deleted_at` is set when the sender (or an action through the API) deleted it.
 */
export interface DemoMessage {
  id: string;
  session_id: string;
  sender: string;
  sender_user_id: string;
  sender_display_name: string;
  send_member_id: string;
  to_channel?: string;
  to_contact?: string;
  receiver: string;
  date_time: string;
  timestamp: number;
  message: string;
  message_type: string;
  reply_main_message_id: string;
  reply_main_message_timestamp?: number;
  files: Array<{ file_id: string; file_name: string; file_size: number }>;
  edits: DemoEdit[];
  deleted_at?: number;
}

/** A chat session as the chat report lists it: a channel or a one-to-one conversation. */
export interface DemoChatSession {
  id: string;
  type: 'Group' | '1:1';
  name: string;
  channel_id?: string;
  /** For 1:1 sessions: the two participants' e-mails (one may be external). */
  participants?: [string, string];
}

/** A webhook body exactly as Zoom would POST it (event, event_ts, payload). */
export type DemoWebhook = Record<string, unknown>;

/** Points at the wire records that make up a planted incident or a benign look-alike. */
export type RecordRef =
  | { stream: 'activities'; email: string; time: string; type: 'Sign in' | 'Sign out' }
  | { stream: 'operation_logs'; operator: string; time: string; operation_detail: string }
  | { stream: 'chat'; message_id: string; version: 'sent' | 'updated' | 'deleted' }
  | { stream: 'webhook'; event: string; object_id: string; event_ts: number };

export interface AnswerKeyEntry {
  id: string;
  /** The detector id that must fire (incidents) or must not fire (benign). */
  detector: string;
  /** The user e-mail (or channel id) the finding is about. */
  subject: string;
  description: string;
  records: RecordRef[];
}

export interface AnswerKey {
  seed: number;
  endDate: string;
  accountId: string;
  incidents: AnswerKeyEntry[];
  benign: AnswerKeyEntry[];
}

export interface TenantData {
  accountId: string;
  /** The organisation's own e-mail domains; anything else is external. */
  ownDomains: string[];
  users: DemoUser[];
  activities: DemoActivity[];
  operationLogs: DemoOperationLog[];
  channels: DemoChannel[];
  sessions: DemoChatSession[];
  messages: DemoMessage[];
  /** Webhook bodies a relay would have captured (channel created, members invited, ...). */
  webhooks: DemoWebhook[];
  answerKey: AnswerKey;
  /**
   * Generator-only: the country each IP address was chosen for (ISO 3166-1 alpha-2), so
   * tests can check it against the offline geo database. Never served over the wire.
   */
  intendedCountries?: Record<string, string>;
}

export interface GenerateOptions {
  seed: number;
  /** yyyy-mm-dd (UTC). The data covers the 30 days that end on this date. */
  endDate: string;
}
