/** Whether an instant falls inside one of the account's change windows (local days and hours). */
import { tzOffset } from '@date-fns/tz';

import type { ChangeWindow } from './settings.ts';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface LocalMoment {
  weekday: (typeof WEEKDAYS)[number];
  /** Minutes after local midnight. */
  minute: number;
  timeZone: string;
}

/** The weekday and minute of day in `timeZone` (UTC when the zone is unknown). */
export function localMoment(ms: number, timeZone: string): LocalMoment {
  const offset = safeOffset(timeZone, ms);
  const localMinutes = Math.floor(ms / MINUTE_MS) + offset.minutes;
  const day = Math.floor(localMinutes / DAY_MINUTES);
  // 1970-01-01 was a Thursday (index 4).
  const weekday = WEEKDAYS[(((day + 4) % 7) + 7) % 7]!;
  const minute = ((localMinutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return { weekday, minute, timeZone: offset.zone };
}

/** Inside when the local weekday is listed and the local time is in [from, to). */
export function inChangeWindow(ms: number, windows: readonly ChangeWindow[]): boolean {
  return windows.some((window) => {
    const local = localMoment(ms, window.timeZone);
    return window.days.includes(local.weekday) &&
      local.minute >= clockMinutes(window.from) && local.minute < clockMinutes(window.to);
  });
}

/** `Mon–Fri 06:00–22:00 UTC` style summary for explanations. */
export function describeWindows(windows: readonly ChangeWindow[]): string {
  if (windows.length === 0) return 'no change windows';
  return windows
    .map((w) => `${w.days.join(',')} ${w.from}-${w.to} ${w.timeZone}`)
    .join('; ');
}

function clockMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function safeOffset(timeZone: string, ms: number): { minutes: number; zone: string } {
  if (timeZone === 'UTC') return { minutes: 0, zone: 'UTC' };
  try {
    const minutes = tzOffset(timeZone, new Date(ms));
    return Number.isFinite(minutes) ? { minutes, zone: timeZone } : { minutes: 0, zone: 'UTC' };
  } catch {
    return { minutes: 0, zone: 'UTC' };
  }
}
