/**
 * The Zoom client: one authenticated request with Zoom's retry rules, and the paginator.
 * Everything that talks to Zoom (or to the demo tenant) goes through here.
 */
import type { CredentialStore } from '../credentials/store.ts';
import { ExpectedError } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import type { Logger } from '../log/logger.ts';
import { causeOf, S2sTokenSource } from './auth-s2s.ts';
import type { CachedToken } from './auth-s2s.ts';
import { judge, networkError, parseZoomBody, tokenConflictError } from './errors.ts';
import { queryString } from './paths.ts';
import { backoffMs } from './retry.ts';
import { ZoomApiError } from './types.ts';
import type {
  HttpMethod,
  Query,
  ZoomClient,
  ZoomInstanceConfig,
  ZoomPage,
  ZoomResponse,
} from './types.ts';

export interface ZoomClientOptions {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Retries after rate limits, 5xx and network failures; 4 when absent. */
  maxRetries?: number;
  /** Jitter source for back-off, in [0, 1). */
  random?: () => number;
  /** Per-request timeout; 60 s when absent. */
  timeoutMs?: number;
}

interface ClientContext {
  config: ZoomInstanceConfig;
  auth: S2sTokenSource;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  maxRetries: number;
  timeoutMs: number;
  log: Logger;
}

/** What came back for one attempt, before we decide whether it counts. */
interface Answer {
  status: number;
  text: string;
  headers: Record<string, string>;
}

export function createZoomClient(
  config: ZoomInstanceConfig,
  credentials: CredentialStore,
  options: ZoomClientOptions = {},
): ZoomClient {
  if (config.authType !== 's2s') throw unsupportedAuthType(config);

  const log = createLogger('zoom');
  const now = options.now ?? Date.now;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const ctx: ClientContext = {
    config,
    auth: new S2sTokenSource(config, credentials, { fetch: fetchFn, now, log }),
    fetch: fetchFn,
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    maxRetries: options.maxRetries ?? 4,
    timeoutMs: options.timeoutMs ?? 60_000,
    log,
  };

  const client: ZoomClient = {
    request: (method, path, requestOptions) => send(ctx, method, path, requestOptions ?? {}),
    paginate: (path, query, itemsKey) => paginate(client, ctx.log, path, query, itemsKey),
    grantedScopes: async () => (await ctx.auth.current()).scope.split(' ').filter(Boolean),
  };
  return client;
}

function unsupportedAuthType(config: ZoomInstanceConfig): ExpectedError {
  return new ExpectedError(
    `Instance "${config.name}" uses user-level OAuth, which this version cannot sign in with.`,
    'Connect the account through a Server-to-Server OAuth app instead.',
  );
}

/**
 * One request, retried on QPS limits, throttling 403s, 5xx and network failures, with one
 * re-mint after a refused token. Non-idempotent methods are never repeated blindly.
 */
async function send<T>(
  ctx: ClientContext,
  method: HttpMethod,
  path: string,
  options: { query?: Query; json?: unknown },
): Promise<ZoomResponse<T>> {
  const request = `${method} ${path}${queryString(options.query)}`;
  const repeatable = method !== 'POST' && method !== 'PATCH';
  let token = await ctx.auth.current();
  let reminted = false;
  let retries = 0;

  for (;;) {
    const answer = await attempt(ctx, method, request, token, options.json, repeatable, retries);
    if (answer === null) {
      retries += 1;
      continue;
    }
    ctx.log.debug(`${request} -> ${answer.status}`);
    if (answer.status >= 200 && answer.status < 300) return toResponse<T>(ctx, request, answer);

    if (isTokenRefusal(answer)) {
      if (reminted) throw tokenConflictError(request, answer.text);
      ctx.log.info(`${request}: Zoom refused the access token; minting a new one`);
      token = await ctx.auth.renew(token.access_token);
      reminted = true;
      continue;
    }

    const verdict = judge({ ...answer, request }, retries, ctx.now(), ctx.random);
    if (verdict.waitMs === null || retries >= ctx.maxRetries || !repeatable) throw verdict.error;

    await ctx.sleep(verdict.waitMs);
    ctx.log.info(`${request}: ${verdict.reason}, waited ${verdict.waitMs} ms`);
    retries += 1;
  }
}

/**
 * Sends once. A network failure that may be retried yields null after the back-off wait;
 * one that may not becomes a 'network' error.
 */
async function attempt(
  ctx: ClientContext,
  method: HttpMethod,
  request: string,
  token: CachedToken,
  json: unknown,
  repeatable: boolean,
  retries: number,
): Promise<Answer | null> {
  const url = `${ctx.config.apiBaseUrl.replace(/\/+$/, '')}${request.slice(method.length + 1)}`;
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token.access_token}`,
    Accept: 'application/json',
  };
  if (json !== undefined) headers['Content-Type'] = 'application/json';

  try {
    const response = await ctx.fetch(url, {
      method,
      headers,
      body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, headers: Object.fromEntries(response.headers) };
  } catch (error) {
    const cause = causeOf(error);
    if (!repeatable || method !== 'GET' || retries >= ctx.maxRetries) {
      throw networkError(request, cause);
    }

    const waitMs = backoffMs(retries, ctx.random);
    await ctx.sleep(waitMs);
    ctx.log.warn(`${request}: Zoom could not be reached (${cause}), waited ${waitMs} ms`);
    return null;
  }
}

/** 401 with code 124, or a 4700 that does not name a scope: the token itself was refused. */
function isTokenRefusal(answer: Answer): boolean {
  if (answer.status !== 401) return false;

  const body = parseZoomBody(answer.text);
  return body.code === 124 || (body.code === 4700 && !/scope/i.test(body.message ?? ''));
}

function toResponse<T>(ctx: ClientContext, request: string, answer: Answer): ZoomResponse<T> {
  return {
    status: answer.status,
    text: answer.text,
    body: parseBody<T>(answer.text),
    headers: answer.headers,
    request,
    receivedAt: ctx.now(),
  };
}

function parseBody<T>(text: string): T | null {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/**
 * Follows next_page_token until it is empty or absent. The stop condition never looks at
 * page_count or total_records (B02); a total that disagrees is only worth a warning.
 */
async function* paginate<T>(
  client: ZoomClient,
  log: Logger,
  path: string,
  query: Query,
  itemsKey: string,
): AsyncGenerator<ZoomPage<T>> {
  const seenTokens = new Set<string>();
  let pageToken: string | undefined;
  let received = 0;
  let announced: number | null = null;

  for (let pageIndex = 0; ; pageIndex++) {
    const response = await client.request<Record<string, unknown>>('GET', path, {
      query: { ...query, next_page_token: pageToken },
    });
    const body = response.body ?? {};
    const items = Array.isArray(body[itemsKey]) ? (body[itemsKey] as T[]) : [];
    received += items.length;
    if (typeof body.total_records === 'number') announced = body.total_records;

    yield { items, response: response as ZoomResponse<Record<string, unknown>>, pageIndex };

    const next = typeof body.next_page_token === 'string' ? body.next_page_token : '';
    if (next === '') break;
    if (seenTokens.has(next)) throw repeatedTokenError(response.request);
    seenTokens.add(next);
    pageToken = next;
  }

  if (announced !== null && announced !== received) {
    log.warn(`${path}: Zoom announced ${announced} records but ${received} arrived`);
  }
}

/** A token Zoom already gave us would loop forever; the listing cannot be trusted. */
function repeatedTokenError(request: string): ZoomApiError {
  return new ZoomApiError(
    `Zoom returned the same next_page_token twice while listing ${request.split('?')[0]}.`,
    'Run the sync again; if it repeats, keep the log and report it.',
    'invalid_request',
    200,
    null,
    null,
  );
}
