/**
 * Making e-mail out of hostile text. Every Zoom-derived value is escaped in the HTML part and
 * defanged (no clickable links) in both parts; headers get no CR/LF, and an address that is not
 * a plain mailbox is refused rather than repaired.
 */
import { UsageError } from '../../errors.ts';

/** A mailbox: nodemailer quotes and encodes the name, the address is checked here. */
export interface Mailbox {
  name: string;
  address: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * `https://evil.test/x` becomes `hxxps[:]//evil[.]test/x`: readable for the investigator, not a
 * link any mail client makes clickable. Bare `www.` hosts are defanged too.
 */
export function defang(text: string): string {
  return text
    .replace(/\b([a-z][a-z0-9+.-]*):\/\/([^\s/?#]+)/gi, (_m, scheme: string, host: string) =>
      `${scheme.replace(/t/gi, 'x')}[:]//${host.replace(/\./g, '[.]')}`)
    .replace(/\bwww\.([^\s/?#]+)/gi, (_m, rest: string) => `www[.]${rest.replace(/\./g, '[.]')}`)
    .replace(/\bmailto:/gi, 'mailto[:]');
}

/** A header value (subject, display name) on one line: control characters become spaces. */
export function headerSafe(text: string, max = 200): string {
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Characters of a mailbox we accept: no spaces, quotes, brackets, commas or control bytes. */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Refuses anything but one plain address: a CR/LF or a second address cannot slip in. */
export function checkAddress(address: string, what: string): string {
  if (!ADDRESS.test(address) || address.length > 254) {
    throw new UsageError(
      `Refused ${what} "${headerSafe(address, 80)}": it is not one plain e-mail address ` +
        '(line breaks, spaces, commas, quotes and angle brackets are not allowed).',
      'Give a plain address such as security@example.com.',
    );
  }
  return address;
}

export function mailbox(name: string | null, address: string, what: string): Mailbox {
  return { name: headerSafe(name ?? ''), address: checkAddress(address, what) };
}

/** Fills `{{name}}` placeholders; unknown ones stay visible so that a typo shows. */
export function fillTemplate(
  template: string,
  values: Record<string, string>,
  encode: (value: string) => string,
): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, key: string) =>
    key in values ? encode(values[key]!) : whole);
}

/** Plain text as HTML: escaped, line breaks kept, in a page with no script and no links. */
export function textToHtml(escapedBody: string, title: string): string {
  const body = escapedBody.replace(/\r?\n/g, '<br>\n');
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 14px;">',
    body,
    '</body></html>',
  ].join('\n');
}
