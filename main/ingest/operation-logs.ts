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

const STATUS = /^(de)?activated?\s+(?:the\s+)?user\s*:?\s*(.*)$/is;
const ROLE_CHANGE = /\brole\b/i;

/**
 * Zoom's sentences are short. Longer text is kept whole but not parsed, which also bounds
 * the work any pattern can do on hostile input.
 */
const MAX_PARSED_LENGTH = 1000;
const USER_ADDED = /^(?:add|added|create|created)\s+(?:a\s+)?(?:new\s+)?users?\b/i;
const USER_DELETED = /^(?:delete|deleted|remove|removed)\s+(?:the\s+)?users?\b/i;

/** Reads one operation sentence; never throws, whatever the text holds. */
export function parseOperationDetail(
  sentence: string,
  categoryType: string | null,
  action: string | null,
): ParsedOperation {
  const trimmed = sentence.trim();
  if (trimmed.length > MAX_PARSED_LENGTH) {
    return { kind: 'admin.operation', targetEmail: null, detail: { parsed: false } };
  }
  const target = firstEmail(trimmed);

  const status = STATUS.exec(trimmed);
  if (status) {
    const email = firstEmail(status[2] ?? '') ?? status[2]?.trim() ?? null;
    const value = status[1] ? 'inactive' : 'active';
    return { kind: 'admin.user_status_changed', targetEmail: email, detail: { status: value } };
  }

  if (isRoleChange(trimmed, categoryType)) return roleChange(trimmed, target);

  const setting = splitSetting(trimmed);
  if (setting) return { kind: 'admin.setting_changed', targetEmail: target, detail: setting };

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

  const settingName = splitSetting(sentence)?.setting ?? '';
  const aboutRole = ROLE_CHANGE.test(settingName) || ROLE_CHANGE.test(sentence.split(':')[0] ?? '');
  return aboutRole && /\b(change|changed|assign|assigned|update|updated|from)\b/i.test(sentence);
}

function roleChange(sentence: string, target: string | null): ParsedOperation {
  const fromTo = splitFromTo(sentence, /\bfrom\s+/);
  return { kind: 'admin.role_changed', targetEmail: target, detail: fromTo ?? {} };
}

/**
 * "Section  - Setting: from X to Y" (Zoom puts two spaces before the dash), read by cutting
 * at the first dash, the first ": from" and the first " to ": linear whatever the text.
 */
function splitSetting(sentence: string): Record<string, string> | null {
  const dash = /\s+-\s+/.exec(sentence);
  if (!dash || dash.index === 0) return null;

  const rest = sentence.slice(dash.index + dash[0].length);
  const colon = /:\s*from\s+/.exec(rest);
  if (!colon || colon.index === 0) return null;

  const values = splitFromTo(rest.slice(colon.index), /:\s*from\s+/);
  if (!values) return null;
  return {
    section: sentence.slice(0, dash.index).trim(),
    setting: rest.slice(0, colon.index).trim(),
    ...values,
  };
}

/** "from X to Y" after the first match of `lead`, cut at the first " to ". */
function splitFromTo(text: string, lead: RegExp): { from: string; to: string } | null {
  const start = lead.exec(text);
  if (!start) return null;

  const rest = text.slice(start.index + start[0].length);
  const to = /\s+to\s+/.exec(rest);
  if (!to) return null;
  return { from: rest.slice(0, to.index).trim(), to: rest.slice(to.index + to[0].length).trim() };
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
