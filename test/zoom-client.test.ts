import { afterEach, describe, expect, it, vi } from 'vitest';

import { setLogLevel } from '../main/log/logger.ts';
import { zoomPath } from '../main/zoom/paths.ts';
import { retryAfterMs } from '../main/zoom/retry.ts';
import { ZoomApiError } from '../main/zoom/types.ts';
import type { ZoomClient } from '../main/zoom/types.ts';
import {
  NOW,
  ODD_CHANNEL_ID,
  ODD_MESSAGE_ID,
  ODD_USER_ID,
  smallTenant,
} from './helpers/small-tenant.ts';
import { startHarness } from './helpers/zoom-harness.ts';
import type { Harness } from './helpers/zoom-harness.ts';

const harnesses: Harness[] = [];

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const started = await startHarness(options);
  harnesses.push(started);
  return started;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(harnesses.splice(0).map((h) => h.dispose()));
});

async function failure(promise: Promise<unknown>): Promise<ZoomApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZoomApiError);
  return error as ZoomApiError;
}

async function collect(client: ZoomClient, path: string, query: Record<string, string | number>,
  key: string): Promise<{ items: unknown[]; pages: Array<Record<string, unknown>> }> {
  const items: unknown[] = [];
  const pages: Array<Record<string, unknown>> = [];
  for await (const page of client.paginate(path, query, key)) {
    items.push(...page.items);
    pages.push(page.response.body ?? {});
  }
  return { items, pages };
}

function captureLog(): string[] {
  const lines: string[] = [];
  setLogLevel('info');
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return lines;
}

describe('zoom client: Server-to-Server tokens', () => {
  it('mints one token for many parallel calls and reuses it from the keychain', async () => {
    const h = await harness();
    const first = h.client();

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => first.request('GET', '/users/alice@acme.test')),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(h.tokenRequests()).toBe(1);

    const second = h.client();
    await second.request('GET', '/users', { query: { status: 'active' } });
    expect(h.tokenRequests()).toBe(1);

    const cached = JSON.parse((await h.store.get(h.config.keychainKey, 'access_token')) ?? '{}');
    expect(cached.expires_at).toBe(NOW + 3600 * 1000);
    expect(await second.grantedScopes()).toContain('user:read:list_users:admin');
  });

  it('mints again when the cached token is within five minutes of expiry', async () => {
    const clock = { now: NOW };
    const h = await harness({ clock });
    await h.client().request('GET', '/users');

    clock.now += 56 * 60 * 1000;
    await h.client().request('GET', '/users');
    expect(h.tokenRequests()).toBe(2);
  });

  it('reports a wrong client secret in plain words without repeating the secret', async () => {
    const secret = 'Wr0ngSecretValue-123456';
    const h = await harness({ storedSecret: secret });

    const error = await failure(h.client().request('GET', '/users'));
    expect(error.category).toBe('auth');
    expect(error.message).toMatch(/Zoom refused the client ID or secret of instance "demo"/);
    expect(error.hint).toMatch(/Marketplace/);
    expect(`${error.message} ${error.hint} ${error.responseText}`).not.toContain(secret);
    expect(h.apiRequests()).toBe(0);
  });

  it('mints once and retries once when Zoom answers code 124', async () => {
    const h = await harness();
    const client = h.client();
    await client.request('GET', '/users');

    h.tenant.revokeAllTokens();
    const answer = await client.request('GET', '/users');
    expect(answer.status).toBe(200);
    expect(h.tokenRequests()).toBe(2);
  });

  it('shares one re-mint among parallel calls whose token was refused (B09)', async () => {
    const h = await harness();
    const client = h.client();
    await client.request('GET', '/users');

    h.tenant.revokeAllTokens();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => client.request('GET', '/users/alice@acme.test')),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(h.tokenRequests()).toBe(2);
  });

  it('stops with token_conflict after two token requests when another client keeps minting',
    async () => {
      const h = await harness({ faults: { newTokenRevokesOld: true } });
      let ours = 0;
      // The other client mints right after each of ours, which kills ours (pre-2023 Zoom, B08).
      const fighting: typeof fetch = async (input, init) => {
        const response = await fetch(input, init);
        if (String(input).endsWith('/oauth/token')) {
          ours += 1;
          await fetch(String(input), init);
        }
        return response;
      };

      const error = await failure(h.client({ fetch: fighting }).request('GET', '/users'));
      expect(error.category).toBe('token_conflict');
      expect(error.message).toMatch(/another client is using these Server-to-Server credentials/);
      expect(ours).toBeLessThanOrEqual(2);
      expect(h.apiRequests()).toBe(2);
    });
});

describe('zoom client: paging', () => {
  it('collects 612 users over pages of 300, 300 and 12 without total fields (B02)', async () => {
    const h = await harness({ data: smallTenant({ extraActiveUsers: 609 }) });

    const query = { status: 'active', page_size: 300 };
    const { items, pages } = await collect(h.client(), '/users', query, 'users');
    expect(items).toHaveLength(612);
    expect(pages.map((p) => (p.users as unknown[]).length)).toEqual([300, 300, 12]);
    for (const page of pages) {
      expect(page).not.toHaveProperty('page_count');
      expect(page).not.toHaveProperty('total_records');
    }
  });

  it('surfaces an expired next_page_token as page_token_expired (B01)', async () => {
    const clock = { now: NOW };
    const h = await harness({ clock });
    const pages = h.client().paginate('/report/activities',
      { from: '2024-03-01', to: '2024-03-14', page_size: 10 }, 'activity_logs');

    const first = await pages.next();
    expect(first.done).toBe(false);
    clock.now += 16 * 60 * 1000;

    const error = await failure(pages.next());
    expect(error.category).toBe('page_token_expired');
    expect(error.zoomCode).toBe(300);
    expect(error.responseText).toContain('The next page token is invalid or expired.');
  });
});

describe('zoom client: rate limits and refusals', () => {
  it('waits a default 1000 ms when a 429 has no Retry-After and completes (B05)', async () => {
    const lines = captureLog();
    const h = await harness({
      data: smallTenant({ extraActiveUsers: 57 }),
      faults: { rateLimitEveryN: 2, rateLimitHeaders: false },
    });

    const { items } = await collect(h.client(), '/users', { status: 'active', page_size: 20 },
      'users');
    expect(items).toHaveLength(60);
    expect(h.slept.length).toBeGreaterThan(0);
    expect(h.slept.every((ms) => ms >= 1000)).toBe(true);
    expect(lines.join('')).toContain('rate-limited (no Retry-After), waited 1000 ms');
  });

  it('honours Retry-After in seconds when Zoom sends it', async () => {
    const h = await harness({ faults: { rateLimitEveryN: 1, rateLimitRetryAfterSeconds: 3 } });
    const error = await failure(h.client({ maxRetries: 2 }).request('GET', '/users'));

    expect(error.category).toBe('rate_limited');
    expect(h.slept).toEqual([3000, 3000]);
  });

  it('stops at a daily limit with retryAt at 00:00 UTC and no further calls (B06)', async () => {
    const h = await harness({ faults: { dailyLimit: ['Heavy'] } });
    const client = h.client();

    const error = await failure(
      client.request('GET', '/report/activities', {
        query: { from: '2024-03-14', to: '2024-03-14' },
      }),
    );
    expect(error.category).toBe('daily_limit');
    expect(error.retryAt).toBe(Date.parse('2024-03-15T00:00:00Z'));
    expect(h.apiRequests('/report/')).toBe(1);
    expect(h.slept).toEqual([]);

    const users = await client.request('GET', '/users');
    expect(users.status).toBe(200);
  });

  it('retries 403 throttling as a rate limit; 200 requests all succeed (B07)', async () => {
    const h = await harness({ faults: { throttle403EveryN: 5 } });
    const client = h.client();

    for (let i = 0; i < 200; i++) {
      const answer = await client.request('GET', zoomPath`/users/${ODD_USER_ID}`);
      expect(answer.status).toBe(200);
    }
    const throttled = h.tenant.requests.filter((r) => r.status === 403).length;
    expect(throttled).toBeGreaterThan(40);
    expect(h.slept).toHaveLength(throttled);
  });

  it('does not retry a genuine 403 permission refusal (B07)', async () => {
    const h = await harness({ faults: { noPermission: ['/report/operationlogs'] } });
    const error = await failure(h.client().request('GET', '/report/operationlogs',
      { query: { from: '2024-03-01', to: '2024-03-14' } }));

    expect(error.category).toBe('permission');
    expect(h.apiRequests('/report/operationlogs')).toBe(1);
  });

  it('names the missing scope on code 4711 and does not retry', async () => {
    const h = await harness({ faults: { missingScopes: ['report:read:operation_logs:admin'] } });
    const client = h.client();
    const error = await failure(client.request('GET', '/report/operationlogs',
      { query: { from: '2024-03-01', to: '2024-03-14' } }));

    expect(error.category).toBe('scope');
    expect(error.message).toContain('report:read:operation_logs:admin');
    expect(await client.grantedScopes()).not.toContain('report:read:operation_logs:admin');
    expect(h.apiRequests('/report/operationlogs')).toBe(1);
  });

  it('marks an endpoint missing from the plan as plan while others work (B13)', async () => {
    const h = await harness({ faults: { planUnavailable: ['/report/operationlogs'] } });
    const client = h.client();
    const window = { from: '2024-03-01', to: '2024-03-14' };

    const error = await failure(client.request('GET', '/report/operationlogs', { query: window }));
    expect(error.category).toBe('plan');
    expect(error.zoomCode).toBe(200);
    expect(error.zoomMessage).toBe('Only available for Paid account.');

    const { items } = await collect(client, '/report/activities', window, 'activity_logs');
    expect(items).toHaveLength(42);
  });

  it('retries a 500 with back-off and then succeeds', async () => {
    const h = await harness({
      faults: { serverErrorOnce: [{ path: '/report/activities', from: '2024-03-01' }] },
    });
    const answer = await h.client().request('GET', '/report/activities',
      { query: { from: '2024-03-01', to: '2024-03-02' } });

    expect(answer.status).toBe(200);
    expect(h.slept).toEqual([1000]);
  });

  it('gives up on a lasting 500 as a server error after the bounded retries', async () => {
    const h = await harness({ faults: { serverErrorOnce: [{ path: '/users', times: 10 }] } });
    const error = await failure(h.client({ maxRetries: 3 }).request('GET', '/users'));

    expect(error.category).toBe('server');
    expect(h.slept).toEqual([1000, 2000, 4000]);
  });

  it('reports an unreachable Zoom as network', async () => {
    const h = await harness();
    const client = h.client({ maxRetries: 1 });
    await client.request('GET', '/users');
    await h.tenant.close();

    const error = await failure(client.request('GET', '/users'));
    expect(error.category).toBe('network');
    expect(error.message).toMatch(/could not be reached/);
  });

  it('classifies an unknown user as not_found', async () => {
    const h = await harness();
    const error = await failure(h.client().request('GET', '/users/nobody@acme.test'));

    expect(error.category).toBe('not_found');
    expect(error.zoomCode).toBe(1001);
  });
});

describe('zoom client: write calls and path encoding', () => {
  it('deletes a message with an awkward id through an encoded DELETE with no body (B36)',
    async () => {
      const h = await harness();
      const client = h.client();
      const path = zoomPath`/chat/users/${'alice@acme.test'}/messages/${ODD_MESSAGE_ID}`;
      const query = { to_channel: ODD_CHANNEL_ID };

      const answer = await client.request('DELETE', path, { query });
      expect(answer.status).toBe(204);
      expect(answer.body).toBeNull();

      const sent = h.tenant.requests.at(-1)!;
      expect(sent.method).toBe('DELETE');
      expect(sent.path).toBe('/v2/chat/users/alice%40acme.test/messages/%7BA1B2C3D4-%2B%2F%3D%7D');
      expect(sent.query).toEqual({ to_channel: 'ch_9x+Y/z' });
      expect(sent.body).toBe('');
      expect(sent.contentType).toBeNull();

      expect((await failure(client.request('GET', path, { query }))).category).toBe('not_found');
      expect((await failure(client.request('DELETE', path, { query }))).category)
        .toBe('not_found');
    });

  it('deactivates a user with PUT {"action":"deactivate"} as JSON (B37)', async () => {
    const h = await harness();
    const client = h.client();

    const answer = await client.request('PUT', zoomPath`/users/${ODD_USER_ID}/status`,
      { json: { action: 'deactivate' } });
    expect(answer.status).toBe(204);

    const sent = h.tenant.requests.at(-1)!;
    expect(sent.path).toBe('/v2/users/u%2BAbC%2F12%3D%3D/status');
    expect(sent.body).toBe('{"action":"deactivate"}');
    expect(sent.contentType).toBe('application/json');

    const after = await client.request<{ status: string }>('GET', zoomPath`/users/${ODD_USER_ID}`);
    expect(after.body?.status).toBe('inactive');
  });

  it('reads Retry-After as seconds, an HTTP date or an ISO instant', () => {
    expect(retryAfterMs('2', NOW)).toBe(2000);
    expect(retryAfterMs(new Date(NOW + 5000).toUTCString(), NOW)).toBe(5000);
    expect(retryAfterMs('2024-03-15T00:00:00Z', NOW)).toBe(5.5 * 3600 * 1000);
    expect(retryAfterMs('soon', NOW)).toBeNull();
    expect(retryAfterMs(undefined, NOW)).toBeNull();
  });

  it('encodes every interpolated path segment', () => {
    expect(zoomPath`/users/${'a/b?c#d'}/x/${7}`).toBe('/users/a%2Fb%3Fc%23d/x/7');
  });

  it('keeps provenance on responses without the token', async () => {
    const h = await harness();
    const answer = await h.client().request('GET', '/users', { query: { status: 'inactive' } });

    expect(answer.request).toBe('GET /users?status=inactive');
    expect(answer.text).toContain('"carol@acme.test"');
    expect(answer.headers['x-zm-trackingid']).toMatch(/^v=2\.0;/);
    const cached = JSON.parse((await h.store.get(h.config.keychainKey, 'access_token')) ?? '{}');
    expect(JSON.stringify(answer)).not.toContain(cached.access_token);
  });
});
