/**
 * Central redaction of secrets. Every secret the process reads or mints is registered here,
 * and every log line and user-facing error passes through `redact` before it leaves.
 */

const known = new Set<string>();

/** Patterns that look like credentials even when we never registered them. */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(authorization:\s*(?:basic|bearer)\s+)[^\s"',]+/gi, '$1[redacted]'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{16,}/gi, '$1 [redacted]'],
  [/("?(?:access_token|refresh_token|client_secret|password|secret)"?\s*[:=]\s*"?)[^"&\s,}]+/gi,
    '$1[redacted]'],
];

/** Remembers a secret so that it is cut out of every later line. Short values are ignored. */
export function registerSecret(value: string | null | undefined): void {
  if (value && value.length >= 6) known.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
