/**
 * GET /report/operationlogs rows. `operation_detail` is a free English sentence; the parser
 * reads the shapes it knows and leaves everything else an `admin.operation`, sentence kept.
 */
import type { EventKind } from '../../shared/events.ts';
import { stableEventId } from '../store/events.ts';
import { baseEvent, isObject, lowerEmail, made, skip, str, timeOf } from './common.ts';
import type { Normalised, NormaliseContext } from './common.ts';

export interface ParsedOperation {
  kind: EventKind;
  targetEmail: string | null;
  detail: Record<string, unknown>;
}

const EMAIL = /[^\s@:,;()<>"']+@[^\s@:,;()<>"']+\.[^\s@:,;()<>"']+/;

/** "Section  - Setting: from X to Y" (Zoom puts two spaces before the dash). */
const SETTING = /^(.+?)\s+-\s+(.+?):\s*from\s+(.*?)\s+to\s+(.*)$/s;
const STATUS = /^(de)?activated?\s+(?:the\s+)?user\s*:?\s*(.*)$/is;
const ROLE_CHANGE = /\brole\b/i;
const FROM_TO = /\bfrom\s+(.*?)\s+to\s+(.*)$/s;
const USER_ADDED = /^(?:add|added|create|created)\s+(?:a\s+)?(?:new\s+)?users?\b/i;
const USER_DELETED = /^(?:delete|deleted|remove|removed)\s+(?:the\s+)?users?\b/i;

/** Reads one operation sentence; never throws, whatever the text holds. */
export function parseOperationDetail(
  sentence: string,
  categoryType: string | null,
  action: string | null,
): ParsedOperation {
  const trimmed = sentence.trim();
  const target = firstEmail(trimmed);

  const status = STATUS.exec(trimmed);
  if (status) {
    const email = firstEmail(status[2] ?? '') ?? status[2]?.trim() ?? null;
    const value = status[1] ? 'inactive' : 'active';
    return { kind: 'admin.user_status_changed', targetEmail: email, detail: { status: value } };
  }

  if (isRoleChange(trimmed, categoryType)) return roleChange(trimmed, target);

  const setting = SETTING.exec(trimmed);
  if (setting) return settingChange(setting, target);

  if (USER_ADDED.test(trimmed) || isUserAction(categoryType, action, ['add', 'create'])) {
    return { kind: 'admin.user_created', targetEmail: target, detail: {} };
  }
  if (USER_DELETED.test(trimmed) || isUserAction(categoryType, action, ['delete'])) {
    return { kind: 'admin.user_deleted', targetEmail: target, detail: {} };
  }
  return { kind: 'admin.operation', targetEmail: target, detail: {} };
}

export function normaliseOperationLog(record: unknown, context: NormaliseContext): Normalised {
  if (!isObject(record)) return skip('operation log row is not an object');

  const sentence = typeof record.operation_detail === 'string' ? record.operation_detail : '';
  const occurredAt = timeOf(record, 'time', 'date_time');
  if (occurredAt === null) return skip('operation log row has no readable time');

  const operator = str(record, 'operator');
  const categoryType = str(record, 'category_type');
  const action = str(record, 'action');
  const parsed = parseOperationDetail(sentence, categoryType, action);

  const key = [(operator ?? '').toLowerCase(), occurredAt, sentence];
  const id = stableEventId(context.accountId, parsed.kind, { fields: key });
  const event = baseEvent(id, parsed.kind, context.source, occurredAt);
  event.actorEmail = lowerEmail(operator);
  event.targetEmail = lowerEmail(parsed.targetEmail);
  event.text = sentence;
  event.detail = { ...parsed.detail, categoryType, action, sentence };
  return made([event]);
}

function firstEmail(text: string): string | null {
  const match = EMAIL.exec(text);
  return match ? match[0].replace(/[.]+$/, '') : null;
}

function isRoleChange(sentence: string, categoryType: string | null): boolean {
  if (categoryType?.toLowerCase() === 'role') return true;

  const settingName = SETTING.exec(sentence)?.[2] ?? '';
  const aboutRole = ROLE_CHANGE.test(settingName) || ROLE_CHANGE.test(sentence.split(':')[0] ?? '');
  return aboutRole && /\b(change|changed|assign|assigned|update|updated|from)\b/i.test(sentence);
}

function roleChange(sentence: string, target: string | null): ParsedOperation {
  const fromTo = FROM_TO.exec(sentence);
  const detail: Record<string, unknown> = {};
  if (fromTo) {
    detail.from = fromTo[1]?.trim() ?? null;
    detail.to = fromTo[2]?.trim() ?? null;
  }
  return { kind: 'admin.role_changed', targetEmail: target, detail };
}

function settingChange(match: RegExpExecArray, target: string | null): ParsedOperation {
  return {
    kind: 'admin.setting_changed',
    targetEmail: target,
    detail: {
      section: match[1]?.trim() ?? '',
      setting: match[2]?.trim() ?? '',
      from: match[3]?.trim() ?? '',
      to: match[4]?.trim() ?? '',
    },
  };
}

/** A bare "Add"/"Delete" on the User category, whatever the sentence says. */
function isUserAction(
  categoryType: string | null,
  action: string | null,
  verbs: readonly string[],
): boolean {
  const isUser = categoryType?.toLowerCase() === 'user';
  return isUser && verbs.includes((action ?? '').toLowerCase());
}
