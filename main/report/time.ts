/** Times in the report: UTC, to the millisecond, with the offset written out. */

/** `2026-12-04 16:30:00.000 UTC+00:00` */
export function utcLabel(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')} UTC+00:00`;
}

/** `2026-12-04T16:30:00.000Z`, for machine-readable fields and file names. */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** `20261204T163000Z`: safe in a folder name on every platform. */
export function compactUtc(ms: number): string {
  return isoUtc(ms).replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
