/**
 * Setting changes in Zoom's operation log. The detail is a free English sentence; setting
 * changes read `<Section>  - <Setting>: from <Old> to <New>` (two spaces before the dash).
 * Parsed with indexOf rather than a regular expression so that hostile text costs linear time.
 */

export interface SettingChange {
  section: string;
  setting: string;
  from: string;
  to: string;
}

/** Operation log sentences longer than this are not setting changes; do not scan megabytes. */
const MAX_SENTENCE = 2000;

/** Reads `Security  - Sign in with Two-Factor Authentication: from On to Off`, or null. */
export function parseSettingChange(sentence: string): SettingChange | null {
  if (sentence.length > MAX_SENTENCE) return null;

  const dash = sentence.indexOf(' - ');
  if (dash < 0) return null;

  const rest = sentence.slice(dash + 3);
  const fromAt = rest.indexOf(': from ');
  if (fromAt < 0) return null;

  const change = rest.slice(fromAt + ': from '.length);
  const toAt = change.indexOf(' to ');
  if (toAt < 0) return null;

  const parsed = {
    section: sentence.slice(0, dash).trim(),
    setting: rest.slice(0, fromAt).trim(),
    from: change.slice(0, toAt).trim(),
    to: change.slice(toAt + ' to '.length).trim(),
  };
  return parsed.section && parsed.setting ? parsed : null;
}

/** The change as ingest stored it in an event's detail, when all four fields are strings. */
export function settingChangeFromDetail(detail: Record<string, unknown>): SettingChange | null {
  const { section, setting, from, to } = detail;
  if (typeof setting !== 'string') return null;

  return {
    section: typeof section === 'string' ? section : '',
    setting,
    from: stringOf(from),
    to: stringOf(to),
  };
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return '';
}

const ON_WORDS = new Set(['on', 'true', 'enabled', 'enable', 'yes', '1', 'checked', 'required']);
const OFF_WORDS = new Set(['off', 'false', 'disabled', 'disable', 'no', '0', 'unchecked', 'none']);

/** On → Off in any of the spellings Zoom and ingest use. */
export function turnsOff(change: SettingChange): boolean {
  return ON_WORDS.has(normaliseToggle(change.from)) && OFF_WORDS.has(normaliseToggle(change.to));
}

function normaliseToggle(value: string): string {
  return value.trim().replace(/^["'[(]+|["'\])]+$/g, '').trim().toLowerCase();
}

export type SecurityArea = 'authentication' | 'defence';

/**
 * Settings that protect the account or its meetings. Authentication settings map to ATT&CK
 * T1556 (Modify Authentication Process), the others to T1562 (Impair Defenses).
 */
const SECURITY_TERMS: ReadonlyArray<[string, SecurityArea]> = [
  ['two-factor', 'authentication'],
  ['two factor', 'authentication'],
  ['2fa', 'authentication'],
  ['multi-factor', 'authentication'],
  ['mfa', 'authentication'],
  ['sign in method', 'authentication'],
  ['sign-in method', 'authentication'],
  ['signin method', 'authentication'],
  ['login method', 'authentication'],
  ['single sign-on', 'authentication'],
  ['sso', 'authentication'],
  ['password', 'authentication'],
  ['authenticated users', 'authentication'],
  ['authentication', 'authentication'],
  ['sign users out', 'authentication'],
  ['passcode', 'defence'],
  ['waiting room', 'defence'],
  ['encrypt', 'defence'],
  ['end-to-end', 'defence'],
  ['security option', 'defence'],
  ['data loss prevention', 'defence'],
  ['dlp', 'defence'],
];

/** Which kind of security setting this is, or null when it is not one. */
export function securityArea(change: SettingChange): SecurityArea | null {
  const setting = change.setting.toLowerCase();
  for (const [term, area] of SECURITY_TERMS) {
    if (containsWord(setting, term)) return area;
  }

  // Everything under the Security section protects something, whatever its name.
  return change.section.trim().toLowerCase() === 'security' ? 'defence' : null;
}

/** Short terms (sso, mfa, dlp) must stand alone: "ssotool" or "dlpx" are not them. */
function containsWord(text: string, term: string): boolean {
  let at = text.indexOf(term);
  while (at >= 0) {
    const before = text[at - 1];
    const after = text[at + term.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
    at = text.indexOf(term, at + 1);
  }
  return term.length > 4 && text.includes(term);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[a-z0-9]/.test(char);
}
