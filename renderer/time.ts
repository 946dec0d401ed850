/**
 * Times as investigators need them: stored as UTC epoch ms, shown in a chosen zone with the
 * zone's abbreviation and offset next to every local time (B26: the repeated hour on a
 * "fall back" day reads 01:30 EDT (UTC−4), then 01:30 EST (UTC−5)).
 */

export const UTC = 'UTC';

/** The zones offered besides UTC and the machine's own. */
export const COMMON_ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
];

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || UTC;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, kind: 'parts' | 'short' | 'offset'): Intl.DateTimeFormat {
  const key = `${zone}|${kind}`;
  let found = formatters.get(key);
  if (!found) {
    // en-US knows the common abbreviations (EST, CEST); en-GB writes GMT-5 for New York.
    found = new Intl.DateTimeFormat(kind === 'short' ? 'en-US' : 'en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
      ...(kind === 'short' ? { timeZoneName: 'short' } : {}),
      ...(kind === 'offset' ? { timeZoneName: 'longOffset' } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/** `UTC−4`, `UTC+5:30`, `UTC` for the zone's offset at that instant. */
export function offsetLabel(ms: number, zone: string): string {
  const name = part(formatter(zone, 'offset').formatToParts(ms), 'timeZoneName');
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 'UTC';

  const [, sign, hours, minutes] = match;
  const h = String(Number(hours));
  return `UTC${sign === '-' ? '\u2212' : '+'}${h}${minutes === '00' ? '' : `:${minutes}`}`;
}

/** `EDT`, or the offset when the zone has no common abbreviation. */
function abbreviation(ms: number, zone: string): string {
  const name = part(formatter(zone, 'short').formatToParts(ms), 'timeZoneName');
  return name.startsWith('GMT') && zone !== UTC ? offsetLabel(ms, zone) : name || zone;
}

/** `2024-11-03 01:30:00` in the zone. */
export function wallTime(ms: number, zone: string): string {
  const parts = formatter(zone, 'parts').formatToParts(ms);
  const date = `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`;
  return `${date} ${part(parts, 'hour')}:${part(parts, 'minute')}:${part(parts, 'second')}`;
}

/** `2024-11-03 01:30:00 EDT (UTC−4)`; UTC itself reads `2024-11-03 05:30:00 UTC`. */
export function formatInZone(ms: number, zone: string): string {
  if (zone === UTC) return `${wallTime(ms, UTC)} UTC`;
  const abbr = abbreviation(ms, zone);
  const offset = offsetLabel(ms, zone);
  return abbr === offset
    ? `${wallTime(ms, zone)} (${offset})`
    : `${wallTime(ms, zone)} ${abbr} (${offset})`;
}

/** A `datetime-local` input's value read in the chosen zone, as UTC epoch ms. */
export function parseInZone(value: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return null;

  const [, y, mo, d, h, mi] = match.map(Number) as number[];
  const guess = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  // Two passes settle the offset even next to a DST change.
  let ms = guess - offsetMs(guess, zone);
  ms = guess - offsetMs(ms, zone);
  return ms;
}

function offsetMs(ms: number, zone: string): number {
  const label = offsetLabel(ms, zone);
  const match = /UTC([+\u2212])(\d+)(?::(\d{2}))?/.exec(label);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return (match[1] === '+' ? 1 : -1) * minutes * 60_000;
}

/** The value a `datetime-local` input shows for an instant in a zone. */
export function toInputValue(ms: number, zone: string): string {
  return wallTime(ms, zone).replace(' ', 'T').slice(0, 16);
}
