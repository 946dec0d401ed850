/**
 * How long to wait before asking Zoom again. Zoom's Retry-After comes as seconds, an HTTP
 * date or an ISO instant, and sometimes not at all (B05): each form is read, and a missing
 * one means our own back-off, never zero.
 */

/** The first default wait; later attempts double it. */
export const BASE_BACKOFF_MS = 1000;

/** A QPS wait longer than this is not a QPS wait; we cap it rather than stall a sync. */
export const MAX_QPS_WAIT_MS = 60_000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds until the instant Retry-After names, or null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;

  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Exponential back-off with jitter added on top, so the wait is never below the base:
 * 1 s, 2 s, 4 s ... plus up to a quarter more, at most 30 s.
 */
export function backoffMs(attempt: number, random: () => number): number {
  const base = Math.min(BASE_BACKOFF_MS * 2 ** attempt, 30_000);
  return base + Math.floor(random() * base * 0.25);
}

/** Daily caps reset at 00:00 UTC. */
export function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}
