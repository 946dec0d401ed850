/**
 * Security settings weakened without being switched off: a shorter minimum password length,
 * a longer (or no) automatic sign-out. Read from the from/to values of a setting change.
 */
import type { SettingChange } from './oplog.ts';

export type Weakening = 'lowered' | 'lengthened';

/** Settings where a smaller number is weaker (password length, character classes). */
const LOWER_IS_WEAKER = ['password', 'passcode', 'characters', 'minimum length', 'complexity'];

/** Settings where a longer time is weaker (idle sign-out, session length). */
const LONGER_IS_WEAKER = ['sign users out', 'sign out', 'signed out', 'timeout', 'time out',
  'idle', 'inactivity', 'session'];

/** Values that mean "never" for a time limit. */
const NEVER = new Set(['never', 'no limit', 'unlimited', 'none', 'disabled', 'off']);

/** How the change weakens a numeric security setting, or null when it does not. */
export function numericWeakening(change: SettingChange): Weakening | null {
  const name = `${change.section} ${change.setting}`.toLowerCase();
  if (LONGER_IS_WEAKER.some((term) => name.includes(term)) && isLonger(change)) {
    return 'lengthened';
  }
  if (LOWER_IS_WEAKER.some((term) => name.includes(term)) && isLower(change)) return 'lowered';
  return null;
}

function isLower(change: SettingChange): boolean {
  const from = leadingNumber(change.from);
  const to = leadingNumber(change.to);
  return from !== null && to !== null && to < from;
}

function isLonger(change: SettingChange): boolean {
  const from = minutesOf(change.from);
  if (from === null) return false;
  if (NEVER.has(change.to.trim().toLowerCase())) return true;

  const to = minutesOf(change.to);
  return to !== null && to > from;
}

/** `15 minutes`, `2 hours`, `1 day`, `30` (minutes) as minutes; null when not a duration. */
function minutesOf(value: string): number | null {
  const amount = leadingNumber(value);
  if (amount === null) return null;

  const unit = value.toLowerCase();
  if (unit.includes('day')) return amount * 24 * 60;
  if (unit.includes('hour')) return amount * 60;
  return amount;
}

function leadingNumber(value: string): number | null {
  const match = /^\s*(\d{1,6})(?:\.\d+)?\b/.exec(value);
  return match ? Number(match[1]) : null;
}
