/**
 * report.html: one self-contained page (inline CSS, no script, a CSP that forbids everything
 * but inline styles) that a reader can open offline. Zoom-derived text is escaped and
 * isolated; secrets in message text are masked on the page only. Times are UTC, said once per
 * value or once per column header.
 */
import type { ActionRecord } from '../store/actions.ts';
import type { BundleData, ReportFinding } from './data.ts';
import { plain, zoomText } from './escape.ts';
import { bundleEvents, eventNotes, EVENTS_FILE } from './events-jsonl.ts';
import { EVENT_HEADERS, eventRow, facts, ours, section, table, text, time, valueList }
  from './html-parts.ts';
import type { Cell, EventRow } from './html-parts.ts';
import { writeText } from './files.ts';
import type { ChannelMemberEvidence } from './members.ts';
import { RAW_RECORDS_FILE } from './raw-files.ts';
import { isSnapshot } from './sources.ts';
import type { SourceStatus } from './sources.ts';
import { utcLabel, utcTime } from './time.ts';

export const REPORT_FILE = 'report.html';

/** Rows of the event table; the rest are in events.jsonl. Keeps the page openable. */
export const MAX_HTML_EVENTS = 5000;

export const CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function writeReportHtml(dir: string, data: BundleData): string {
  writeText(dir, REPORT_FILE, renderReport(data));
  return REPORT_FILE;
}

export function renderReport(data: BundleData): string {
  const events = eventSection(data);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Our own constant, written literally so that the policy reads as it is in any tool.
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<title>Zoom Investigator evidence report</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(data),
    summarySection(data, events.count, events.kinds),
    sourcesSection(data.sources),
    findingsSection(data),
    actionsSection(data.actions),
    auditSection(data),
    events.html,
    filesSection(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(data: BundleData): string {
  const accounts = data.instances.map((i) => `${zoomText(i.name)} (${zoomText(i.accountId)})`);
  return `<header>\n<h1>Zoom Investigator evidence report</h1>\n${facts([
    ['Generated', plain(utcLabel(data.generatedAt))],
    ['Zoom accounts', accounts.join(', ') || 'none connected'],
    ['Window', windowText(data.window)],
    ...(data.findingId ? [['Finding', zoomText(data.findingId)] as [string, string]] : []),
    ['Times', 'All times are UTC.'],
  ])}\n</header>`;
}

function summarySection(data: BundleData, eventCount: number, kinds: Map<string, number>): string {
  const notCollected = data.sources.filter((s) => !s.collected);
  const bySeverity = countBy(data.findings.map((f) => f.severity));

  return section('summary', 'Summary', facts([
    ['Events', `${plain(eventCount)}${kinds.size ? ` (${kindList(kinds)})` : ''}`],
    ['Findings', data.findings.length ? `${data.findings.length} (${kindList(bySeverity)})` : '0'],
    ['Sources not collected', notCollected.length
      ? notCollected.map((s) => `${plain(s.label)}: ${zoomText(s.summary)}`).join('<br>')
      : 'none'],
    ['Gaps in window', gapSummary(data.sources)],
    ['Response actions', plain(data.actions.length)],
    ['Audit chain', auditText(data)],
  ]));
}

/** Collected windowed sources that still miss part of the window, so the summary agrees. */
function gapSummary(sources: SourceStatus[]): string {
  const gapped = sources.filter((s) => s.collected && s.gaps.length > 0);
  if (gapped.length === 0) return 'none';
  return gapped.map((s) => `${plain(s.label)}: ${plain(spans(s.gaps))} UTC`).join('<br>');
}

function sourcesSection(sources: SourceStatus[]): string {
  const rows = sources.map((s): Cell[] => [
    ours(s.label),
    { html: zoomText(s.summary), className: s.collected ? 'ok' : 'warn' },
    time(s.lastOkAt),
    ours(coveredText(s)),
    ours(gapsText(s)),
  ]);
  const note = '<p>Sources collected and not collected, from the sync state of each stream. ' +
    'Users and channels are snapshots, read whole at one moment. For the other streams, a ' +
    'gap is a part of the report window that no complete fetch covers; nothing is covered ' +
    'past the moment its fetch finished.</p>';
  const headers = ['Source', 'State', 'Last complete sync (UTC)', 'Covered (UTC)',
    'Gaps in window (UTC)'];
  return section('sources', 'Sources', note + table(headers, rows, 'sources'));
}

function coveredText(source: SourceStatus): string {
  if (isSnapshot(source)) {
    return source.snapshotAt === null ? 'no snapshot taken'
      : `snapshot, last taken ${utcTime(source.snapshotAt)}`;
  }
  return spans(source.covered) || 'no complete window recorded';
}

function gapsText(source: SourceStatus): string {
  if (isSnapshot(source)) return 'none: a snapshot has no time window';
  return source.gaps.length ? spans(source.gaps) : 'none';
}

function findingsSection(data: BundleData): string {
  if (data.findings.length === 0) return section('findings', 'Findings', '<p>No findings.</p>');
  const blocks = data.findings.map((f) => findingBlock(f, data));
  return section('findings', 'Findings', blocks.join('\n'));
}

function findingBlock(finding: ReportFinding, data: BundleData): string {
  const technique = finding.technique
    ? `${zoomText(finding.technique.id)} ${zoomText(finding.technique.name)}`
    : '—';
  const values = Object.keys(finding.values).length ? valueList(finding.values) : null;
  const evidence = finding.evidence.map((e) => eventRow(e, eventNotes(e, data)));

  return `<article class="finding sev-${plain(finding.severity)}">\n` +
    `<h3>${zoomText(finding.title)}</h3>\n` +
    facts([
      ['Severity', plain(finding.severity)],
      ['Detector', `${zoomText(finding.detectorId)} v${plain(finding.detectorVersion)}`],
      ['Technique', technique],
      ['Subject', zoomText(finding.subject)],
      ['Explanation', zoomText(finding.explanation)],
      ['Evidence span', `${plain(utcTime(finding.firstEventAt))} – ` +
        plain(utcLabel(finding.lastEventAt))],
      ['Still holds', finding.stillHolds ? 'yes' : 'no (a later run no longer produces it)'],
      ['Triage', triageText(finding)],
      ['Finding id', zoomText(finding.id)],
    ]) +
    (values ? `\n<h4>What triggered it</h4>\n${values.html}` : '') +
    `\n<h4>Evidence (${plain(counted(evidence.length, 'event'))})</h4>\n` +
    maskNote(values?.masked === true || evidence.some((row) => row.masked)) +
    table(EVENT_HEADERS, evidence.map((row) => row.cells), 'events') +
    membersBlock(finding.channelMembers) +
    '\n</article>';
}

/** `1 event`, `2 events`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Said wherever a secret was masked, so a reader knows the page is not the original. */
function maskNote(masked: boolean): string {
  if (!masked) return '';
  return '<p class="note">Card numbers, keys, private key blocks and national ids are masked ' +
    `on this page. The unmasked original is in ${plain(EVENTS_FILE)} and ` +
    `${plain(RAW_RECORDS_FILE)}, for those entitled to read it.</p>\n`;
}

function membersBlock(members: ChannelMemberEvidence[]): string {
  if (members.length === 0) return '';

  const rows = members.map((m): Cell[] => [
    person(m.channelName, m.channelId),
    person(m.email ?? m.name, m.memberKey),
    text(m.role),
    ours(m.isExternal === null ? 'not stated' : m.isExternal ? 'yes' : 'no'),
    time(m.lastSeenAt),
    ours(m.rawSha256, 'id'),
  ]);
  const headers = ['Channel', 'Member', 'Role', 'External (Zoom\'s flag)', 'Last seen (UTC)',
    'Raw record SHA-256'];
  return `\n<h4>Channel members as last seen (${plain(counted(members.length, 'member'))})</h4>\n` +
    `<p>The member lists of the channels this finding is about, as the last sync read them; ` +
    `each raw record is in ${plain(RAW_RECORDS_FILE)}.</p>\n` +
    table(headers, rows, 'members');
}

/** A name and an id, both Zoom's, one per line. */
function person(name: string | null, id: string): Cell {
  if (name === null || name === id) return text(id);
  return { html: `${zoomText(name)}<br><span class="id">${zoomText(id)}</span>` };
}

function triageText(finding: ReportFinding): string {
  const note = finding.triageNote ? `: ${zoomText(finding.triageNote)}` : '';
  return `${plain(finding.status)}${note}`;
}

function actionsSection(actions: ActionRecord[]): string {
  if (actions.length === 0) {
    return section('actions', 'Response actions', '<p>No response actions were taken.</p>');
  }
  const rows = actions.map((a): Cell[] => [
    time(a.createdAt),
    ours(a.kind),
    { html: valueList(a.target).html },
    ours(a.status),
    text(typeof a.result?.message === 'string' ? a.result.message : null),
    text(a.reason),
    time(a.updatedAt),
  ]);
  return section('actions', 'Response actions',
    table(['Planned (UTC)', 'Action', 'Target', 'Status', 'Outcome', 'Reason',
      'Last change (UTC)'], rows));
}

function auditSection(data: BundleData): string {
  return section('audit', 'Audit chain', facts([
    ['State', auditText(data)],
    ['Rows', plain(data.audit.rows)],
    ['Head', data.audit.headHash
      ? `row ${plain(data.audit.headSeq ?? 0)}, hash <span class="hash">` +
        `${plain(data.audit.headHash)}</span>`
      : 'empty'],
  ]));
}

/** The event table; iterates every event once to count kinds, keeps the first rows. */
function eventSection(data: BundleData): {
  html: string;
  count: number;
  kinds: Map<string, number>;
} {
  const rows: EventRow[] = [];
  const kinds = new Map<string, number>();
  let count = 0;

  for (const event of bundleEvents(data)) {
    count += 1;
    kinds.set(event.kind, (kinds.get(event.kind) ?? 0) + 1);
    if (rows.length < MAX_HTML_EVENTS) rows.push(eventRow(event, eventNotes(event, data)));
  }

  const more = count > rows.length
    ? `<p class="warn">Showing the first ${plain(rows.length)} of ${plain(count)} events; ` +
      `every event is in ${plain(EVENTS_FILE)}.</p>`
    : '';
  const html = section('events', `Events (${count})`,
    more + maskNote(rows.some((row) => row.masked)) +
      table(EVENT_HEADERS, rows.map((row) => row.cells), 'events'));
  return { html, count, kinds };
}

function filesSection(): string {
  return section('files', 'Files in this bundle', [
    '<ul>',
    `<li>${plain(EVENTS_FILE)}: every event, one JSON object per line, with the SHA-256 of ` +
      'each raw record that evidences it.</li>',
    `<li>${plain(RAW_RECORDS_FILE)}: each cited record exactly as stored from Zoom's answer, ` +
      'one JSON object per line: <code>{"sha256": …, "json": …}</code>. The SHA-256 of the ' +
      '<code>json</code> string (UTF-8) equals <code>sha256</code> and the hash the events ' +
      'cite; the app\'s bundle verifier checks every line.</li>',
    '<li>manifest.json and SHA256SUMS: the size and SHA-256 of every file. Check them with ' +
      '<code>sha256sum -c SHA256SUMS</code> or the app\'s bundle verifier.</li>',
    '</ul>',
  ].join('\n'));
}

function auditText(data: BundleData): string {
  if (data.audit.ok) return `verified (${plain(data.audit.rows)} rows, chain intact)`;
  return `<span class="warn">BROKEN at row ${plain(data.audit.firstBadSeq ?? 0)}: ` +
    `${plain(data.audit.problem ?? 'unknown problem')}</span>`;
}

function windowText(window: { since: number | null; until: number | null }): string {
  const from = window.since === null ? 'the first stored event' : utcLabel(window.since);
  const to = window.until === null ? 'the last stored event' : utcLabel(window.until);
  return `${plain(from)} to ${plain(to)} (end exclusive)`;
}

function spans(list: Array<[number, number]>): string {
  return list.map(([a, b]) => `${utcTime(a)} – ${utcTime(b)}`).join('; ');
}

function kindList(counts: Map<string, number>): string {
  return [...counts].map(([k, n]) => `${plain(k)}: ${plain(n)}`).join(', ');
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * The event table is fixed-width by column so that the message column gets the room; ids,
 * hashes and long tokens break anywhere so that nothing pushes the page sideways.
 */
const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111;background:#fff}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:2em}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2em 1em}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere;min-width:0}
dl.values{margin:0}dl.values dt{font-weight:500;color:#444}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em;table-layout:auto}
th,td{border:1px solid #ccc;padding:.25em .4em;vertical-align:top;text-align:left}
td{overflow-wrap:break-word}th{background:#f2f2f2}
table.events{table-layout:fixed}table.events td{overflow-wrap:anywhere}
table.events th:nth-child(1){width:6.5em}table.events th:nth-child(2){width:8%}
table.events th:nth-child(3),table.events th:nth-child(4){width:11%}
table.events th:nth-child(5){width:9%}table.events th:nth-child(7){width:8%}
table.events th:nth-child(8){width:6%}table.events th:nth-child(9){width:9%}
td.message{white-space:pre-wrap}
td.message bdi{display:block;max-height:24em;overflow:auto}
td.id,td.hash,.hash,.id,td.kind{font-family:ui-monospace,monospace;font-size:.8em;
word-break:break-all}
td.time{font-family:ui-monospace,monospace;font-size:.85em}
.masked{background:#eee;border:1px dashed #888;font-style:italic;white-space:normal}
.note{color:#444;font-style:italic}
.ctl{background:#fff3cd}.warn{color:#8a1c1c}.ok{color:#1b5e20}.none{color:#888}
article.finding{border-left:4px solid #888;padding-left:1em;margin:1.5em 0}
.sev-high,.sev-critical{border-left-color:#b71c1c}.sev-medium{border-left-color:#e65100}
@media print{body{margin:1cm}td.message bdi{max-height:none}}
`;
