/**
 * Small HTML builders for the report. Every Zoom-derived value goes through zoomText; only
 * our own labels go through plain. Nothing here emits a script, an event handler attribute,
 * a URL or an external reference.
 */
import type { EventWithSeq } from '../store/events.ts';
import { plain, zoomText } from './escape.ts';
import { utcLabel } from './time.ts';

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

export function time(ms: number | null): Cell {
  return { html: ms === null ? '—' : plain(utcLabel(ms)), className: 'time' };
}

export function text(value: string | number | null | undefined, className?: string): Cell {
  return className ? { html: zoomText(value), className } : { html: zoomText(value) };
}

export function ours(value: string | number, className?: string): Cell {
  return className ? { html: plain(value), className } : { html: plain(value) };
}

/** The columns every event table shows. */
export const EVENT_HEADERS = [
  'Time (UTC)',
  'Kind',
  'Actor',
  'Target',
  'Channel',
  'Text / detail',
  'IP',
  'Client',
  'Notes',
  'Event id',
  'Raw record SHA-256',
];

export function eventRow(event: EventWithSeq, notes: string[]): Cell[] {
  return [
    time(event.occurredAt),
    ours(event.kind),
    person(event.actorEmail, event.actorId),
    person(event.targetEmail, event.targetId),
    person(event.channelName, event.channelId),
    text(event.text ?? detailText(event.detail), 'message'),
    text(event.ip),
    text(event.clientType),
    ours(notes.join(', ')),
    text(event.id, 'id'),
    ours(event.rawSha256, 'hash'),
  ];
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
