import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { listAudit, verifyAuditChain } from '../main/actions/audit.ts';
import { executeAction } from '../main/actions/execute.ts';
import {
  getIncident,
  listIncidents,
  openIncident,
  updateIncident,
} from '../main/actions/incidents.ts';
import { planAction } from '../main/actions/plan.ts';
import type { ActionContext, ActionPlan } from '../main/actions/types.ts';
import { ExpectedError } from '../main/errors.ts';
import { claimAction, ensureActionRecord, getActionByKey } from '../main/store/actions.ts';
import { getEvent } from '../main/store/events.ts';
import { getRawRecord } from '../main/store/raw.ts';
import type { ZoomClient } from '../main/zoom/types.ts';
import { storeChannelMessage, storeEvent } from './helpers/evidence-store.ts';
import { openTempStore } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';
import { NOW, ODD_CHANNEL_ID, ODD_MESSAGE_ID } from './helpers/small-tenant.ts';
import { startHarness } from './helpers/zoom-harness.ts';
import type { Harness } from './helpers/zoom-harness.ts';

const DAY13 = Date.UTC(2024, 2, 13, 9, 0);
const ENCODED_PATH = '/v2/chat/users/AliceId00001/messages/%7BA1B2C3D4-%2B%2F%3D%7D';

describe('delete-message against the demo tenant', () => {
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
    for (const message of harness.tenant.data.messages) {
      if (message.id !== 'msg-deleted-001') delete message.deleted_at;
    }
    harness.tenant.requests.length = 0;
    store?.close();
    store = openTempStore({ apiBaseUrl: harness.tenant.apiBaseUrl });
    storeMessages(store);
    ctx = { db: store.db, zoom: harness.client(), now: () => NOW };
  });

  const deletes = (): typeof harness.tenant.requests =>
    harness.tenant.requests.filter((r) => r.method === 'DELETE');

  const tenantMessage = (id: string) => harness.tenant.data.messages.find((m) => m.id === id)!;

  it('plans the exact call in words without sending anything', () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });

    expect(plan.call).toEqual({
      method: 'DELETE',
      path: '/chat/users/AliceId00001/messages/%7BA1B2C3D4-%2B%2F%3D%7D',
      query: { to_channel: ODD_CHANNEL_ID },
    });
    expect(plan.steps.join('\n')).toContain(
      'DELETE /chat/users/AliceId00001/messages/%7BA1B2C3D4-%2B%2F%3D%7D?to_channel=ch_9x%2BY%2Fz',
    );
    expect(plan.steps[0]).toContain(store.instance.accountId);
    expect(plan.targetLabel).toContain('deal-room');
    expect(harness.tenant.requests).toHaveLength(0);
  });

  it('finds the same action from the event id and from the Zoom message id', () => {
    const byEvent = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    const byMessage = planAction(store.db, { kind: 'delete-message', target: ODD_MESSAGE_ID });

    expect(byMessage.idempotencyKey).toBe(byEvent.idempotencyKey);
    expect(byMessage.call).toEqual(byEvent.call);
  });

  it('deletes the message as its sender, keeps a snapshot, audits Zoom\'s answer', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    const result = await executeAction(ctx, plan, confirmed('phishing'));

    expect(result).toMatchObject({ outcome: 'done', ok: true, zoomStatus: 204 });
    expect(result.notes).toEqual(['deleted_by_response_action']);
    expect(deletes()).toEqual([expect.objectContaining({
      path: ENCODED_PATH,
      query: { to_channel: ODD_CHANNEL_ID },
      status: 204,
      body: '',
    })]);

    const check = await ctx.zoom.request('GET', plan.snapshotCall.path, {
      query: plan.snapshotCall.query,
    }).catch((error: unknown) => error);
    expect(check).toMatchObject({ httpStatus: 404 });

    const snapshot = getRawRecord(store.db, result.snapshotRawId!);
    expect(JSON.parse(snapshot!.json)).toMatchObject({
      id: ODD_MESSAGE_ID,
      message: 'wire the money to the new account',
    });
    expect(getActionByKey(store.db, plan.idempotencyKey)).toMatchObject({
      status: 'done',
      snapshotRawId: result.snapshotRawId,
      reason: 'phishing',
    });

    const done = listAudit(store.db, { outcome: 'done' });
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ reason: 'phishing', idempotency_key: plan.idempotencyKey });
    expect(JSON.parse(done[0]!.response_json!)).toEqual({
      status: 204, body: '', trackingId: expect.stringContaining('rid=WEB_'),
    });
    expect(JSON.parse(done[0]!.request_json!)).toMatchObject({
      method: 'DELETE',
      notes: ['deleted_by_response_action'],
    });
    expect(listAudit(store.db, { outcome: 'started' })).toHaveLength(1);
    expect(getEvent(store.db, 'evt-odd')?.text).toBe('wire the money to the new account');
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });

  it('does no harm and sends no second DELETE when run again', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    await executeAction(ctx, plan, confirmed());
    const requestsAfterFirst = harness.tenant.requests.length;

    const again = await executeAction(ctx, planAction(store.db, {
      kind: 'delete-message', target: ODD_MESSAGE_ID,
    }), confirmed());

    expect(again.outcome).toBe('already_done');
    expect(again.message).toMatch(/^Already done on 2024-03-14 18:30:00 UTC/);
    expect(harness.tenant.requests.length).toBe(requestsAfterFirst);
    expect(deletes()).toHaveLength(1);
    expect(listAudit(store.db, { outcome: 'already_done' })).toHaveLength(1);
  });

  it('makes no call on a dry run, and audits it as dry_run', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    const result = await executeAction(ctx, plan, { confirmed: false, dryRun: true });

    expect(result.outcome).toBe('dry_run');
    expect(result.message).toContain('DELETE /chat/users/AliceId00001/messages/');
    expect(harness.tenant.requests).toHaveLength(0);
    expect(getActionByKey(store.db, plan.idempotencyKey)).toBeNull();
    expect(listAudit(store.db).map((r) => r.outcome)).toEqual(['dry_run']);
  });

  it('refuses without confirmation, sends nothing and audits the refusal', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    const run = executeAction(ctx, plan, { confirmed: false, dryRun: false });

    await expect(run).rejects.toThrow(ExpectedError);
    await expect(run).rejects.toThrow(/not confirmed. Nothing was sent/);
    expect(harness.tenant.requests).toHaveLength(0);
    expect(listAudit(store.db).map((r) => r.outcome)).toEqual(['refused']);
    expect(tenantMessage(ODD_MESSAGE_ID).deleted_at).toBeUndefined();
  });

  it('records a message Zoom no longer has as not found, and does not retry', async () => {
    storeChannelMessage(store.db, store.instance.id, {
      id: 'msg-deleted-001', at: DAY13 + 180_000, senderEmail: 'alice@acme.test',
      senderId: 'AliceId00001', channelId: ODD_CHANNEL_ID, channelName: 'deal-room',
      text: 'delete me',
    });
    const plan = planAction(store.db, { kind: 'delete-message', target: 'msg-deleted-001' });
    const result = await executeAction(ctx, plan, confirmed());

    expect(result.outcome).toBe('not_found');
    expect(result.message).toContain('not found (already deleted?)');
    expect(result.zoomStatus).toBe(404);
    expect(deletes()).toHaveLength(0);
    expect(listAudit(store.db, { outcome: 'not_found' })).toHaveLength(1);

    const again = await executeAction(ctx, plan, confirmed());
    expect(again.outcome).toBe('already_done');
    expect(deletes()).toHaveLength(0);
  });

  it('settles a run a crash left running by fetching the message again', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    leaveRunning(plan);
    // The crashed run's DELETE reached Zoom before the process died.
    tenantMessage(ODD_MESSAGE_ID).deleted_at = NOW;

    const result = await executeAction(ctx, plan, confirmed());

    expect(result.outcome).toBe('done');
    expect(result.message).toMatch(/Settled an interrupted run/);
    expect(deletes()).toHaveLength(0);
    expect(harness.tenant.requests.map((r) => r.method)).toContain('GET');
    expect(listAudit(store.db, { outcome: 'settled_done' })).toHaveLength(1);
    expect(getActionByKey(store.db, plan.idempotencyKey)?.status).toBe('done');
  });

  it('runs again after a crash that happened before the DELETE was sent', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    leaveRunning(plan);

    const result = await executeAction(ctx, plan, confirmed());

    expect(result.outcome).toBe('done');
    expect(deletes()).toHaveLength(1);
    expect(listAudit(store.db).map((r) => r.outcome))
      .toEqual(['settled_not_done', 'started', 'done']);
  });

  it('settles by re-fetch when the answer to the DELETE is lost', async () => {
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    const real = harness.client();
    const losesDeleteAnswer: ZoomClient = {
      ...real,
      request: async <T>(...args: Parameters<ZoomClient['request']>) => {
        const response = await real.request<T>(...args);
        if (args[0] === 'DELETE') throw new Error('socket hang up');
        return response;
      },
    };

    const result = await executeAction({ ...ctx, zoom: losesDeleteAnswer }, plan, confirmed());

    expect(result.outcome).toBe('done');
    expect(result.message).toMatch(/answer was lost/);
    expect(deletes()).toHaveLength(1);
    expect(listAudit(store.db, { outcome: 'settled_done' })).toHaveLength(1);
  });

  it('records Zoom\'s refusal as failed, with status and body, and allows a retry', async () => {
    harness.tenant.setFaults({ noPermission: ['/chat/users/AliceId00001/messages'] });
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-odd' });
    try {
      const result = await executeAction(ctx, plan, confirmed());
      expect(result).toMatchObject({ outcome: 'failed', ok: false, zoomStatus: 403 });
      const failed = listAudit(store.db, { outcome: 'failed' })[0]!;
      expect(JSON.parse(failed.response_json!)).toMatchObject({ status: 403 });
      expect(JSON.parse(failed.response_json!).body).toContain('No permission');
    } finally {
      harness.tenant.setFaults({ noPermission: [] });
    }

    const retry = await executeAction(ctx, plan, confirmed());
    expect(retry.outcome).toBe('done');
  });

  it('deletes a one-to-one message with to_contact', async () => {
    storeEvent(store.db, store.instance.id, {
      id: 'evt-1to1', kind: 'chat.message_sent', occurredAt: DAY13 + 360_000,
      actorEmail: 'alice@acme.test', actorId: 'AliceId00001', targetEmail: 'bob@acme.test',
      messageId: 'msg-1to1-00001', text: 'call me',
    });
    const plan = planAction(store.db, { kind: 'delete-message', target: 'evt-1to1' });
    const result = await executeAction(ctx, plan, confirmed());

    expect(result.outcome).toBe('done');
    expect(deletes()[0]?.query).toEqual({ to_contact: 'bob@acme.test' });
  });

  it('explains a target that is not in the evidence store', () => {
    expect(() => planAction(store.db, { kind: 'delete-message', target: 'nope' }))
      .toThrow(/No chat message with event id or message id "nope"/);
  });

  function leaveRunning(plan: ActionPlan): void {
    const record = ensureActionRecord(store.db, {
      idempotencyKey: plan.idempotencyKey, instanceId: plan.instance.id, kind: plan.kind,
      target: { ...plan.target }, reason: null,
    }, NOW);
    expect(claimAction(store.db, record.id, 'planned', null, NOW)).toBe(true);
  }
});

describe('incidents', () => {
  let store: TempStore;

  beforeEach(() => {
    store?.close();
    store = openTempStore();
    storeMessages(store);
  });

  it('opens one incident per title and links, audited', () => {
    const input = {
      title: 'Payment fraud in deal-room',
      severity: 'high' as const,
      owner: 'dana',
      eventIds: ['evt-odd'],
    };
    const first = openIncident(store.db, input, NOW);
    const retitled = { ...input, title: '  Payment fraud in deal-room ' };
    const second = openIncident(store.db, retitled, NOW);

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.incident.id).toBe(first.incident.id);
    expect(listIncidents(store.db)).toHaveLength(1);
    expect(listAudit(store.db).map((r) => r.outcome)).toEqual(['created', 'existing']);
  });

  it('updates status, notes and links, keeping before and after in the audit', () => {
    const { incident } = openIncident(store.db, { title: 'x', severity: 'low' }, NOW);
    updateIncident(store.db, incident.id, { status: 'contained', addNote: 'message deleted',
      addEventIds: ['evt-odd'], reason: 'contained' }, NOW + 1000);

    const after = getIncident(store.db, incident.id);
    expect(after).toMatchObject({ status: 'contained', eventIds: ['evt-odd'] });
    expect(after.notes).toBe('[2024-03-14 18:30 UTC] message deleted');
    expect(listIncidents(store.db, { status: 'contained' })).toHaveLength(1);

    const audit = listAudit(store.db, { action: 'incident.update' })[0]!;
    expect(JSON.parse(audit.request_json!)).toMatchObject({
      before: { status: 'open' },
      after: { status: 'contained' },
    });
  });

  it('refuses links to evidence that is not stored, and unknown statuses', () => {
    expect(() => openIncident(store.db, { title: 'x', severity: 'low', eventIds: ['ghost'] }))
      .toThrow(/event ghost/);
    const { incident } = openIncident(store.db, { title: 'x', severity: 'low' });
    expect(() => updateIncident(store.db, incident.id, { status: 'solved' as never }))
      .toThrow(/not an incident status/);
  });
});

function storeMessages(store: TempStore): void {
  storeChannelMessage(store.db, store.instance.id, {
    id: ODD_MESSAGE_ID,
    at: DAY13,
    senderEmail: 'alice@acme.test',
    senderId: 'AliceId00001',
    channelId: ODD_CHANNEL_ID,
    channelName: 'deal-room',
    text: 'wire the money to the new account',
    eventId: 'evt-odd',
  });
}

function confirmed(reason?: string) {
  return { confirmed: true, dryRun: false, ...(reason ? { reason } : {}) };
}
