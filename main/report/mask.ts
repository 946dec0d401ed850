/**
 * Masking secrets in the HTML view. The detectors describe what they found only in masked form
 * (`AWS key AKIA…ZAUL`) and keep no positions, so the page finds the spans again with the same
 * rules (Luhn-valid card numbers, SSNs and NI numbers by their issuing rules, mod-97 IBANs, API
 * keys, private key blocks) and shows a label instead. Only the page is masked: events.jsonl and
 * raw/records.jsonl keep the exact text for those entitled to read it.
 */
import { isCardNumber, isIban, isNinoPrefix, isSsn } from '../detect/secrets.ts';
import { escapeHtml, showInvisible, zoomText } from './escape.ts';

export interface SecretSpan {
  start: number;
  end: number;
  /** What the reader sees instead: `AWS key AKIA…ZAUL`. */
  label: string;
}

/** The same key shapes as main/detect/secrets.ts, with how much of each may be shown. */
const KEYS: ReadonlyArray<{ label: string; pattern: RegExp; keep: number }> = [
  { label: 'AWS key', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, keep: 4 },
  {
    label: 'GitHub token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
    keep: 4,
  },
  { label: 'Slack token', pattern: /\bxox[abeoprs]-[A-Za-z0-9-]{10,200}/g, keep: 5 },
  { label: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, keep: 4 },
  { label: 'Stripe secret key', pattern: /\b[rs]k_live_[0-9A-Za-z]{20,200}\b/g, keep: 8 },
];

/**
 * From the BEGIN line to its END line; without an END line, to the end of the text, since
 * everything after a BEGIN line may be key material.
 */
const PRIVATE_KEY_BLOCK = new RegExp(
  '-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----' +
    '(?:[^-]|-(?!----END ))*(?:-----END [A-Z0-9 ]{0,40}-----)?',
  'g',
);

const DIGIT_RUN = /\d(?:[ -]?\d)*/g;
const SSN = /^(\d{3})([- ])(\d{2})\2(\d{4})$/;
const NINO = /\b([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/g;
const IBAN = /\b([A-Z]{2})(\d{2})((?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)\b/g;

/** Every secret in the text, in order, none overlapping. */
export function secretSpans(text: string): SecretSpan[] {
  const found = [
    ...digitRunSpans(text),
    ...patternSpans(text, NINO, ninoLabel),
    ...patternSpans(text, IBAN, ibanLabel),
    ...keySpans(text),
    ...patternSpans(text, PRIVATE_KEY_BLOCK, () => 'private key block'),
  ];
  return withoutOverlaps(found);
}

/**
 * A Zoom value as HTML, like zoomText, with each secret replaced by a visible label. Returns
 * whether anything was masked, so the page can say where the original is.
 */
export function maskedZoomText(value: string | null): { html: string; masked: boolean } {
  const spans = value === null ? [] : secretSpans(value);
  if (value === null || spans.length === 0) return { html: zoomText(value), masked: false };

  const parts: string[] = [];
  let cursor = 0;
  let flagged = false;
  for (const span of spans) {
    const before = value.slice(cursor, span.start);
    flagged ||= showInvisible(before) !== before;
    parts.push(escapeHtml(showInvisible(before)), maskLabel(span.label));
    cursor = span.end;
  }

  const rest = value.slice(cursor);
  flagged ||= showInvisible(rest) !== rest;
  parts.push(escapeHtml(showInvisible(rest)));
  return { html: `<bdi${flagged ? ' class="ctl"' : ''}>${parts.join('')}</bdi>`, masked: true };
}

function maskLabel(label: string): string {
  return `<span class="masked">[masked: ${escapeHtml(showInvisible(label))}]</span>`;
}

function digitRunSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const run of text.matchAll(DIGIT_RUN)) {
    const label = cardLabel(run[0]) ?? ssnLabel(run[0]);
    if (label) spans.push({ start: run.index, end: run.index + run[0].length, label });
  }
  return spans;
}

function cardLabel(run: string): string | null {
  const digits = run.replace(/[ -]/g, '');
  return isCardNumber(digits) ? `card number ending ${digits.slice(-4)}` : null;
}

function ssnLabel(run: string): string | null {
  const match = SSN.exec(run);
  if (!match || !isSsn(match[1]!, match[3]!, match[4]!)) return null;
  return `US social security number ending ${match[4]!}`;
}

function ninoLabel(match: RegExpExecArray | RegExpMatchArray): string | null {
  if (!isNinoPrefix(match[1]!)) return null;
  return `UK National Insurance number ending ${match[4]!} ${match[5]!}`;
}

function ibanLabel(match: RegExpExecArray | RegExpMatchArray): string | null {
  const iban = match[0].replace(/ /g, '');
  return isIban(iban) ? `${iban.slice(0, 2)} IBAN ending ${iban.slice(-4)}` : null;
}

function keySpans(text: string): SecretSpan[] {
  return KEYS.flatMap(({ label, pattern, keep }) =>
    patternSpans(text, pattern, (m) => `${label} ${m[0].slice(0, keep)}…${m[0].slice(-4)}`));
}

function patternSpans(
  text: string,
  pattern: RegExp,
  labelOf: (match: RegExpMatchArray) => string | null,
): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const label = labelOf(match);
    if (label) spans.push({ start: match.index!, end: match.index! + match[0].length, label });
  }
  return spans;
}

/** Earliest first, the longer of two that start together; a span inside a kept one is dropped. */
function withoutOverlaps(spans: SecretSpan[]): SecretSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SecretSpan[] = [];
  for (const span of sorted) {
    const last = kept.at(-1);
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else kept.push({ ...span });
  }
  return kept;
}
