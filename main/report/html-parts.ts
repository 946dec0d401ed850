/**
 * Small HTML builders for the report. Every Zoom-derived value goes through zoomText; only
 * our own labels go through plain. Nothing here emits a script, an event handler attribute,
 * a URL or an external reference.
 */
import type { EventWithSeq } from '../store/events.ts';
import { plain, zoomText } from './escape.ts';
import { maskedZoomText } from './mask.ts';
import { utcTime } from './time.ts';

export type Cell = { html: string; className?: string };

/** A table of rows; header labels are ours, cells are already-escaped HTML. */
export function table(headers: string[], rows: Cell[][], className = ''): string {
  const head = headers.map((h) => `<th>${plain(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => td(cell)).join('')}</tr>`)
    .join('\n');
  const classAttribute = className ? ` class="${plain(className)}"` : '';
  return `<table${classAttribute}>\n<thead><tr>${head}</tr></thead>\n` +
    `<tbody>\n${body}\n</tbody>\n</table>`;
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${plain(id)}">\n<h2>${plain(title)}</h2>\n${body}\n</section>`;
}

/** A definition list of our labels and already-escaped values. */
export function facts(pairs: Array<[string, string]>): string {
  const items = pairs.map(([label, html]) => `<dt>${plain(label)}</dt><dd>${html}</dd>`);
  return `<dl>\n${items.join('\n')}\n</dl>`;
}

/** A time in a column whose header says "(UTC)", so the cell does not repeat it. */
export function time(ms: number | null): Cell {
  return { html: ms === null ? '—' : plain(utcTime(ms)), className: 'time' };
}

/**
 * A JSON value from a finding or an action as a definition list: nested keys are flattened to
 * paths (`matches[0].type`), every key and value escaped as Zoom text, secrets in values masked
 * (a detector's text preview can quote one).
 */
export function valueList(value: unknown): { html: string; masked: boolean } {
  const pairs = flatten(value, '');
  let masked = false;

  const items = pairs.map(([key, item]) => {
    const shown = maskedZoomText(item);
    masked ||= shown.masked;
    return `<dt>${zoomText(key)}</dt><dd>${shown.html}</dd>`;
  });
  return { html: `<dl class="values">\n${items.join('\n')}\n</dl>`, masked };
}

function flatten(value: unknown, path: string): Array<[string, string]> {
  if (Array.isArray(value)) {
    if (value.length === 0) return [[path || 'value', '(none)']];
    return value.flatMap((item, index) => flatten(item, `${path}[${index}]`));
  }

  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [[path || 'value', '(none)']];
    return entries.flatMap(([key, item]) => flatten(item, path ? `${path}.${key}` : key));
  }
  return [[path || 'value', value === null || value === undefined ? '—' : String(value)]];
}

export function text(value: string | number | null | undefined, className?: string): Cell {
  return className ? { html: zoomText(value), className } : { html: zoomText(value) };
}

export function ours(value: string | number, className?: string): Cell {
  return className ? { html: plain(value), className } : { html: plain(value) };
}

/** The columns every event table shows; widths are in the style sheet, by position. */
export const EVENT_HEADERS = [
  'Time (UTC)',
  'Kind',
  'Actor',
  'Target',
  'Channel',
  'Text / detail',
  'IP / client',
  'Notes',
  'Event id / raw record SHA-256',
];

export interface EventRow {
  cells: Cell[];
  /** Whether a secret in the text was replaced by a label on the page. */
  masked: boolean;
}

export function eventRow(event: EventWithSeq, notes: string[]): EventRow {
  const message = maskedZoomText(event.text ?? detailText(event.detail));
  const cells = [
    time(event.occurredAt),
    ours(event.kind, 'kind'),
    person(event.actorEmail, event.actorId),
    person(event.targetEmail, event.targetId),
    person(event.channelName, event.channelId),
    { html: message.html, className: 'message' },
    pair(event.ip, event.clientType),
    ours(notes.join(', ')),
    { html: `${zoomText(event.id)}<br>${plain(event.rawSha256)}`, className: 'id' },
  ];
  return { cells, masked: message.masked };
}

/** Two Zoom values in one cell, one per line, leaving out the missing one. */
function pair(first: string | null, second: string | null): Cell {
  if (first === null || second === null) return text(first ?? second);
  return { html: `${zoomText(first)}<br>${zoomText(second)}` };
}

/** A name and an id, both Zoom's, each escaped on its own line. */
function person(name: string | null, id: string | null): Cell {
  if (name === null && id === null) return text(null);
  if (name === null || id === null || name === id) return text(name ?? id);
  return { html: `${zoomText(name)}<br><span class="id">${zoomText(id)}</span>` };
}

function detailText(detail: Record<string, unknown>): string | null {
  return Object.keys(detail).length === 0 ? null : JSON.stringify(detail);
}

function td(cell: Cell): string {
  return cell.className ? `<td class="${plain(cell.className)}">${cell.html}</td>`
    : `<td>${cell.html}</td>`;
}
