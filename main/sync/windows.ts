/**
 * Day windows for the report streams: UTC days, half-open [start, end), planned from the
 * stream's cursor with one day of overlap, never older than Zoom's six months.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest backfill Zoom's reports allow. */
export const MAX_BACKFILL_DAYS = 183;

export interface DayWindow {
  /** First and last UTC day, yyyy-mm-dd, as Zoom's from/to (both inclusive) take them. */
  from: string;
  to: string;
  startMs: number;
  /** Exclusive. */
  endMs: number;
}

export function dayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function startOfDay(epochMs: number): number {
  return epochMs - (((epochMs % DAY_MS) + DAY_MS) % DAY_MS);
}

export function parseDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The earliest day Zoom still reports: six calendar months before today (UTC). */
export function earliestReportDay(now: number): number {
  const date = new Date(startOfDay(now));
  date.setUTCMonth(date.getUTCMonth() - 6);
  return startOfDay(date.getTime()) + DAY_MS;
}

/**
 * The windows still to fetch: from the last complete day (fetched again: the overlap) or
 * `backfillDays` back, to today, `windowDays` days each.
 */
export function planWindows(
  lastCompleteDay: string | undefined,
  now: number,
  backfillDays: number,
  windowDays: number,
): DayWindow[] {
  const today = startOfDay(now);
  const backfill = Math.min(Math.max(backfillDays, 1), MAX_BACKFILL_DAYS);
  const fromCursor = lastCompleteDay === undefined ? NaN : parseDay(lastCompleteDay);
  const wanted = Number.isNaN(fromCursor) ? today - (backfill - 1) * DAY_MS : fromCursor;
  const first = Math.min(Math.max(wanted, earliestReportDay(now)), today);

  const windows: DayWindow[] = [];
  for (let start = first; start <= today; start += windowDays * DAY_MS) {
    const end = Math.min(start + windowDays * DAY_MS, today + DAY_MS);
    windows.push({ from: dayOf(start), to: dayOf(end - DAY_MS), startMs: start, endMs: end });
  }
  return windows;
}

/** The last day of the window that is over by `now`, or null when none is. */
export function lastCompleteDayOf(window: DayWindow, now: number): string | null {
  const end = Math.min(window.endMs, startOfDay(now));
  return end > window.startMs ? dayOf(end - DAY_MS) : null;
}

export function windowLabel(window: DayWindow): string {
  return window.from === window.to ? window.from : `${window.from}..${window.to}`;
}
