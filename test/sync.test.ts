import { afterEach, describe, expect, it } from 'vitest';

import type { DemoActivity, TenantData } from '../main/demo/model.ts';
import { generateTenant } from '../main/demo/organisation.ts';
import { importFiles } from '../main/ingest/import-files.ts';
import { NO_ONE_TO_ONE_REASON } from '../main/sync/chat-stream.ts';
import { syncInstance } from '../main/sync/sync.ts';
import type { SyncOptions, SyncReport } from '../main/sync/types.ts';
import { countEvents, queryEvents } from '../main/store/events.ts';
import { sha256Hex } from '../main/store/hash.ts';
import type { Instance } from '../main/store/instances.ts';
import { readRawPageBody, verifyRawPageChain } from '../main/store/raw.ts';
import { getSyncState, listCoverage } from '../main/store/sync-state.ts';
import type { Query, ZoomClient } from '../main/zoom/types.ts';
import { openTempStore, tableCount } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';
import { NOW, smallTenant } from './helpers/small-tenant.ts';
import { startHarness } from './helpers/zoom-harness.ts';
import type { Harness, HarnessOptions } from './helpers/zoom-harness.ts';

interface Rig {
  harness: Harness;
  store: TempStore;
  instance: Instance;
  clock: { now: number };
  client: ZoomClient;
  sync(options?: SyncOptions): Promise<SyncReport>;
}

const rigs: Rig[] = [];

afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.harness.dispose();
    rig.store.close();
  }
});

/** A demo tenant over HTTP, a keychain-backed client, and an empty evidence database. */
async function startRig(options: HarnessOptions & { maxRetries?: number } = {}): Promise<Rig> {
  const clock = options.clock ?? { now: NOW };
  const harness = await startHarness({ ...options, clock });
  const store = openTempStore({ accountId: harness.tenant.accountId, name: 'demo' });
  const client = harness.client({ maxRetries: options.maxRetries ?? 4 });
  const rig: Rig = {
    harness,
    store,
    instance: store.instance,
    clock,
    client,
    sync: (syncOptions = {}) =>
      syncInstance(store.db, client, store.instance, { now: () => clock.now, ...syncOptions }),
  };
  rigs.push(rig);
  return rig;
}

function statusOf(report: SyncReport, stream: string): string | undefined {
  return report.streams.find((s) => s.stream === stream)?.status;
}

function eventKeys(store: TempStore): string[] {
  return queryEvents(store.db, { limit: 100_000 }).map((e) => `${e.id}|${e.occurredAt}`).sort();
}

function signIn(time: string, email = 'alice@acme.test'): DemoActivity {
  return { email, time, type: 'Sign in', ip_address: '198.51.100.9', client_type: 'Mac',
    version: '6.0' };
}

function tenantWith(activities: DemoActivity[]): TenantData {
  const data = smallTenant();
  data.activities.push(...activities);
  return data;
}

describe('syncInstance against the demo tenant', () => {
  it('lands every stream with raw evidence whose hashes match the stored text', async () => {
    const rig = await startRig();

    const report = await rig.sync();

    expect(report.status).toBe('ok');
    expect(report.streams.map((s) => [s.stream, s.status])).toEqual([
      ['users', 'ok'], ['channels', 'ok'], ['sign_ins', 'ok'], ['operation_logs', 'ok'],
      ['chat', 'ok'],
    ]);
    const db = rig.store.db;
    expect(tableCount(db, 'users')).toBe(5);
    expect(tableCount(db, 'channels')).toBe(1);
    expect(tableCount(db, 'channel_members')).toBe(3);
    expect(queryEvents(db, { kinds: ['auth.sign_in'], limit: 1000 })).toHaveLength(42);
    expect(queryEvents(db, { kinds: ['admin.setting_changed'] })[0]?.detail).toMatchObject({
      section: 'Security', from: 'On', to: 'Off' });
    expect(queryEvents(db, { kinds: ['chat.message_updated'] })[0]?.text)
      .toBe('numbers attached (v2)');
    expect(queryEvents(db, { kinds: ['chat.message_deleted'] })).toHaveLength(1);
    expect(queryEvents(db, { kinds: ['chat.message_sent'], limit: 100 }).map((e) => e.messageId))
      .toContain('msg-1to1-00001');

    const records = db.prepare('SELECT sha256, json, page_id FROM raw_records').all() as Array<{
      sha256: string; json: string; page_id: number }>;
    for (const record of records) {
      expect(sha256Hex(record.json)).toBe(record.sha256);
      expect(readRawPageBody(db, record.page_id)).toContain(JSON.stringify(JSON.parse(
        record.json)).slice(1, 20));
    }
    expect(verifyRawPageChain(db)).toBeNull();
  });

  it('stores every user over several pages and notes a status that changed (B02)', async () => {
    const rig = await startRig({ data: smallTenant({ extraActiveUsers: 607 }) });
    await rig.sync({ streams: ['users'] });
    expect(tableCount(rig.store.db, 'users')).toBe(612);

    const bob = rig.harness.tenant.data.users.find((u) => u.email === 'bob@acme.test');
    bob!.status = 'inactive';
    const again = await rig.sync({ streams: ['users'] });

    expect(again.streams[0]?.notes).toEqual(['users: bob@acme.test is now inactive (was active)']);
    expect(tableCount(rig.store.db, 'users')).toBe(612);
  });

  it('adds nothing on a second sync and fetches only the new days', async () => {
    const rig = await startRig();
    await rig.sync();
    const before = eventKeys(rig.store);

    const again = await rig.sync();

    expect(again.streams.reduce((n, s) => n + s.inserted, 0)).toBe(0);
    expect(eventKeys(rig.store)).toEqual(before);
    expect(again.streams.find((s) => s.stream === 'sign_ins')?.windows).toBe(2);
    expect(getSyncState(rig.store.db, rig.instance.id, 'sign_ins')?.cursor.lastCompleteDay)
      .toBe('2024-03-13');
  });

  it('retries a window that failed with a 500 and stores both boundary events once (B23)',
    async () => {
      const data = tenantWith([signIn('2024-03-01T23:59:59Z'), signIn('2024-03-02T00:00:00Z')]);
      const rig = await startRig({
        data,
        maxRetries: 0,
        faults: { serverErrorOnce: [{ path: '/report/activities', from: '2024-03-02' }] },
      });

      const report = await rig.sync({ streams: ['sign_ins'] });

      expect(statusOf(report, 'sign_ins')).toBe('ok');
      const boundary = queryEvents(rig.store.db, {
        since: Date.parse('2024-03-01T23:59:59Z'), until: Date.parse('2024-03-02T00:00:01Z') });
      expect(boundary).toHaveLength(2);
      const retried = listCoverage(rig.store.db, rig.instance.id, 'sign_ins')
        .filter((c) => c.status === 'retried');
      expect(retried).toHaveLength(1);
      expect(retried[0]?.windowStart).toBe(Date.parse('2024-03-02T00:00:00Z'));
      expect(retried[0]?.note).toBe('failed (500) → retried → ok');
      expect(queryEvents(rig.store.db, { kinds: ['auth.sign_in'], limit: 1000 })).toHaveLength(44);
    });

  it('stops at a window that keeps failing and never moves the cursor past it', async () => {
    const rig = await startRig({
      maxRetries: 0,
      faults: { serverErrorOnce: [{ path: '/report/activities', from: '2024-03-05', times: 9 }] },
    });

    const report = await rig.sync({ streams: ['sign_ins'] });

    expect(statusOf(report, 'sign_ins')).toBe('partial');
    expect(report.streams[0]?.reason).toMatch(/2024-03-05 could not be fetched completely/);
    const state = getSyncState(rig.store.db, rig.instance.id, 'sign_ins');
    expect(state?.cursor.lastCompleteDay).toBe('2024-03-04');
    expect(state?.status).toBe('partial');

    rig.harness.tenant.setFaults({ serverErrorOnce: [] });
    const resumed = await rig.sync({ streams: ['sign_ins'] });
    expect(statusOf(resumed, 'sign_ins')).toBe('ok');
    expect(queryEvents(rig.store.db, { kinds: ['auth.sign_in'], limit: 1000 })).toHaveLength(42);
  });

  it('restarts a window from page 1 when its page token expired (B01)', async () => {
    const burst = Array.from({ length: 750 }, (_, i) =>
      signIn(new Date(Date.UTC(2024, 2, 10, 0, 0, i)).toISOString().replace('.000', ''),
        `user${i}@acme.test`));
    const rig = await startRig({ data: tenantWith(burst) });
    const slow = slowSecondPage(rig.client, rig.clock);

    const report = await syncInstance(rig.store.db, slow, rig.instance, {
      streams: ['sign_ins'], now: () => rig.clock.now });

    expect(statusOf(report, 'sign_ins')).toBe('ok');
    const day = queryEvents(rig.store.db, { since: Date.UTC(2024, 2, 10),
      until: Date.UTC(2024, 2, 11), limit: 10_000 });
    expect(day).toHaveLength(753);
    const coverage = listCoverage(rig.store.db, rig.instance.id, 'sign_ins')
      .filter((c) => c.windowStart === Date.UTC(2024, 2, 10));
    expect(coverage.map((c) => c.status)).toEqual(['retried']);
    expect(coverage[0]?.note).toMatch(/page token expired/);
  });

  it('marks a plan-limited operation log unavailable while sign-ins still land (B13)',
    async () => {
      const rig = await startRig({ faults: { planUnavailable: ['/report/operationlogs'] } });

      const report = await rig.sync();

      expect(statusOf(report, 'operation_logs')).toBe('unavailable');
      expect(report.streams.find((s) => s.stream === 'operation_logs')?.reason)
        .toMatch(/Only available for Paid account/);
      expect(statusOf(report, 'sign_ins')).toBe('ok');
      expect(countEvents(rig.store.db)).toBeGreaterThan(42);
      expect(getSyncState(rig.store.db, rig.instance.id, 'operation_logs')?.status)
        .toBe('unavailable');
    });

  it('reads channel messages per member when the chat report needs a paid plan', async () => {
    const rig = await startRig({ faults: { planUnavailable: ['/report/chat'] } });

    const report = await rig.sync();

    const chat = report.streams.find((s) => s.stream === 'chat');
    expect(chat).toMatchObject({ status: 'partial', reason: NO_ONE_TO_ONE_REASON });
    const sent = queryEvents(rig.store.db, { kinds: ['chat.message_sent'], limit: 100 });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((e) => e.source === 'api.chat_messages')).toBe(true);
    expect(sent.every((e) => e.channelName === 'deal-room')).toBe(true);
  });

  it('stops a stream at the daily limit and does not call it again before the reset',
    async () => {
      const rig = await startRig({ faults: { dailyLimit: ['Heavy'] } });

      const report = await rig.sync();

      const signIns = report.streams.find((s) => s.stream === 'sign_ins');
      expect(signIns?.status).toBe('partial');
      expect(signIns?.reason)
        .toMatch(/^daily limit reached — resumes .+ \/ 2024-03-15 00:00 UTC$/);
      expect(signIns?.retryAt).toBe(Date.UTC(2024, 2, 15));
      expect(statusOf(report, 'users')).toBe('ok');
      expect(statusOf(report, 'chat')).toBe('ok');

      const calls = rig.harness.apiRequests('/report/activities');
      await rig.sync({ streams: ['sign_ins'] });
      expect(rig.harness.apiRequests('/report/activities')).toBe(calls);
    });

  it('names the missing scope and goes on with the other streams', async () => {
    const missingScopes = ['report:read:user_activities:admin'];
    const rig = await startRig({ faults: { missingScopes } });

    const report = await rig.sync();

    expect(statusOf(report, 'sign_ins')).toBe('failed');
    expect(report.streams.find((s) => s.stream === 'sign_ins')?.reason)
      .toMatch(/report:read:user_activities:admin/);
    expect(statusOf(report, 'operation_logs')).toBe('ok');
  });

  it('stops everything as offline when the tenant cannot be reached', async () => {
    const rig = await startRig();
    await rig.client.grantedScopes();
    await rig.harness.tenant.close();

    const report = await rig.sync();

    expect(report.streams[0]).toMatchObject({ stream: 'users', status: 'failed',
      reason: 'offline' });
    expect(report.streams.slice(1).every((s) => s.status === 'skipped')).toBe(true);
    rig.harness.tenant.close = async () => {};
  });

  it('ends a resumed sync with the same events as an uninterrupted one', async () => {
    const whole = await startRig();
    await whole.sync();

    const broken = await startRig();
    let windows = 0;
    const interrupted = broken.sync({
      onProgress: (p) => {
        if (p.phase === 'window' && p.stream === 'sign_ins' && ++windows === 5) {
          throw new Error('killed');
        }
      },
    });
    await expect(interrupted).rejects.toThrow('killed');
    expect(getSyncState(broken.store.db, broken.instance.id, 'sign_ins')?.cursor.lastCompleteDay)
      .toBe('2024-02-18');
    await broken.sync();

    expect(eventKeys(broken.store)).toEqual(eventKeys(whole.store));
  });
});

describe('syncInstance against the generated organisation', () => {
  it('collects every message once and meets the relayed webhooks without duplicates',
    async () => {
      const data = generateTenant({ seed: 11, endDate: '2026-11-30' });
      const rig = await startRig({ data, clock: { now: Date.UTC(2026, 10, 30, 20) } });

      const report = await rig.sync();

      expect(report.status).toBe('ok');
      expect(report.streams.reduce((n, s) => n + s.skipped, 0)).toBe(0);
      const db = rig.store.db;
      const messageIds = db.prepare(`SELECT count(DISTINCT message_id) AS n FROM events
        WHERE kind IN ('chat.message_sent', 'chat.message_replied')`).get() as { n: number };
      expect(messageIds.n).toBe(data.messages.length);
      expect(tableCount(db, 'users')).toBe(data.users.length);
      expect(tableCount(db, 'channels')).toBe(data.channels.length);

      const sends = `SELECT count(*) AS n FROM events WHERE kind LIKE 'chat.message_%'`;
      const before = (db.prepare(sends).get() as { n: number }).n;
      const hooks = rig.store.write('hooks.ndjson',
        data.webhooks.map((body) => JSON.stringify(body)).join('\n'));
      const imported = importFiles(db, [hooks]);

      expect(imported.skipped).toBe(0);
      expect((db.prepare(sends).get() as { n: number }).n).toBe(before);
      expect(queryEvents(db, { kinds: ['chat.channel_created'], limit: 1000 }).length)
        .toBeGreaterThan(0);
    }, 180_000);
});

/**
 * A client whose second page of a listing is asked for 16 minutes after the first, once: the
 * page token it carries has expired by then (Zoom keeps them 15 minutes).
 */
function slowSecondPage(client: ZoomClient, clock: { now: number }): ZoomClient {
  let delayed = false;
  async function* slowPages<T>(path: string, query: Query, itemsKey: string) {
    for await (const page of client.paginate<T>(path, query, itemsKey)) {
      yield page;
      if (!delayed && page.response.body?.next_page_token) {
        delayed = true;
        clock.now += 16 * 60 * 1000;
      }
    }
  }
  return { ...client, paginate: slowPages };
}
