/**
 * Local time of day in a user's IANA time zone, for the hours detectors. Formatting a date
 * is slow, so offsets are cached per zone and quarter hour (zones shift on quarter hours).
 */

const QUARTER_MS = 15 * 60_000;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

const formatters = new Map<string, Intl.DateTimeFormat | null>();
const offsets = new Map<string, number>();

/** The zone to use: the given one when the runtime knows it, else UTC. */
export function usableTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  return formatterFor(timeZone) ? timeZone : 'UTC';
}

/** Minutes after local midnight (0-1439) in `timeZone` at the UTC instant `ms`. */
export function localMinuteOfDay(timeZone: string, ms: number): number {
  const local = Math.floor(ms / MINUTE_MS) + offsetMinutes(timeZone, ms);
  return ((local % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
}

/** `03:14`: a minute of the day as a clock reads it. */
export function clockTime(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  return `${String(hours).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

function offsetMinutes(timeZone: string, ms: number): number {
  const quarter = Math.floor(ms / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;

  const offset = measureOffset(timeZone, quarter * QUARTER_MS);
  offsets.set(key, offset);
  return offset;
}

/** Local wall clock minus UTC at `ms`, in minutes. */
function measureOffset(timeZone: string, ms: number): number {
  const formatter = formatterFor(timeZone);
  if (!formatter) return 0;

  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24,
    parts.minute!);
  return Math.round((wall - ms) / MINUTE_MS);
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  if (formatters.has(timeZone)) return formatters.get(timeZone) ?? null;

  let formatter: Intl.DateTimeFormat | null = null;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
  } catch {
    // An unknown or hostile zone name: the caller falls back to UTC.
    formatter = null;
  }
  formatters.set(timeZone, formatter);
  return formatter;
}
