/**
 * Plain-text helpers for explanations. Names and e-mails come from Zoom records and can be
 * hostile (bidi overrides, control characters, megabytes): they are cleaned and cut before
 * they reach a sentence.
 */

// Controls, bidi embeddings/overrides/isolates, zero-width characters and the BOM.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A label safe to put in a sentence: no control or direction characters, at most max long. */
export function plainLabel(text: string | null | undefined, max = 80): string {
  if (!text) return '(unknown)';

  const clean = text.slice(0, max * 4).replace(UNSAFE_CHARS, '').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean || '(unknown)';
}

/** `2024-05-03 09:12 UTC`: what an investigator pastes into a timeline. */
export function formatUtc(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** 9800 → `9,800`; fixed locale so that explanations read the same on every machine. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A duration in words: `40 minutes`, `3.5 hours`, `2 days`. */
export function formatDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return plural(Math.round(minutes), 'minute');

  const hours = minutes / 60;
  if (hours < 48) return `${roundTo(hours, 1)} hours`;
  return `${roundTo(hours / 24, 1)} days`;
}

export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** `a, b and c` */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** The lower-case domain of an e-mail address, or null when it has none. */
export function emailDomain(email: string | null | undefined): string | null {
  if (!email) return null;

  const at = email.lastIndexOf('@');
  if (at < 0 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase();
}

/** The key detectors group a person's events by: the lower-case e-mail, else the Zoom id. */
export function personKey(email: string | null, id: string | null): string | null {
  if (email) return email.trim().toLowerCase();
  return id;
}
