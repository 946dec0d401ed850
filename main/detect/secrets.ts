/**
 * Finds sensitive values in chat text: payment card numbers (Luhn-checked), national ids (US
 * SSN and UK NI numbers, with their issuing rules), IBANs (mod-97-checked), cloud and API keys,
 * private key blocks. Every pattern is linear (no nested or overlapping quantifiers), so that a
 * megabyte of hostile text costs milliseconds. Matches are described masked, never in full.
 */

export interface SensitiveMatch {
  /** `card`, `aws_access_key`, `private_key`, `github_token`, ... */
  type: string;
  /** What an investigator may read: `Visa card ending 1111`, `AWS key AKIA…XYZ1`. */
  masked: string;
  /**
   * A short in-memory fingerprint to tell two matches apart within one run. Never store it:
   * with the last four digits it narrows a card number down too far.
   */
  fingerprint: string;
}

/** Text beyond this many characters is not scanned; the evidence keeps all of it. */
export const MAX_SCANNED_CHARS = 8_000_000;

interface KeyPattern {
  type: string;
  label: string;
  pattern: RegExp;
  /** Characters shown at the start of the masked value. */
  keep: number;
}

const KEY_PATTERNS: readonly KeyPattern[] = [
  { type: 'aws_access_key', label: 'AWS key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, keep: 4 },
  {
    type: 'github_token',
    label: 'GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
    keep: 4,
  },
  {
    type: 'slack_token',
    label: 'Slack token',
    pattern: /\bxox[abeoprs]-[A-Za-z0-9-]{10,200}/g,
    keep: 5,
  },
  {
    type: 'google_api_key',
    label: 'Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
    keep: 4,
  },
  {
    type: 'stripe_secret_key',
    label: 'Stripe secret key',
    pattern: /\b[rs]k_live_[0-9A-Za-z]{20,200}\b/g,
    keep: 8,
  },
];

const PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]{1,12} ){0,3})PRIVATE KEY( BLOCK)?-----/g;

/** Runs of digits with single spaces or dashes between them; maximal, so never part of more. */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;

/** Every sensitive value in the text, in order of appearance. */
export function findSensitive(text: string): SensitiveMatch[] {
  const scanned = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
  // IBANs and NI numbers start with two capitals and two digits: most text has neither.
  const lettered = LETTERS_THEN_DIGITS.test(scanned);
  return [
    ...findDigitRuns(scanned),
    ...(lettered ? findNinos(scanned) : []),
    ...(lettered ? findIbans(scanned) : []),
    ...findKeys(scanned),
    ...findPrivateKeys(scanned),
  ];
}

const LETTERS_THEN_DIGITS = /[A-Z]{2} ?\d\d/;

/** Card numbers and SSNs are both runs of digits: one pass over the runs finds both. */
function findDigitRuns(text: string): SensitiveMatch[] {
  const matches: SensitiveMatch[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const match = cardMatch(run[0]) ?? ssnMatch(run[0]);
    if (match) matches.push(match);
  }
  return matches;
}

function cardMatch(run: string): SensitiveMatch | null {
  const digits = run.replace(/[ -]/g, '');
  if (!isCardNumber(digits)) return null;

  return {
    type: 'card',
    masked: `${cardBrand(digits)} ending ${digits.slice(-4)}`,
    fingerprint: fingerprint(digits),
  };
}

/**
 * 13 to 19 digits, passing Luhn, starting like an issued card (2–6). The prefix rule keeps
 * epoch timestamps (1…) and most phone numbers (0…, 7…, 9…) out.
 */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  if (!/^[2-6]/.test(digits)) return false;
  if (/^(\d)\1*$/.test(digits)) return false;
  return luhnValid(digits);
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function cardBrand(digits: string): string {
  if (digits.startsWith('4')) return 'Visa card';
  if (/^(5[1-5]|2[2-7])/.test(digits)) return 'Mastercard';
  if (/^3[47]/.test(digits)) return 'American Express card';
  if (/^(6011|65|64[4-9])/.test(digits)) return 'Discover card';
  if (/^35(2[89]|[3-8])/.test(digits)) return 'JCB card';
  return 'card';
}

/** US SSN written with dashes or spaces (`123-45-6789`); nine bare digits are too common. */
const SSN = /^(\d{3})([- ])(\d{2})\2(\d{4})$/;

/** UK National Insurance number: two letters, three pairs of digits, a suffix A to D. */
const NINO = /\b([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/g;

/** First letters never issued, second letters never issued, and prefixes never allocated. */
const NINO_BAD_FIRST = /[DFIQUV]/;
const NINO_BAD_SECOND = /[DFIQUVO]/;
const NINO_BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** Numbers published as examples or used in advertising; never a real person's. */
const SSN_EXAMPLES = new Set(['078051120', '219099999', '123456789']);

/** A whole digit run shaped like an SSN, passing the issuing rules. */
function ssnMatch(run: string): SensitiveMatch | null {
  const match = SSN.exec(run);
  if (!match) return null;

  const [area, group, serial] = [match[1]!, match[3]!, match[4]!];
  if (!isSsn(area, group, serial)) return null;
  return {
    type: 'us_ssn',
    masked: `US social security number ending ${serial}`,
    fingerprint: fingerprint(`${area}${group}${serial}`),
  };
}

function findNinos(text: string): SensitiveMatch[] {
  const matches: SensitiveMatch[] = [];
  for (const match of text.matchAll(NINO)) {
    const prefix = match[1]!;
    if (!isNinoPrefix(prefix)) continue;

    const digits = `${match[2]!}${match[3]!}${match[4]!}`;
    matches.push({
      type: 'uk_nino',
      masked: `UK National Insurance number ending ${digits.slice(-2)} ${match[5]!}`,
      fingerprint: fingerprint(`${prefix}${digits}${match[5]!}`),
    });
  }
  return matches;
}

/** SSA rules: no area 000, 666 or 900–999, no group 00, no serial 0000, no known examples. */
export function isSsn(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  if (group === '00' || serial === '0000') return false;
  return !SSN_EXAMPLES.has(`${area}${group}${serial}`);
}

export function isNinoPrefix(prefix: string): boolean {
  if (NINO_BAD_FIRST.test(prefix[0] ?? '') || NINO_BAD_SECOND.test(prefix[1] ?? '')) return false;
  return !NINO_BAD_PREFIXES.has(prefix);
}

/** Country, check digits, then groups of four (spaced or not) and a shorter last group. */
const IBAN = /\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b/g;

/** IBAN lengths of the countries people most often paste; others are not reported. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AT: 20, BE: 16, CH: 21, CZ: 24, DE: 22, DK: 18, ES: 24, FI: 18, FR: 27, GB: 22, IE: 22,
  IT: 27, LI: 21, LU: 20, NL: 18, NO: 15, PL: 28, PT: 25, SE: 24,
};

function findIbans(text: string): SensitiveMatch[] {
  const matches: SensitiveMatch[] = [];
  for (const match of text.matchAll(IBAN)) {
    const iban = match[0].replace(/ /g, '');
    if (!isIban(iban)) continue;

    matches.push({
      type: 'iban',
      masked: `${iban.slice(0, 2)} IBAN ending ${iban.slice(-4)}`,
      fingerprint: fingerprint(iban),
    });
  }
  return matches;
}

/** The country's length and ISO 13616's mod-97 check (the remainder must be 1). */
export function isIban(iban: string): boolean {
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;

  const rearranged = `${iban.slice(4)}${iban.slice(0, 4)}`;
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? char.charCodeAt(0) - 55 : char.charCodeAt(0) - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

function findKeys(text: string): SensitiveMatch[] {
  const matches: SensitiveMatch[] = [];
  for (const { type, label, pattern, keep } of KEY_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0];
      matches.push({
        type,
        masked: `${label} ${value.slice(0, keep)}…${value.slice(-4)}`,
        fingerprint: fingerprint(value),
      });
    }
  }
  return matches;
}

function findPrivateKeys(text: string): SensitiveMatch[] {
  const matches: SensitiveMatch[] = [];
  for (const match of text.matchAll(PRIVATE_KEY)) {
    const kind = (match[1] ?? '').trim();
    matches.push({
      type: 'private_key',
      masked: `${kind ? `${kind} ` : ''}private key block`,
      fingerprint: fingerprint(`private key:${kind}`),
    });
  }
  return matches;
}

/** FNV-1a, 32 bits: enough to tell values apart in one run; not a way back to the value. */
function fingerprint(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
