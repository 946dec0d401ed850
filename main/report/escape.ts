/**
 * Making Zoom-derived text safe to put into the HTML report. Every value from Zoom is hostile:
 * it is escaped (`< > & " '`), and characters that reorder or hide text (bidi overrides,
 * zero-width and control characters) are shown as visible `\uXXXX` markers instead.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Bidi embeddings, overrides and isolates; zero-width and invisible formatting characters;
 * C0/C1 controls except tab and newline; line and paragraph separators.
 */
const INVISIBLE = new RegExp(
  [
    '[\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F',
    '\\u061C\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u2069\\uFEFF]',
  ].join(''),
  'g',
);

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** `\u202E` for U+202E: the character is named, not obeyed. */
export function showInvisible(value: string): string {
  return value.replace(INVISIBLE, (char) => `\\u${codeOf(char)}`);
}

/**
 * A Zoom-derived value as HTML text: markers for invisible characters, escaped, and isolated
 * in <bdi> so that right-to-left text cannot reorder the cells around it.
 */
export function zoomText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '<span class="none">—</span>';

  const text = String(value);
  const marked = escapeHtml(showInvisible(text));
  const flagged = marked.length === escapeHtml(text).length ? '' : ' class="ctl"';
  return `<bdi${flagged}>${marked}</bdi>`;
}

/** Our own text (labels, numbers, hashes): escaped, not isolated. */
export function plain(value: string | number): string {
  return escapeHtml(String(value));
}

function codeOf(char: string): string {
  return char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
}
