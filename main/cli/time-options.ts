/** Parses --since/--until values: ISO instants, dates (UTC midnight), or "7d"/"12h" ago. */
import { UsageError } from '../errors.ts';

const RELATIVE = /^(\d+)([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseTimeOption(value: string, now = Date.now()): number {
  const relative = RELATIVE.exec(value);
  if (relative) {
    const unit = relative[2] as keyof typeof UNIT_MS;
    return now - Number(relative[1]) * UNIT_MS[unit];
  }

  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const parsed = Date.parse(iso);
  if (Number.isNaN(parsed)) {
    throw new UsageError(
      `"${value}" is not a time.`,
      'Use an ISO time (2026-11-20T08:00:00Z), a date (2026-11-20, read as UTC) or 7d / 12h.',
    );
  }
  return parsed;
}
