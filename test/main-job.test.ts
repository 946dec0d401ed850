/**
 * The whole main job, end to end, with real parts only: the demo tenant over HTTP, the OS
 * keychain, a SQLite file, the detectors, a response action and the evidence bundle.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { executeAction, listAudit, planAction, verifyAuditChain } from '../main/actions/index.ts';
import { openContext } from '../main/app/context.ts';
import type { AppContext } from '../main/app/context.ts';
import { logPath } from '../main/app/data-dir.ts';
import { runDemo } from '../main/app/demo-job.ts';
import type { DemoOutcome } from '../main/app/demo-job.ts';
import { KeytarCredentialStore } from '../main/credentials/keytar-store.ts';
import { setLogLevel, setStderrLogging } from '../main/log/logger.ts';
import { EVENT_KINDS } from '../shared/events.ts';
import { sha256Hex } from '../main/store/hash.ts';
import { getRawRecord } from '../main/store/raw.ts';
import { syncInstance } from '../main/sync/index.ts';
import { verifyBundle, writeBundle } from '../main/report/index.ts';
import { createZoomClient } from '../main/zoom/client.ts';
import { filesContaining, tempDir } from './helpers/cli.ts';

const END_DATE = '2026-11-30';
const HOSTILE_IMG = '<img src=x onerror=alert(1)>';

let ctx: AppContext;
let outcome: DemoOutcome;
let keychainService: string;

beforeAll(async () => {
  // Every line goes to the log file, so that the secret check below reads all of them.
  setLogLevel('debug');
  setStderrLogging(false);
  keychainService = `zi-test-${crypto.randomUUID()}`;
  ctx = openContext({
    dataDir: tempDir('main-job'),
    credentials: new KeytarCredentialStore(keychainService),
    now: () => Date.parse(`${END_DATE}T18:00:00Z`),
  });
  outcome = await runDemo(ctx, { seed: 11, endDate: END_DATE });
}, 300_000);

afterAll(async () => {
  await outcome?.tenant.close();
  await ctx?.credentials.deleteAll(outcome.instance.keychainKey);
  ctx?.close();
});

describe('the main job on the demo tenant', () => {
  it('lands every stream, each event with its raw JSON and that JSON\'s SHA-256', () => {
    for (const stream of outcome.sync.streams) {
      expect(stream.status, `${stream.stream}: ${stream.reason}`).toBe('ok');
      expect(stream.records, stream.stream).toBeGreaterThan(0);
    }

    const kinds = ctx.db.prepare('SELECT kind, min(seq) AS seq FROM events GROUP BY kind')
      .all() as Array<{ kind: string; seq: number }>;
    const present = new Set(kinds.map((k) => k.kind));
    for (const kind of ['auth.sign_in', 'auth.sign_out', 'chat.message_sent',
      'chat.message_replied', 'chat.message_updated', 'chat.message_deleted',
      'chat.channel_created', 'chat.member_added', 'admin.user_status_changed',
      'admin.setting_changed']) {
      expect(present, kind).toContain(kind);
    }
    expect(EVENT_KINDS).toEqual(expect.arrayContaining([...present]));

    for (const { seq } of kinds) {
      const event = ctx.db.prepare('SELECT raw_id, raw_sha256 FROM events WHERE seq = ?')
        .get(seq) as { raw_id: number; raw_sha256: string };
      const raw = getRawRecord(ctx.db, event.raw_id)!;
      expect(sha256Hex(raw.json)).toBe(event.raw_sha256);
      expect(() => JSON.parse(raw.json)).not.toThrow();
    }
  });

  it('keeps users, channels and members as snapshots with first and last seen times', () => {
    const users = ctx.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    const members = ctx.db.prepare(
      'SELECT count(*) AS n FROM channel_members WHERE first_seen_at <= last_seen_at',
    ).get() as { n: number };

    expect(users.n).toBe(outcome.data.users.length);
    expect(members.n).toBeGreaterThan(outcome.data.channels.length);
  });

  it('adds nothing on a second sync', async () => {
    const before = ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    const client = createZoomClient(outcome.instance, ctx.credentials);

    const again = await syncInstance(ctx.db, client, outcome.instance, { now: ctx.now });

    const after = ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    expect(again.streams.map((s) => s.inserted)).toEqual(again.streams.map(() => 0));
    expect(after.n).toBe(before.n);
  });

  it('finds every planted incident and flags none of the benign look-alikes', () => {
    expect(outcome.grade.incidents.length).toBeGreaterThanOrEqual(5);

    for (const incident of outcome.grade.incidents) {
      expect(incident.recordEvents.every((ids) => ids.length > 0), incident.id).toBe(true);
      expect(incident.found, `${incident.id} (${incident.detector})`).toBe(true);
    }
    for (const benign of outcome.grade.benign) {
      expect(benign.recordEvents.every((ids) => ids.length > 0), benign.id).toBe(true);
      expect(benign.flagged, `${benign.id} flagged by ${benign.flaggedBy}`).toBe(false);
    }
  });

  it('deletes a message in the tenant, exactly once, and audits it', async () => {
    const incident = outcome.data.answerKey.incidents.find((i) => i.detector ===
      'chat.sensitive_to_external')!;
    const ref = incident.records.find((r) => r.stream === 'chat')!;
    const messageId = ref.stream === 'chat' ? ref.message_id : '';
    const zoom = createZoomClient(outcome.instance, ctx.credentials);

    const plan = planAction(ctx.db, { kind: 'delete-message', target: messageId });
    const first = await executeAction({ db: ctx.db, zoom, now: ctx.now }, plan,
      { confirmed: true, dryRun: false, reason: 'sensitive data sent outside' });
    const second = await executeAction({ db: ctx.db, zoom, now: ctx.now },
      planAction(ctx.db, { kind: 'delete-message', target: messageId }),
      { confirmed: true, dryRun: false });

    expect(first.outcome).toBe('done');
    expect(first.zoomStatus).toBe(204);
    expect(second.outcome).toBe('already_done');
    const deletes = outcome.tenant.requests.filter((r) => r.method === 'DELETE' &&
      r.path.includes(encodeURIComponent(messageId)));
    expect(deletes).toHaveLength(1);

    const { path: messagePath, query } = plan.snapshotCall;
    const gone = await zoom.request('GET', messagePath, { query })
      .then(() => 'still there', (error: { category?: string }) => error.category);
    expect(gone).toBe('not_found');

    const audit = listAudit(ctx.db).filter((row) => row.target === plan.targetLabel);
    expect(audit.map((row) => row.outcome)).toEqual(['started', 'done', 'already_done']);
    expect(audit[1]!.response_json).toContain('204');
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
  });

  it('writes a bundle whose hashes match, checked by sha256sum too', () => {
    expect(outcome.verification.ok).toBe(true);
    const out = execFileSync('sha256sum', ['--quiet', '-c', 'SHA256SUMS'],
      { cwd: outcome.bundle.dir, encoding: 'utf8' });
    expect(out).toBe('');
  });

  it('carries hostile chat text through sync, detect and report without running it', () => {
    const stored = ctx.db.prepare(
      "SELECT text, occurred_at FROM events WHERE kind = 'chat.message_sent' AND text LIKE ?",
    ).all(`%${HOSTILE_IMG}%`) as Array<{ text: string; occurred_at: number }>;
    expect(stored.length).toBeGreaterThan(0);

    const huge = ctx.db.prepare(
      "SELECT max(length(text)) AS n FROM events WHERE kind = 'chat.message_sent'",
    ).get() as { n: number };
    expect(huge.n).toBeGreaterThan(900_000);

    const at = stored[0]!.occurred_at;
    const bundle = writeBundle(ctx.db, {
      instanceId: outcome.instance.id,
      since: at - 3_600_000,
      until: at + 3_600_000,
      outDir: path.join(ctx.dataDir, 'hostile-bundle'),
    });
    expect(verifyBundle(bundle.dir).ok).toBe(true);

    const html = fs.readFileSync(path.join(bundle.dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<img|<svg|<script|onerror=alert\(1\)>/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('\u202E');
  });

  it('keeps the client secret and the tokens out of every file, log line and report', async () => {
    const token = await ctx.credentials.get(outcome.instance.keychainKey, 'access_token');
    expect(token).toBeTruthy();
    const accessToken = (JSON.parse(token!) as { access_token: string }).access_token;

    expect(fs.existsSync(logPath(ctx.dataDir))).toBe(true);
    // The same search does see what is stored in plain text, such as the account id.
    expect(filesContaining(ctx.dataDir, outcome.tenant.accountId).length).toBeGreaterThan(0);

    for (const secret of [outcome.tenant.clientSecret, accessToken]) {
      expect(filesContaining(ctx.dataDir, secret)).toEqual([]);
    }
  });
});
