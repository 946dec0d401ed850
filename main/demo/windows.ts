/**
 * Report date windows as Zoom checks them: `from` and `to` are UTC days (yyyy-mm-dd), `to`
 * inclusive, at most one month apart and no older than six months before the tenant's today.
 */
import { invalidRequest, requiredQuery } from './wire.ts';
import type { RouteContext } from './wire.ts';

export interface DayWindow {
  from: string;
  to: string;
  startMs: number;
  /** Exclusive: the first millisecond after `to`. */
  endMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function reportWindow(ctx: RouteContext): DayWindow {
  const from = requiredQuery(ctx, 'from');
  const to = requiredQuery(ctx, 'to');
  const startMs = parseDay(from);
  const endMs = parseDay(to) + DAY_MS;

  if (endMs <= startMs) throw invalidRequest('The from date must not be after the to date.');
  if (endMs - DAY_MS > addMonthsUtc(startMs, 1)) {
    throw invalidRequest('The date range must not be longer than one month.');
  }
  if (startMs < addMonthsUtc(startOfDay(ctx.now), -6)) {
    throw invalidRequest('Only data from the last 6 months can be requested.');
  }
  return { from, to, startMs, endMs };
}

export function inWindow(window: DayWindow, epochMs: number): boolean {
  return epochMs >= window.startMs && epochMs < window.endMs;
}

/** Epoch ms of a yyyy-mm-dd day (UTC), or code 300 for anything else. */
export function parseDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;

  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw invalidRequest('Invalid date format.');
  }
  return ms;
}

/** Epoch ms of an ISO-8601 date-time, or code 300. */
export function parseInstant(text: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw invalidRequest('Invalid date format.');
  return ms;
}

export function startOfDay(epochMs: number): number {
  return epochMs - (((epochMs % DAY_MS) + DAY_MS) % DAY_MS);
}

export function dayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function addMonthsUtc(epochMs: number, months: number): number {
  const date = new Date(epochMs);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

export { DAY_MS };
