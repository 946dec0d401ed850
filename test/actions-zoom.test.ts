/**
 * Deactivate, reactivate, revoke-sso and remove-member against the demo tenant over HTTP:
 * the exact calls, the re-fetch that confirms, refusals, missing scopes, the offline queue.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { listAudit, verifyAuditChain } from '../main/actions/audit.ts';
import { executeAction } from '../main/actions/execute.ts';
import { planAction } from '../main/actions/plan.ts';
import { availableActions, checkScopes } from '../main/actions/scopes.ts';
import { cancelQueued, listQueue, runQueue } from '../main/actions/queue.ts';
import type { ActionContext, ActionInput } from '../main/actions/types.ts';
import { startDemoTenant } from '../main/demo/server.ts';
import { getActionByKey } from '../main/store/actions.ts';
import { getRawRecord } from '../main/store/raw.ts';
import { seedStore } from './helpers/action-store.ts';
import { openTempStore } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';
import { ODD_CHANNEL_ID, ODD_USER_ID, smallTenant } from './helpers/small-tenant.ts';
import { startHarness } from './helpers/zoom-harness.ts';
import type { Harness } from './helpers/zoom-harness.ts';

const BOB_PATH = '/v2/users/u%2BAbC%2F12%3D%3D';

describe('user and member actions against the demo tenant', () => {
  let harness: Harness;
  let store: TempStore;
  let ctx: ActionContext;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.dispose();
  });

  beforeEach(() => {
    const fresh = smallTenant();
    harness.tenant.data.users.splice(0, Infinity, ...fresh.users);
    harness.tenant.data.channels.splice(0, Infinity, ...fresh.channels);
    harness.tenant.requests.length = 0;
    harness.tenant.setFaults({ missingScopes: [], dailyLimit: [] });
    store?.close();
    store = openTempStore({ apiBaseUrl: harness.tenant.apiBaseUrl });
    seedStore(store.db, store.instance.id, harness.tenant.data);
    ctx = { db: store.db, zoom: harness.client() };
  });

  const changes = () => harness.tenant.requests.filter((r) => r.method !== 'GET' &&
    r.path.startsWith('/v2/'));
  const tenantUser = (id: string) => harness.tenant.data.users.find((u) => u.id === id)!;
  const plan = (kind: ActionInput['kind'], target: string) =>
    planAction(store.db, { kind, target });

  it('deactivates with PUT and the JSON body B37 wants, then re-fetches to confirm', async () => {
    const planned = plan('deactivate-user', 'bob@acme.test');
    expect(planned.call).toEqual({ method: 'PUT', path: '/users/u%2BAbC%2F12%3D%3D/status',
      query: {}, json: { action: 'deactivate' } });
    expect(planned.steps.join('\n')).toContain('bob@acme.test');

    const result = await executeAction(ctx, planned, confirmed('account takeover'));

    expect(result).toMatchObject({ outcome: 'done', ok: true, zoomStatus: 204 });
    expect(result.message).toContain('fresh fetch shows the status inactive');
    expect(changes()).toEqual([expect.objectContaining({
      method: 'PUT', path: `${BOB_PATH}/status`, body: '{"action":"deactivate"}',
      contentType: 'application/json', status: 204,
    })]);
    const gets = harness.tenant.requests.filter((r) => r.method === 'GET' && r.path === BOB_PATH);
    expect(gets).toHaveLength(2);
    expect(tenantUser(ODD_USER_ID).status).toBe('inactive');

    const snapshot = JSON.parse(getRawRecord(store.db, result.snapshotRawId!)!.json);
    expect(snapshot).toMatchObject({ id: ODD_USER_ID, status: 'active' });
    const done = listAudit(store.db, { outcome: 'done' })[0]!;
    expect(done).toMatchObject({ reason: 'account takeover', action: 'action.deactivate-user' });
    expect(done.os_user.length).toBeGreaterThan(0);
    const response = JSON.parse(done.response_json!);
    expect(response.call).toMatchObject({
      status: 204, trackingId: expect.stringContaining('rid='),
    });
    expect(response.confirm.body).toContain('"status":"inactive"');
    expect(JSON.parse(done.request_json!)).toMatchObject({ json: { action: 'deactivate' } });
  });

  it('says a user is already inactive and sends nothing', async () => {
    const result = await executeAction(ctx, plan('deactivate-user', 'CarolId00001'), confirmed());

    expect(result.outcome).toBe('already_in_effect');
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/already inactive in Zoom .*Nothing was sent/);
    expect(changes()).toHaveLength(0);
  });

  it('deactivates, reactivates and deactivates again: three intended effects', async () => {
    await executeAction(ctx, plan('deactivate-user', ODD_USER_ID), confirmed());
    const back = await executeAction(ctx, plan('reactivate-user', ODD_USER_ID), confirmed());
    const again = await executeAction(ctx, plan('deactivate-user', ODD_USER_ID), confirmed());
    const repeat = await executeAction(ctx, plan('deactivate-user', ODD_USER_ID), confirmed());

    expect(back.outcome).toBe('done');
    expect(again.outcome).toBe('done');
    expect(repeat.outcome).toBe('already_in_effect');
    expect(changes().map((r) => r.body)).toEqual(['{"action":"deactivate"}',
      '{"action":"activate"}', '{"action":"deactivate"}']);
  });

  it('explains Zoom refusing to deactivate the account owner', async () => {
    const result = await executeAction(ctx, plan('deactivate-user', 'OwnerId00001'), confirmed());

    expect(result).toMatchObject({ outcome: 'failed', ok: false, zoomStatus: 400 });
    expect(result.message).toContain("Admin users' status can not be");
    expect(result.message).toContain('run it again to retry');
  });

  it('revokes the SSO token with DELETE /users/{id}/token', async () => {
    const result = await executeAction(ctx, plan('revoke-sso', 'bob@acme.test'), confirmed());

    expect(result.outcome).toBe('done');
    expect(changes()).toEqual([expect.objectContaining({
      method: 'DELETE', path: `${BOB_PATH}/token`, status: 204, body: '' })]);
  });

  it('removes the external member as the channel owner, once', async () => {
    const target = `${ODD_CHANNEL_ID}/mallory@evil.test`;
    const planned = plan('remove-member', target);
    expect(planned.targetLabel).toContain('external member');

    const result = await executeAction(ctx, planned, confirmed());
    const again = await executeAction(ctx, plan('remove-member', target), confirmed());

    expect(result.outcome).toBe('done');
    expect(again.outcome).toBe('already_done');
    expect(changes()).toEqual([expect.objectContaining({ method: 'DELETE',
      path: '/v2/chat/users/alice%40acme.test/channels/ch_9x%2BY%2Fz/members/mallory%40evil.test',
      status: 204 })]);
    const members = harness.tenant.data.channels[0]!.members.map((m) => m.email);
    expect(members).not.toContain('mallory@evil.test');
  });

  it('tells a screen which actions the granted scopes allow', async () => {
    const all = await availableActions(harness.client());
    expect(Object.values(all).every((check) => check.ok)).toBe(true);

    const classic = checkScopes('deactivate-user', ['user:read:admin', 'user:write:admin']);
    const partial = checkScopes('remove-member', ['team_chat:read:list_members:admin']);
    expect(classic.ok).toBe(true);
    expect(partial).toEqual({ ok: false,
      missing: [['team_chat:delete:member:admin', 'chat_channel:write:admin']] });
  });

  it('makes no call on a dry run and none without confirmation', async () => {
    const dry = await executeAction(ctx, plan('deactivate-user', ODD_USER_ID),
      { confirmed: false, dryRun: true });
    const refused = executeAction(ctx, plan('deactivate-user', ODD_USER_ID),
      { confirmed: false, dryRun: false });

    expect(dry.outcome).toBe('dry_run');
    await expect(refused).rejects.toThrow(/not confirmed. Nothing was sent/);
    expect(harness.tenant.requests).toHaveLength(0);
    expect(listAudit(store.db).map((r) => r.outcome)).toEqual(['dry_run', 'refused']);
  });

  it('settles a deactivation whose answer was lost by fetching the user again', async () => {
    const real = harness.client();
    const losesAnswer = { ...real, request: async <T>(...args: Parameters<typeof real.request>) => {
      const response = await real.request<T>(...args);
      if (args[0] === 'PUT') throw new Error('socket hang up');
      return response;
    } };
    const result = await executeAction({ ...ctx, zoom: losesAnswer },
      plan('deactivate-user', ODD_USER_ID), confirmed());

    expect(result.outcome).toBe('done');
    expect(result.message).toMatch(/answer was lost.*inactive/);
    expect(changes()).toHaveLength(1);
  });

  it('queues while Zoom rate-limits us for the day, and runs when the limit is gone', async () => {
    harness.tenant.setFaults({ dailyLimit: ['Light'] });
    const queued = await executeAction(ctx, plan('revoke-sso', ODD_USER_ID), confirmed('sso'));

    expect(queued.outcome).toBe('queued');
    expect(queued.message).toContain('queue run');
    expect(listQueue(store.db)).toEqual([expect.objectContaining({ kind: 'revoke-sso',
      reason: 'sso' })]);
    expect(changes()).toHaveLength(0);

    harness.tenant.setFaults({ dailyLimit: [] });
    const drained = await runQueue(queueContext());

    expect(drained).toEqual([expect.objectContaining({ outcome: 'done' })]);
    expect(changes()).toHaveLength(1);
    expect(listQueue(store.db)).toEqual([]);
  });

  it('cancels a queued action item by item; the queue then sends nothing', async () => {
    harness.tenant.setFaults({ dailyLimit: ['Light'] });
    const queued = await executeAction(ctx, plan('revoke-sso', ODD_USER_ID), confirmed());
    harness.tenant.setFaults({ dailyLimit: [] });

    cancelQueued(store.db, queued.actionId!, 'false alarm');

    expect(await runQueue(queueContext())).toEqual([]);
    expect(changes()).toHaveLength(0);
    expect(getActionByKey(store.db, queued.plan.idempotencyKey)?.status).toBe('cancelled');
    expect(listAudit(store.db, { outcome: 'cancelled' })[0]?.reason).toBe('false alarm');
    expect(() => cancelQueued(store.db, queued.actionId!, null)).toThrow(/not queued/);
  });

  it('edited audit rows break the chain at that row', async () => {
    await executeAction(ctx, plan('revoke-sso', ODD_USER_ID), confirmed('first'));
    expect(verifyAuditChain(store.db).ok).toBe(true);

    store.db.prepare("UPDATE audit_log SET reason = 'nobody' WHERE seq = 1").run();
    expect(verifyAuditChain(store.db)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  function queueContext() {
    return { db: store.db, zoomFor: () => harness.client(),
      mailer: () => Promise.reject(new Error('no mail here')) };
  }
});

describe('a token without the scope', () => {
  it('refuses before sending anything and names the missing scope', async () => {
    const harness = await startHarness({ faults: { missingScopes: ['user:update:status:admin'] } });
    const store = openTempStore({ apiBaseUrl: harness.tenant.apiBaseUrl });
    try {
      seedStore(store.db, store.instance.id, harness.tenant.data);
      const planned = planAction(store.db, { kind: 'deactivate-user', target: ODD_USER_ID });
      const run = executeAction({ db: store.db, zoom: harness.client() }, planned, confirmed());

      await expect(run).rejects.toThrow(
        /needs the scope user:update:status:admin \(or classic user:write:admin\)/,
      );
      expect(harness.tenant.requests.filter((r) => r.path.startsWith('/v2/'))).toHaveLength(0);
      expect(listAudit(store.db).map((r) => r.outcome)).toEqual(['refused_scope']);
    } finally {
      store.close();
      await harness.dispose();
    }
  });
});

describe('the offline queue across a tenant restart', () => {
  it('queues while the tenant is down and drains once it is back on the same port', async () => {
    const harness = await startHarness();
    const store = openTempStore({ apiBaseUrl: harness.tenant.apiBaseUrl });
    const data = harness.tenant.data;
    const port = Number(new URL(harness.tenant.apiBaseUrl).port);
    let restarted: Awaited<ReturnType<typeof startDemoTenant>> | null = null;
    try {
      seedStore(store.db, store.instance.id, data);
      await harness.client().grantedScopes();
      await harness.tenant.close();

      const ctx = { db: store.db, zoom: harness.client() };
      const down = await executeAction(ctx, planAction(store.db,
        { kind: 'deactivate-user', target: ODD_USER_ID }), confirmed('offline'));
      const changed = await executeAction(ctx, planAction(store.db,
        { kind: 'delete-message', target: 'evt-odd' }), confirmed());
      expect(down.outcome).toBe('queued');
      expect(listQueue(store.db)).toHaveLength(2);

      // While down, the message was edited in Zoom: that one must ask again.
      const message = data.messages.find((m) => m.id === '{A1B2C3D4-+/=}')!;
      message.edits.push({ message: 'please ignore', timestamp: Date.now() });
      restarted = await startDemoTenant({ data, port, clientId: harness.tenant.clientId,
        clientSecret: harness.tenant.clientSecret });

      const drained = await runQueue({ db: store.db, zoomFor: () => harness.client(),
        mailer: () => Promise.reject(new Error('unused')) });

      expect(drained.map((d) => d.outcome).sort()).toEqual(['done', 'needs_confirmation']);
      expect(drained.find((d) => d.outcome === 'needs_confirmation')?.message)
        .toContain('message text changed');
      expect(restarted.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
      expect(restarted.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
      expect(data.users.find((u) => u.id === ODD_USER_ID)?.status).toBe('inactive');
      expect(changed.outcome).toBe('queued');
      expect(listQueue(store.db)).toEqual([]);
    } finally {
      store.close();
      await restarted?.close();
      await harness.dispose();
    }
  });
});

function confirmed(reason?: string) {
  return { confirmed: true, dryRun: false, ...(reason ? { reason } : {}) };
}
