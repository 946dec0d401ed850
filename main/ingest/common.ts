/**
 * What every normaliser shares: the context it is given, the result it returns, and defensive
 * readers for fields of hostile, half-known JSON. Nothing here throws on a strange value.
 */
import type { EventKind, EventSource, NewEvent } from '../../shared/events.ts';
import { stableEventId } from '../store/events.ts';

/** What a normaliser knows beyond the record itself. */
export interface NormaliseContext {
  accountId: string;
  source: EventSource;
  /** When the record was received (fetched or imported): a time of last resort, flagged. */
  receivedAt: number;
  /** The chat report session the message came from, when there is one. */
  session?: SessionContext;
  /** The channel a per-user message listing was asked for. */
  channel?: { id: string; name: string | null };
}

export interface SessionContext {
  id: string;
  type: string | null;
  name: string | null;
  channelId: string | null;
}

/** Events made from one record, or the reason the record made none. */
export interface Normalised {
  events: NewEvent[];
  skipped: string | null;
}

export function made(events: NewEvent[]): Normalised {
  return { events, skipped: null };
}

export function skip(reason: string): Normalised {
  return { events: [], skipped: reason };
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string field, or null (numbers are accepted as ids, as Zoom mixes them). */
export function str(record: JsonObject, key: string): string | null {
  const value = record[key];
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function obj(record: JsonObject, key: string): JsonObject | null {
  const value = record[key];
  return isObject(value) ? value : null;
}

export function arr(record: JsonObject, key: string): unknown[] {
  const value = record[key];
  return Array.isArray(value) ? value : [];
}

/** Epoch ms from an epoch-ms number, a numeric string or an ISO-8601 string; else null. */
export function toMillis(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value !== 'string' || value.trim() === '') return null;

  if (/^\d{10,16}$/.test(value.trim())) return Number(value.trim());
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** The first field of the list that holds a usable time. */
export function timeOf(record: JsonObject, ...keys: string[]): number | null {
  for (const key of keys) {
    const ms = toMillis(record[key]);
    if (ms !== null) return ms;
  }
  return null;
}

export function isEmail(value: string | null): value is string {
  return value !== null && /^[^\s@]+@[^\s@]+$/.test(value);
}

export function lowerEmail(value: string | null): string | null {
  return isEmail(value) ? value.toLowerCase() : value;
}

/** An event with every optional column empty; callers fill what their record knows. */
export function baseEvent(
  id: string,
  kind: EventKind,
  source: EventSource,
  occurredAt: number,
): NewEvent {
  return {
    id,
    kind,
    source,
    occurredAt,
    actorEmail: null,
    actorId: null,
    targetEmail: null,
    targetId: null,
    channelId: null,
    channelName: null,
    messageId: null,
    parentMessageId: null,
    text: null,
    ip: null,
    clientType: null,
    detail: {},
  };
}

/**
 * The sign-in/out id. Webhooks carry no IP, so the key leaves it out: the API row and the
 * webhook body for one sign-in meet on account, e-mail, second and kind.
 */
export function signEventId(
  accountId: string,
  kind: 'auth.sign_in' | 'auth.sign_out',
  email: string,
  occurredAt: number,
): string {
  const second = Math.floor(occurredAt / 1000);
  return stableEventId(accountId, kind, { fields: [email.toLowerCase(), second, kind] });
}

/**
 * Message ids are Zoom's; an edit is one version of the message, keyed by its time. A send
 * and a thread reply share one id space: a source that does not know the message is a reply
 * (some webhook relays) must still meet the record that does.
 */
export function messageEventId(
  accountId: string,
  kind: EventKind,
  messageId: string,
  editedAt?: number,
): string {
  const zoomId = editedAt === undefined ? messageId : `${messageId}@${editedAt}`;
  const space = kind === 'chat.message_replied' ? 'chat.message_sent' : kind;
  return stableEventId(accountId, space, { zoomId });
}
