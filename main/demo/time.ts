/**
 * Time helpers for the demo tenant: the 30-day window and local working hours in each
 * user's own time zone. Offsets come from the ICU time-zone data through @date-fns/tz.
 */
import { tzOffset } from '@date-fns/tz';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The 30 UTC days that end on `endDate`: `start` inclusive, `end` exclusive. */
export interface DemoWindow {
  start: number;
  end: number;
  /** UTC midnight of each of the 30 days, oldest first. */
  days: number[];
}

export function demoWindow(endDate: string): DemoWindow {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(endDate);
  if (!match) throw new Error(`endDate must be yyyy-mm-dd, got ${endDate}`);

  const end = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + DAY;
  const start = end - 30 * DAY;
  const days = Array.from({ length: 30 }, (_, i) => start + i * DAY);
  return { start, end, days };
}

const offsets = new Map<string, number>();

/**
 * Minutes east of UTC in `timeZone` on the calendar day starting at `dayMs`. Taken at noon:
 * a DST switch happens at night, outside the working hours this data is made of.
 */
export function dayOffset(timeZone: string, dayMs: number): number {
  const key = `${timeZone}|${dayMs}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;

  const offset = tzOffset(timeZone, new Date(dayMs + 12 * HOUR));
  offsets.set(key, offset);
  return offset;
}

/** The UTC instant of `minuteOfDay` local time on the local date whose midnight is `dayMs`. */
export function localToUtc(timeZone: string, dayMs: number, minuteOfDay: number): number {
  return dayMs + minuteOfDay * MINUTE - dayOffset(timeZone, dayMs) * MINUTE;
}

/** Local hour (fractional) in `timeZone` at the UTC instant `ms`. */
export function localHour(timeZone: string, ms: number): number {
  const dayMs = ms - (ms % DAY);
  const local = ms + dayOffset(timeZone, dayMs) * MINUTE;
  return (local % DAY) / HOUR;
}

/** Saturday or Sunday, for the calendar date whose midnight is `dayMs`. */
export function isWeekend(dayMs: number): boolean {
  const weekday = new Date(dayMs).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Zoom's report form: ISO-8601 UTC to the second, `2024-05-03T08:14:22Z`. */
export function isoSecond(ms: number): string {
  return new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
}
