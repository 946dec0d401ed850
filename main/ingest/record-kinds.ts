/**
 * The record families the product reads, the normaliser for each, and how to tell them
 * apart when a file does not say (an array of records from an unknown source).
 */
import { normaliseActivity } from './activities.ts';
import {
  normaliseChatReportDeletion,
  normaliseChatReportEdit,
  normaliseChatReportMessage,
  normaliseUserChatMessage,
} from './chat.ts';
import { isObject, made, skip } from './common.ts';
import type { Normalised, NormaliseContext } from './common.ts';
import { normaliseOperationLog } from './operation-logs.ts';
import { normaliseWebhook } from './webhooks.ts';

export const RECORD_KINDS = [
  'activity',
  'operation_log',
  'chat_report_message',
  'chat_report_edit',
  'chat_report_deletion',
  'chat_user_message',
  'chat_session',
  'webhook',
  'user',
  'channel',
  'channel_member',
  'unknown',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

/** Lists whose records make snapshots or guide the sync, not events. */
const NO_EVENTS: ReadonlySet<RecordKind> = new Set(['chat_session', 'user', 'channel',
  'channel_member']);

export function normaliseRecord(
  kind: RecordKind,
  record: unknown,
  context: NormaliseContext,
): Normalised {
  if (NO_EVENTS.has(kind)) return made([]);

  switch (kind) {
    case 'activity':
      return normaliseActivity(record, context);
    case 'operation_log':
      return normaliseOperationLog(record, context);
    case 'chat_report_message':
      return normaliseChatReportMessage(record, context);
    case 'chat_report_edit':
      return normaliseChatReportEdit(record, context);
    case 'chat_report_deletion':
      return normaliseChatReportDeletion(record, context);
    case 'chat_user_message':
      return normaliseUserChatMessage(record, context);
    case 'webhook':
      return normaliseWebhook(record, context);
    default:
      return skip(`no normaliser for ${kind}`);
  }
}

/** Guesses a record's family from its fields; null when nothing fits. */
export function inferRecordKind(record: unknown): RecordKind | null {
  if (!isObject(record)) return null;

  const has = (key: string): boolean => record[key] !== undefined;
  if (typeof record.event === 'string' && isObject(record.payload)) return 'webhook';
  if (has('operation_detail')) return 'operation_log';
  if (has('email') && has('time') && has('type')) return 'activity';
  if (has('last_message_sent_time')) return 'chat_session';
  if (has('message') && (has('timestamp') || has('date_time'))) {
    return has('status') ? 'chat_user_message' : 'chat_report_message';
  }
  if (has('member_id') || (has('role') && has('is_external'))) return 'channel_member';
  if (has('jid') || (has('id') && has('name') && typeof record.type === 'number')) {
    return has('email') ? 'user' : 'channel';
  }
  if (has('id') && has('email') && (has('status') || has('role_id') || has('first_name'))) {
    return 'user';
  }
  return null;
}
