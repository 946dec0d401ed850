import { afterEach, describe, expect, it } from 'vitest';

import { startDemoTenant } from '../main/demo/server.ts';
import type { DemoTenant, DemoTenantOptions } from '../main/demo/server.ts';
import { NOW, ODD_CHANNEL_ID, smallTenant } from './helpers/small-tenant.ts';

const tenants: DemoTenant[] = [];

async function tenant(options: Partial<DemoTenantOptions> = {}): Promise<DemoTenant> {
  const started = await startDemoTenant({ data: smallTenant(), now: () => NOW, ...options });
  tenants.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(tenants.splice(0).map((t) => t.close()));
});

interface Wire {
  status: number;
  body: Record<string, unknown> | null;
  headers: Headers;
}

const CHANNEL = encodeURIComponent(ODD_CHANNEL_ID);

function basic(t: DemoTenant, secret = t.clientSecret): string {
  return `Basic ${Buffer.from(`${t.clientId}:${secret}`).toString('base64')}`;
}

async function tokenCall(t: DemoTenant, form: string, secret = t.clientSecret): Promise<Wire> {
  const response = await fetch(`${t.oauthBaseUrl}/oauth/token`, {
    method: 'POST',
    headers: {
      Authorization: basic(t, secret),
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: form,
  });
  return wire(response);
}

async function mint(t: DemoTenant): Promise<string> {
  const answer = await tokenCall(t, `grant_type=account_credentials&account_id=${t.accountId}`);
  return answer.body?.access_token as string;
}

async function api(
  t: DemoTenant,
  token: string,
  pathAndQuery: string,
  init: RequestInit = {},
): Promise<Wire> {
  const response = await fetch(`${t.apiBaseUrl}${pathAndQuery}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  return wire(response);
}

async function wire(response: Response): Promise<Wire> {
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    headers: response.headers,
  };
}

describe('demo tenant: token endpoint', () => {
  it('issues one-hour bearer tokens with a scope string', async () => {
    const t = await tenant();
    const answer = await tokenCall(t, `grant_type=account_credentials&account_id=${t.accountId}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(answer.body?.scope).toContain('user:read:list_users:admin');
    expect(t.oauthBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a wrong secret, a wrong account and other grant types as Zoom does', async () => {
    const t = await tenant();
    const good = `grant_type=account_credentials&account_id=${t.accountId}`;

    const wrongSecret = await tokenCall(t, good, 'not-the-secret');
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body).toEqual({
      reason: 'Invalid client_id or client_secret',
      error: 'invalid_client',
    });

    const wrongAccount = await tokenCall(t, 'grant_type=account_credentials&account_id=nope');
    expect(wrongAccount.status).toBe(400);
    expect(wrongAccount.body?.error).toBe('invalid_request');

    const otherGrant = await tokenCall(t, 'grant_type=client_credentials');
    expect(otherGrant.body?.error).toBe('unsupported_grant_type');
  });

  it('ignores parameters sent in the query string instead of the form body', async () => {
    const t = await tenant();
    const response = await fetch(
      `${t.oauthBaseUrl}/oauth/token?grant_type=account_credentials&account_id=${t.accountId}`,
      {
        method: 'POST',
        headers: { Authorization: basic(t) },
      },
    );
    expect(response.status).toBe(400);
  });

  it('answers 124 for garbage, revoked and expired tokens', async () => {
    let now = NOW;
    const t = await tenant({ now: () => now });

    expect((await api(t, 'garbage', '/users')).body).toEqual({
      code: 124,
      message: 'Invalid access token.',
    });

    const token = await mint(t);
    now += 3601 * 1000;
    const expired = await api(t, token, '/users');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 124, message: 'Access token is expired.' });

    now = NOW;
    t.revokeAllTokens();
    expect((await api(t, token, '/users')).status).toBe(401);
  });

  it('lets a new token invalidate the old one when the pre-2023 fault is on (B08)', async () => {
    const t = await tenant({ faults: { newTokenRevokesOld: true } });
    const first = await mint(t);
    const second = await mint(t);

    expect((await api(t, first, '/users')).body?.code).toBe(124);
    expect((await api(t, second, '/users')).status).toBe(200);
  });

  it('keeps secrets and tokens out of the request log', async () => {
    const t = await tenant();
    const token = await mint(t);
    await api(t, token, '/users');

    const logged = JSON.stringify(t.requests);
    expect(logged).not.toContain(t.clientSecret);
    expect(logged).not.toContain(token);
    expect(t.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /oauth/token 200',
      'GET /v2/users 200',
    ]);
  });
});

describe('demo tenant: routing and paging', () => {
  it('answers unknown paths with 404 and malformed queries with code 300', async () => {
    const t = await tenant();
    const token = await mint(t);

    const unknown = await api(t, token, '/meetings/123');
    expect(unknown.status).toBe(404);
    expect(unknown.body?.message).toMatch(/No API matches/);

    const malformed = await api(t, token, '/users?status=%zz');
    expect(malformed.status).toBe(400);
    expect(malformed.body?.code).toBe(300);

    const badSize = await api(t, token, '/users?page_size=lots');
    expect(badSize.body?.code).toBe(300);
  });

  it('lists users by status and finds one by id or e-mail', async () => {
    const t = await tenant();
    const token = await mint(t);

    const inactive = await api(t, token, '/users?status=inactive');
    expect((inactive.body?.users as Array<{ email: string }>).map((u) => u.email)).toEqual([
      'carol@acme.test',
    ]);
    expect(inactive.body?.next_page_token).toBe('');

    const byEmail = await api(t, token, '/users/ALICE@acme.test');
    expect(byEmail.body).toMatchObject({ id: 'AliceId00001', account_id: t.accountId });

    const missing = await api(t, token, '/users/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body?.code).toBe(1001);
  });

  it('binds a page token to its query and expires it after 15 minutes', async () => {
    let now = NOW;
    const t = await tenant({ data: smallTenant({ extraActiveUsers: 40 }), now: () => now });
    const token = await mint(t);

    const first = await api(t, token, '/users?status=active&page_size=20');
    const next = first.body?.next_page_token as string;
    expect(next).not.toBe('');
    expect(first.body).not.toHaveProperty('total_records');

    const foreign = await api(t, token,
      `/users?status=inactive&page_size=20&next_page_token=${next}`);
    expect(foreign.body).toEqual({
      code: 300,
      message: 'The next page token is invalid or expired.',
    });

    const second = await api(t, token, `/users?status=active&page_size=20&next_page_token=${next}`);
    expect((second.body?.users as unknown[]).length).toBe(20);

    now += 16 * 60 * 1000;
    const late = await api(t, token, `/users?status=active&page_size=20&next_page_token=${next}`);
    expect(late.status).toBe(400);
  });

  it('caps page_size at 300 and adds legacy paging fields only when asked', async () => {
    const t = await tenant({
      data: smallTenant({ extraActiveUsers: 400 }),
      faults: { legacyPagingFields: true },
    });
    const token = await mint(t);

    const page = await api(t, token, '/users?page_size=1000');
    expect(page.body).toMatchObject({ page_size: 300, total_records: 403, page_count: 2 });
  });
});

describe('demo tenant: reports', () => {
  it('filters sign-ins by UTC day with `to` inclusive and checks the window', async () => {
    const t = await tenant();
    const token = await mint(t);

    const oneDay = await api(t, token, '/report/activities?from=2024-03-14&to=2024-03-14');
    expect((oneDay.body?.activity_logs as unknown[]).length).toBe(3);

    const missingTo = await api(t, token, '/report/activities?from=2024-03-14');
    expect(missingTo.body?.code).toBe(300);

    const tooLong = await api(t, token, '/report/activities?from=2024-01-01&to=2024-03-14');
    expect(tooLong.status).toBe(400);

    const tooOld = await api(t, token, '/report/activities?from=2023-06-01&to=2023-06-30');
    expect(tooOld.status).toBe(400);
  });

  it('filters the operation log by category_type', async () => {
    const t = await tenant();
    const token = await mint(t);

    const account = await api(t, token,
      '/report/operationlogs?from=2024-03-01&to=2024-03-14&category_type=account');
    const logs = account.body?.operation_logs as Array<{ category_type: string }>;
    expect(logs.map((l) => l.category_type)).toEqual(['Account']);
  });

  it('shows edits and deletions with action_timestamp, including a delete made via the API',
    async () => {
      const t = await tenant();
      const token = await mint(t);
      const session = `/report/chat/sessions/${encodeURIComponent(ODD_CHANNEL_ID)}` +
        '?from=2024-03-13&to=2024-03-14&include_fields=edited_messages,deleted_messages';

      const before = await api(t, token, session);
      expect(before.body?.edited_messages).toEqual([
        expect.objectContaining({
          id: 'msg-edited-0001',
          message: 'numbers attached (v2)',
          action_timestamp: Date.UTC(2024, 2, 13, 9, 2),
        }),
      ]);
      expect((before.body?.deleted_messages as unknown[]).length).toBe(1);

      const remove = await api(t, token,
        `/chat/users/alice%40acme.test/messages/msg-edited-0001?to_channel=${CHANNEL}`,
        { method: 'DELETE' });
      expect(remove.status).toBe(204);

      const after = await api(t, token, session);
      const deleted = after.body?.deleted_messages as Array<Record<string, unknown>>;
      expect(deleted.map((d) => d.id)).toContain('msg-edited-0001');
      expect(deleted.find((d) => d.id === 'msg-edited-0001')?.action_timestamp).toBe(NOW);
      const live = after.body?.messages as Array<{ id: string }>;
      expect(live.map((m) => m.id)).not.toContain('msg-edited-0001');

      const sessions = await api(t, token, '/report/chat/sessions?from=2024-03-13&to=2024-03-14');
      expect((sessions.body?.sessions as unknown[]).length).toBe(2);
    });
});

describe('demo tenant: team chat', () => {
  it('needs exactly one of to_channel and to_contact', async () => {
    const t = await tenant();
    const token = await mint(t);

    const neither = await api(t, token, '/chat/users/alice%40acme.test/messages?date=2024-03-13');
    expect(neither.body?.code).toBe(300);

    const both = await api(t, token,
      '/chat/users/alice%40acme.test/messages?date=2024-03-13&to_channel=x&to_contact=y');
    expect(both.status).toBe(400);
  });

  it('adds status and deleted messages only when asked', async () => {
    const t = await tenant();
    const token = await mint(t);
    const base = `/chat/users/alice%40acme.test/messages?date=2024-03-13&to_channel=${CHANNEL}`;

    const plain = await api(t, token, base);
    const plainMessages = plain.body?.messages as Array<Record<string, unknown>>;
    expect(plainMessages).toHaveLength(3);
    expect(plainMessages[0]).not.toHaveProperty('status');

    const full = await api(t, token, `${base}&include_deleted_and_edited_message=true`);
    const statuses = (full.body?.messages as Array<{ status: string }>).map((m) => m.status);
    expect(statuses.sort()).toEqual(['Deleted', 'Edited', 'Normal', 'Normal']);

    const oneToOne = await api(t, token,
      '/chat/users/bob%40acme.test/messages?from=2024-03-13T00:00:00Z&to=2024-03-14T00:00:00Z' +
        '&to_contact=alice%40acme.test');
    expect((oneToOne.body?.messages as Array<{ id: string }>).map((m) => m.id)).toEqual([
      'msg-1to1-00001',
    ]);
  });

  it('lets only the sender delete a message', async () => {
    const t = await tenant();
    const token = await mint(t);
    const path = `/chat/users/bob%40acme.test/messages/msg-edited-0001?to_channel=${CHANNEL}`;

    expect((await api(t, token, path, { method: 'DELETE' })).status).toBe(400);
    expect(t.data.messages.find((m) => m.id === 'msg-edited-0001')?.deleted_at).toBeUndefined();
  });

  it('lists channels and members without any times, and removes a member', async () => {
    const t = await tenant();
    const token = await mint(t);
    const channel = encodeURIComponent(ODD_CHANNEL_ID);

    const channels = await api(t, token, '/chat/users/bob%40acme.test/channels');
    expect(channels.body?.channels).toEqual([
      { id: ODD_CHANNEL_ID, jid: 'ch9xyz@conference.xmpp.zoom.us', name: 'deal-room', type: 2 },
    ]);

    const members = await api(t, token, `/chat/users/AliceId00001/channels/${channel}/members`);
    const listed = members.body?.members as Array<Record<string, unknown>>;
    expect(Object.keys(listed[0]!).sort()).toEqual(
      ['email', 'first_name', 'id', 'is_external', 'last_name', 'member_id', 'name', 'role'],
    );
    expect(JSON.stringify(members.body)).not.toMatch(/_at"|time/);

    const removed = await api(t, token,
      `/chat/users/AliceId00001/channels/${channel}/members/mallory%40evil.test`,
      { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(t.data.channels[0]!.members.map((m) => m.email)).not.toContain('mallory@evil.test');
  });
});

describe('demo tenant: faults', () => {
  it('enforces per-category QPS with Zoom headers', async () => {
    const t = await tenant({ faults: { qps: { Light: 3, Medium: 300, Heavy: 200 } } });
    const token = await mint(t);

    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api(t, token, '/users/alice%40acme.test')),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(7);
    expect(limited[0]!.headers.get('x-ratelimit-category')).toBe('Light');
    expect(limited[0]!.headers.get('x-ratelimit-type')).toBe('QPS');
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    expect(limited[0]!.body?.message).toBe(
      'You have reached the maximum per-second rate limit for this API. Try again later.',
    );
  });

  it('sends a daily limit with an ISO Retry-After at the next 00:00 UTC', async () => {
    const t = await tenant({ faults: { dailyLimit: ['Heavy'] } });
    const token = await mint(t);

    const capped = await api(t, token, '/report/activities?from=2024-03-14&to=2024-03-14');
    expect(capped.status).toBe(429);
    expect(capped.headers.get('x-ratelimit-type')).toBe('Daily-limit');
    expect(capped.headers.get('retry-after')).toBe('2024-03-15T00:00:00Z');
    expect((await api(t, token, '/users')).status).toBe(200);
  });

  it('switches faults per test with setFaults', async () => {
    const t = await tenant();
    const token = await mint(t);

    t.setFaults({ planUnavailable: ['/report/chat/sessions'] });
    const plan = await api(t, token, '/report/chat/sessions?from=2024-03-13&to=2024-03-14');
    expect(plan.body).toEqual({ code: 200, message: 'Only available for Paid account.' });

    t.setFaults({ planUnavailable: [], missingScopes: ['user:read:list_users:admin'] });
    const scope = await api(t, token, '/users');
    expect(scope.body).toEqual({
      code: 4711,
      message: 'Invalid access token, does not contain scopes:[user:read:list_users:admin].',
    });
  });

  it('fails a path once with a 500 and then recovers', async () => {
    const t = await tenant({ faults: { serverErrorOnce: [{ path: '/users' }] } });
    const token = await mint(t);

    expect((await api(t, token, '/users')).status).toBe(500);
    expect((await api(t, token, '/users')).status).toBe(200);
  });
});
