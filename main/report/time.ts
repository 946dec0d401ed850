/**
 * Times in the report: always UTC. Text says so once per value (`… UTC`); table columns say
 * so in their header, so their cells carry the bare time.
 */

/** `2026-12-04 16:30:00`, with `.mmm` only when the milliseconds are not zero. */
export function utcTime(ms: number): string {
  const iso = new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
  return iso.endsWith('.000') ? iso.slice(0, -4) : iso;
}

/** `2026-12-04 16:30:00 UTC`: a time standing on its own in a sentence or a fact. */
export function utcLabel(ms: number): string {
  return `${utcTime(ms)} UTC`;
}

/** `2026-12-04T16:30:00.000Z`, for machine-readable fields and file names. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** `20261204T163000Z`: safe in a folder name on every platform. */
export function compactUtc(ms: number): string {
  return isoUtc(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
