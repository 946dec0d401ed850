import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DELETED_BY_RESPONSE_ACTION } from '../main/actions/types.ts';
import { writeBundle } from '../main/report/bundle.ts';
import type { BundleResult } from '../main/report/bundle.ts';
import { verifyBundle } from '../main/report/verify.ts';
import { secretSpans } from '../main/report/mask.ts';
import { ensureActionRecord, setActionStatus } from '../main/store/actions.ts';
import { upsertFindings } from '../main/store/findings.ts';
import { insertRawRecord } from '../main/store/raw.ts';
import { upsertChannelMember } from '../main/store/snapshots.ts';
import { recordCoverage, setSyncState } from '../main/store/sync-state.ts';
import { storeChannelMessage, storeEvent } from './helpers/evidence-store.ts';
import { openTempStore } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';

const T0 = Date.UTC(2026, 10, 2, 8, 0, 0);
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 11, 4, 16, 30, 0);

const BIG = `${'A'.repeat(1_000_000)}<script>alert('big')</script>`;
const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  svg: '"><svg onload=alert(1)>',
  formula: '=HYPERLINK("http://evil.test/x","click me")',
  rtl: 'invoice\u202Egpj.exe',
  iframe: '<iframe src="javascript:alert(1)"></iframe>',
  crlf: 'line one\r\nline two',
};

/** Published example credentials, never live ones. */
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const CARD = '4111 1111 1111 1111';
const SECRET_TEXT = `key ${AWS_KEY} card ${CARD} <b>end</b>`;
const DAY = 24 * 60 * MINUTE;

/** Elements the report itself uses; anything else came from a payload. */
const OUR_ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'h4', 'section',
  'article', 'p', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'bdi', 'span',
  'br', 'ul', 'li', 'code',
]);

describe('evidence bundle', () => {
  let store: TempStore;
  let bundle: BundleResult;
  let html: string;

  beforeAll(() => {
    store = openTempStore();
    seed(store);
    bundle = writeBundle(store.db, {
      instanceId: store.instance.id,
      since: T0 - MINUTE,
      until: T0 + 60 * MINUTE,
      outDir: path.join(store.dir, 'out'),
      now: NOW,
    });
    html = fs.readFileSync(path.join(bundle.dir, 'report.html'), 'utf8');
  });

  afterAll(() => store.close());

  it('writes report, events, raw records, manifest and SHA256SUMS into a new folder', () => {
    const names = bundle.files.map((f) => f.path);

    expect(path.basename(bundle.dir)).toBe('zoom-evidence-acme-20261204T163000Z');
    expect(names).toEqual([
      'SHA256SUMS', 'events.jsonl', 'manifest.json', 'raw/records.jsonl', 'report.html',
    ]);
    expect(bundle.manifest.version).toBe(2);
    expect(bundle.manifest.counts.events).toBe(9);
    // 9 events plus the 2 member records of the finding's channel.
    expect(bundle.manifest.counts.rawRecords).toBe(11);
  });

  it('verifies, and sha256sum -c agrees', () => {
    const result = verifyBundle(bundle.dir);
    expect(result).toEqual({ ok: true, checked: bundle.files.length, problems: [] });

    const output = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: bundle.dir });
    const lines = output.toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(bundle.files.length - 1);
    expect(lines.every((line) => line.endsWith(': OK'))).toBe(true);
  });

  it('lists sizes and hashes of the bytes on disk, with LF line endings everywhere', () => {
    for (const file of bundle.manifest.files) {
      const bytes = fs.readFileSync(path.join(bundle.dir, file.path));
      expect(bytes.length).toBe(file.size);
      expect(bytes.includes(0x0d)).toBe(false);
    }
    const sums = fs.readFileSync(path.join(bundle.dir, 'SHA256SUMS'), 'utf8');
    expect(sums).toMatch(/^([0-9a-f]{64} {2}[^\n]+\n)+$/);
  });

  it('writes one event per line, each raw record it cites in raw/records.jsonl', () => {
    const lines = fs.readFileSync(path.join(bundle.dir, 'events.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(9);
    const records = readRecords(bundle.dir);

    for (const line of lines) {
      const event = JSON.parse(line) as { rawSha256: string; evidenceRawSha256: string[] };
      expect(event.evidenceRawSha256).toContain(event.rawSha256);
      for (const sha of event.evidenceRawSha256) expect(records.has(sha)).toBe(true);
    }
    const big = lines.map((l) => JSON.parse(l) as { text: string }).find((e) => e.text === BIG);
    expect(big).toBeDefined();
  });

  it('marks a message a response action deleted, and keeps it', () => {
    const lines = fs.readFileSync(path.join(bundle.dir, 'events.jsonl'), 'utf8').trim().split('\n');
    const deleted = lines
      .map((l) => JSON.parse(l) as { id: string; notes: string[]; text: string })
      .find((e) => e.id === 'evt-phish');

    expect(deleted?.text).toBe('click https://evil.test/login');
    expect(deleted?.notes).toEqual([DELETED_BY_RESPONSE_ACTION]);
    expect(html).toContain(DELETED_BY_RESPONSE_ACTION);
  });

  it('is self-contained: a CSP that forbids all but inline style, and no script at all', () => {
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ` +
        `style-src 'unsafe-inline'">`,
    );
    expect(html.toLowerCase()).not.toContain('<script');
    const tags = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((t) => t[0]);
    expect(tags.filter((tag) => /\s(?:src|href|action)\s*=/i.test(tag))).toEqual([]);
  });

  it('creates no element or event handler from hostile text', () => {
    const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)];
    const unknown = tags.map((t) => t[1]!.toLowerCase()).filter((t) => !OUR_ELEMENTS.has(t));
    const handlers = tags.filter((t) => /\son[a-z]+\s*=|javascript:/i.test(t[2]!));

    expect(unknown).toEqual([]);
    expect(handlers).toEqual([]);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('&lt;iframe src=&quot;javascript:alert(1)&quot;&gt;');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.test/x&quot;,&quot;click me&quot;)');
    expect(html).toContain(`${'A'.repeat(1_000_000)}&lt;script&gt;`);
  });

  it('shows the right-to-left override as a visible marker, isolated', () => {
    expect(html).not.toContain('\u202E');
    expect(html).toContain('<bdi class="ctl">invoice\\u202Egpj.exe</bdi>');
    expect(html).toContain('line one\\u000D\nline two');
  });

  it('lists sources collected and not collected, with the reason', () => {
    expect(html).toContain(
      'not collected: not available on this Zoom plan (Zoom said: &quot;Only available for ' +
        'Paid account&quot;)',
    );
    expect(html).toMatch(/Admin operation logs<\/td><td class="warn">/);
    expect(html).toMatch(/Team Chat messages \(with edits and deletions\)<\/td><td class="ok">/);
    expect(html).toContain('not collected: never synced');
  });

  it('shows findings with their explanation and evidence, times labelled UTC once', () => {
    expect(html).toContain('Payment fraud: external link in deal-room');
    expect(html).toContain('A message with a link was sent by alice@acme.test');
    expect(html).toContain('<td class="time">2026-11-02 08:05:00</td>');
    expect(html).toContain('<dt>Generated</dt><dd>2026-12-04 16:30:00 UTC</dd>');
    expect(html).not.toContain('UTC+00:00');
    expect(html).toContain('<th>Time (UTC)</th>');
    expect(html).toContain('<h4>Evidence (2 events)</h4>');
    expect(html).toContain('verified (0 rows, chain intact)');
  });

  it('stores every raw record once, exactly, under the hash of its json string', () => {
    const records = readRecords(bundle.dir);
    expect(records.size).toBe(11);

    for (const [sha256, json] of records) expect(sha(Buffer.from(json, 'utf8'))).toBe(sha256);
    const big = [...records.values()].find((json) => json.includes('A'.repeat(1000)));
    expect((JSON.parse(big!) as { message: string }).message).toBe(BIG);
  });

  it('says when snapshots were taken, with no gaps, and covers nothing past a sync', () => {
    expect(html).toMatch(/<td>Users<\/td><td class="ok"><bdi>collected<\/bdi><\/td>/);
    expect(html).toContain('snapshot, last taken 2026-12-04 16:30:00');
    expect(html).toContain('none: a snapshot has no time window');
    // The chat window of the last day was fetched at 08:20: nothing after that is covered.
    expect(html).toContain('2026-11-01 00:00:00 – 2026-11-02 08:20:00</td>');
    expect(html).toContain('<dt>Sources not collected</dt><dd>Admin operation logs');
    expect(html).toContain('<dt>Gaps in window</dt><dd>Sign-in and sign-out activity: ' +
      '2026-11-02 07:59:00 – 2026-11-02 09:00:00 UTC<br>Team Chat messages (with edits and ' +
      'deletions): 2026-11-02 08:20:00 – 2026-11-02 09:00:00 UTC</dd>');
  });

  it('shows what triggered a finding and an action target as escaped definition lists', () => {
    expect(html).toContain('<dt><bdi>domain</bdi></dt><dd><bdi>evil.test</bdi></dd>');
    expect(html).toContain(
      '<dt><bdi>note</bdi></dt><dd><bdi>&quot;&gt;&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('<dt><bdi>matches[0].masked</bdi></dt><dd><bdi>AWS key AKIA…MPLE');
    expect(html).toContain('<dt><bdi>messageId</bdi></dt><dd><bdi>msg-phish</bdi></dd>');
    expect(html).not.toContain('{&quot;');
  });

  it('masks secrets on the page only, and says where the original is', () => {
    expect(html).not.toContain(AWS_KEY);
    expect(html).not.toContain(CARD);
    expect(html).toContain('key <span class="masked">[masked: AWS key AKIA…MPLE]</span> card ' +
      '<span class="masked">[masked: card number ending 1111]</span> &lt;b&gt;end&lt;/b&gt;');
    expect(html).toContain('The unmasked original is in events.jsonl and raw/records.jsonl');

    const events = fs.readFileSync(path.join(bundle.dir, 'events.jsonl'), 'utf8');
    expect(events).toContain(JSON.stringify(SECRET_TEXT));
    const records = [...readRecords(bundle.dir).values()];
    expect(records.some((json) => json.includes(SECRET_TEXT))).toBe(true);
  });

  it('cites the member snapshot of a finding\'s channel, raw records included', () => {
    expect(html).toContain('<h4>Channel members as last seen (2 members)</h4>');
    expect(html).toContain('<bdi>mallory@outside.example</bdi>');
    expect(html).toMatch(/mallory@outside\.example<\/bdi><br><span class="id"><bdi>mem-ext<\/bdi>/);

    const records = [...readRecords(bundle.dir).values()];
    expect(records).toContain(JSON.stringify(EXTERNAL_MEMBER));
  });

  it('gives the message column the room and lets ids break anywhere', () => {
    expect(html).toContain('table.events{table-layout:fixed}');
    expect(html).toContain('table.events td{overflow-wrap:anywhere}');
    expect(html).toMatch(/td\.id,[^{]*\{[^}]*word-break:break-all/);
  });

  it('fails verification for a changed, an added and a removed file', () => {
    const copy = copyBundle(bundle.dir, 'tampered');
    const raw = bundle.files.find((f) => f.path.startsWith('raw/'))!;
    fs.appendFileSync(path.join(copy, raw.path), ' ');
    fs.writeFileSync(path.join(copy, 'raw', 'extra.json'), '{}');
    fs.rmSync(path.join(copy, 'report.html'));

    const result = verifyBundle(copy);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(expect.arrayContaining([
      { file: raw.path, expected: raw.sha256, actual: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { file: 'raw/extra.json', expected: 'absent (not in the manifest)', actual: 'present' },
      { file: 'report.html', expected: expect.any(String), actual: 'missing' },
    ]));
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: copy }).status)
      .not.toBe(0);
  });

  it('catches a record edited together with the manifest and SHA256SUMS by its hash', () => {
    const copy = copyBundle(bundle.dir, 'rewritten');
    const lines = readRecordLines(copy);
    const forged = { ...lines[1]!, json: '{"forged":true}' };
    writeRecordLines(copy, [lines[0]!, forged, ...lines.slice(2)]);
    rewriteHashes(copy);

    const result = verifyBundle(copy);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ file: 'raw/records.jsonl line 2',
      expected: forged.sha256, actual: sha(Buffer.from(forged.json, 'utf8')) });
  });

  it('catches a cited record removed together with the manifest and SHA256SUMS', () => {
    const copy = copyBundle(bundle.dir, 'pruned');
    const [first, ...rest] = readRecordLines(copy);
    writeRecordLines(copy, rest);
    rewriteHashes(copy);

    const result = verifyBundle(copy);
    expect(result.ok).toBe(false);
    expect(result.problems).toContainEqual({ file: expect.stringMatching(/^events\.jsonl line \d+$/),
      expected: `raw record ${first!.sha256} in raw/records.jsonl`, actual: 'missing' });
  });

  it('writes a bundle about one finding with just its evidence', () => {
    const one = writeBundle(store.db, {
      findingId: 'finding-1',
      outDir: path.join(store.dir, 'out'),
      now: NOW,
    });

    expect(one.manifest.counts).toMatchObject({ events: 2, findings: 1, rawRecords: 4 });
    expect(one.manifest.scope.findingId).toBe('finding-1');
    expect(verifyBundle(one.dir).ok).toBe(true);
  });
});

describe('secrets masked on the page', () => {
  it('finds Luhn-valid cards, SSNs, IBANs, keys and private key blocks, by position', () => {
    const text = 'a 4111-1111-1111-1111 b 4111 1111 1111 1112 c 219-09-9998 ' +
      'd GB82 WEST 1234 5698 7654 32 e ghp_' + 'x'.repeat(36) + ' f';
    const found = secretSpans(text).map((s) => [text.slice(s.start, s.end), s.label]);

    expect(found).toEqual([
      ['4111-1111-1111-1111', 'card number ending 1111'],
      ['219-09-9998', 'US social security number ending 9998'],
      ['GB82 WEST 1234 5698 7654 32', 'GB IBAN ending 5432'],
      [`ghp_${'x'.repeat(36)}`, 'GitHub token ghp_…xxxx'],
    ]);
  });

  it('masks a private key block to its END line, or to the end without one', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIE+abc/=\n-----END RSA PRIVATE KEY-----';
    const closed = secretSpans(`here ${block} thanks`);
    expect(closed).toEqual([{ start: 5, end: 5 + block.length, label: 'private key block' }]);

    const open = '-----BEGIN PRIVATE KEY-----\nMIIE-half';
    expect(secretSpans(`x ${open}`)).toEqual([{ start: 2, end: 2 + open.length,
      label: 'private key block' }]);
  });

  it('leaves ordinary numbers alone', () => {
    expect(secretSpans('call 1700000000000 or 555-123-4567, order 4111111111111112')).toEqual([]);
  });
});

function seed(store: TempStore): void {
  const db = store.db;
  const id = store.instance.id;
  const message = (n: number, text: string, extra: { channelName?: string } = {}) =>
    storeChannelMessage(db, id, {
      id: `msg-${n}`, eventId: `evt-${n}`, at: T0 + n * MINUTE, senderEmail: 'alice@acme.test',
      senderId: 'AliceId00001', channelId: 'ch_9x+Y/z',
      channelName: extra.channelName ?? 'deal-room', text,
    });

  message(1, BIG);
  message(2, HOSTILE.img);
  message(3, HOSTILE.svg, { channelName: HOSTILE.iframe });
  message(4, HOSTILE.formula);
  message(5, HOSTILE.rtl);
  message(6, HOSTILE.crlf);
  message(9, SECRET_TEXT);
  seedMembers(store);
  storeChannelMessage(db, id, {
    id: 'msg-phish', eventId: 'evt-phish', at: T0 + 7 * MINUTE, senderEmail: 'alice@acme.test',
    senderId: 'AliceId00001', channelId: 'ch_9x+Y/z', channelName: 'deal-room',
    text: 'click https://evil.test/login',
  });
  storeEvent(db, id, {
    id: 'evt-signin', kind: 'auth.sign_in', source: 'api.report_activities',
    occurredAt: T0 + 8 * MINUTE, actorEmail: 'alice@acme.test', ip: '203.0.113.7',
    clientType: HOSTILE.img,
  });
  storeEvent(db, id, {
    id: 'evt-outside', kind: 'auth.sign_in', source: 'api.report_activities',
    occurredAt: T0 + 120 * MINUTE, actorEmail: 'bob@acme.test',
  });
  storeEvent(db, id, {
    id: 'evt-far', kind: 'auth.sign_in', source: 'api.report_activities',
    occurredAt: T0 + 3 * 24 * 60 * MINUTE, actorEmail: 'carol@acme.test',
  });

  upsertFindings(db, id, 'external-link', [{
    id: 'finding-1', detectorId: 'external-link', detectorVersion: 1, severity: 'high',
    technique: { id: 'T1566.002', name: 'Spearphishing Link' },
    title: 'Payment fraud: external link in deal-room',
    explanation: 'A message with a link was sent by alice@acme.test <img src=x onerror=alert(2)>',
    values: {
      domain: 'evil.test', note: HOSTILE.svg,
      matches: [{ type: 'aws_access_key', masked: 'AWS key AKIA…MPLE' }],
    },
    subject: 'alice@acme.test',
    firstEventAt: T0 + 5 * MINUTE, lastEventAt: T0 + 7 * MINUTE,
    evidenceEventIds: ['evt-phish', 'evt-5'],
  }], NOW);

  setSyncState(db, id, 'chat', { status: 'ok' }, NOW);
  setSyncState(db, id, 'sign_ins', { status: 'ok' }, NOW);
  setSyncState(db, id, 'users', { status: 'ok' }, NOW);
  // The day's window is recorded whole, but the fetch ran at 08:20 that day.
  recordCoverage(db, id, { stream: 'chat', windowStart: T0 - 8 * 60 * MINUTE - DAY,
    windowEnd: T0 - 8 * 60 * MINUTE + DAY, status: 'ok', pages: 1, records: 9, note: null,
    completedAt: T0 + 20 * MINUTE });
  setSyncState(db, id, 'operation_logs', {
    status: 'unavailable', reason: 'Only available for Paid account',
  }, NOW);

  const action = ensureActionRecord(db, {
    idempotencyKey: 'k-phish', instanceId: id, kind: 'delete-message',
    target: { messageId: 'msg-phish', eventId: 'evt-phish' }, reason: 'phishing',
  }, NOW);
  setActionStatus(db, action.id, 'done', NOW, {
    result: { outcome: 'done', message: 'Deleted: Zoom answered 204.',
      notes: [DELETED_BY_RESPONSE_ACTION] },
  });
}

const EXTERNAL_MEMBER = { member_id: 'mem-ext', email: 'mallory@outside.example',
  name: 'Mallory', role: 'member', is_external: true };

/** The finding's channel has one external member, as the channel member list said. */
function seedMembers(store: TempStore): void {
  const members = [EXTERNAL_MEMBER, { member_id: 'mem-alice', email: 'alice@acme.test',
    name: 'Alice', role: 'owner', is_external: false }];
  for (const member of members) {
    const raw = insertRawRecord(store.db, JSON.stringify(member), 'api.channel_members', null, NOW);
    upsertChannelMember(store.db, store.instance.id, 'ch_9x+Y/z', member, raw, NOW);
  }
}

interface RecordLine {
  sha256: string;
  json: string;
}

function readRecordLines(dir: string): RecordLine[] {
  const text = fs.readFileSync(path.join(dir, 'raw', 'records.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as RecordLine);
}

function writeRecordLines(dir: string, lines: RecordLine[]): void {
  fs.writeFileSync(path.join(dir, 'raw', 'records.jsonl'),
    lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
}

function readRecords(dir: string): Map<string, string> {
  return new Map(readRecordLines(dir).map((l) => [l.sha256, l.json]));
}

function copyBundle(dir: string, suffix: string): string {
  const copy = `${dir}-${suffix}`;
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

/** What a forger who knows the format would do: recompute manifest and SHA256SUMS. */
function rewriteHashes(dir: string): void {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
    files: Array<{ path: string; size: number; sha256: string }>;
  };
  for (const file of manifest.files) {
    const bytes = fs.readFileSync(path.join(dir, file.path));
    file.size = bytes.length;
    file.sha256 = sha(bytes);
  }
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);

  const listed = [...manifest.files.map((f) => [f.path, f.sha256]),
    ['manifest.json', sha(fs.readFileSync(manifestFile))]].sort();
  fs.writeFileSync(path.join(dir, 'SHA256SUMS'),
    listed.map(([p, s]) => `${s}  ${p}\n`).join(''));
}

function sha(bytes: Buffer): string {
  return execFileSync('sha256sum', { input: bytes }).toString('utf8').slice(0, 64);
}
