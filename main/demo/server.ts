/**
 * The demo tenant: a local HTTP server that speaks Zoom's REST wire format over the demo
 * organisation, so the real client, sync and actions run unchanged against it. It binds to
 * 127.0.0.1 only and mutates `data` when actions change things.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { errorMessage } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import { DEFAULT_FAULTS, mergeFaults, pathMatches, QpsLimiter } from './faults.ts';
import type { Faults, RateCategory } from './faults.ts';
import type { TenantData } from './model.ts';
import { AccessTokens, tokenEndpoint } from './oauth.ts';
import type { TenantCredentials } from './oauth.ts';
import { PageTokens } from './paging.ts';
import { CHAT_ROUTES } from './routes-chat.ts';
import { REPORT_ROUTES } from './routes-reports.ts';
import { USER_ROUTES } from './routes-users.ts';
import { startOfDay, DAY_MS } from './windows.ts';
import { invalidRequest, WireError, zoomError } from './wire.ts';
import type { Route, RouteContext, WireResult } from './wire.ts';

const log = createLogger('demo');

export const ROUTES: readonly Route[] = [...USER_ROUTES, ...REPORT_ROUTES, ...CHAT_ROUTES];

/** Every scope a route asks for: what a fully configured S2S app would be granted. */
export const ALL_SCOPES: readonly string[] = [...new Set(ROUTES.map((r) => r.scope))];

export interface DemoTenantOptions {
  data: TenantData;
  clientId?: string;
  clientSecret?: string;
  /** 0 or absent: a random free port. */
  port?: number;
  faults?: Partial<Faults>;
  /** The tenant's clock (report windows, token and page-token expiry). */
  now?: () => number;
}

/** One request as the tenant saw it, for assertions. Never carries a token or secret. */
export interface DemoRequestRecord {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  status: number;
  contentType: string | null;
  /** The request body of /v2 calls (empty for none); never recorded for /oauth/token. */
  body: string;
}

export interface DemoTenant {
  apiBaseUrl: string;
  oauthBaseUrl: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** The live tenant: routes read and change it. */
  data: TenantData;
  requests: DemoRequestRecord[];
  faults(): Faults;
  setFaults(partial: Partial<Faults>): void;
  /** Makes every token issued so far answer code 124 (app deactivated, secret rotated). */
  revokeAllTokens(): void;
  close(): Promise<void>;
}

interface TenantState {
  data: TenantData;
  faults: Faults;
  credentials: TenantCredentials;
  now: () => number;
  tokens: AccessTokens;
  paging: PageTokens;
  limiter: QpsLimiter;
  /** Authenticated /v2 requests so far, for the every-Nth faults. */
  apiCount: number;
  requests: DemoRequestRecord[];
}

interface IncomingCall {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  bodyText: string;
}

export async function startDemoTenant(options: DemoTenantOptions): Promise<DemoTenant> {
  const state = createState(options);
  const server = http.createServer((req, res) => void serve(state, req, res));
  const port = await listen(server, options.port ?? 0);

  const origin = `http://127.0.0.1:${port}`;
  state.credentials.apiUrl = origin;
  log.info(`demo tenant ${state.data.accountId} listening on ${origin}`);

  return {
    apiBaseUrl: `${origin}/v2`,
    oauthBaseUrl: origin,
    accountId: state.data.accountId,
    clientId: state.credentials.clientId,
    clientSecret: state.credentials.clientSecret,
    data: state.data,
    requests: state.requests,
    faults: () => state.faults,
    setFaults: (partial) => {
      state.faults = mergeFaults(state.faults, partial);
    },
    revokeAllTokens: () => state.tokens.revokeAll(),
    close: () => closeServer(server),
  };
}

function createState(options: DemoTenantOptions): TenantState {
  return {
    data: options.data,
    faults: mergeFaults(DEFAULT_FAULTS, options.faults ?? {}),
    credentials: {
      accountId: options.data.accountId,
      clientId: options.clientId ?? randomBytes(16).toString('base64url'),
      clientSecret: options.clientSecret ?? randomBytes(24).toString('base64url'),
      apiUrl: '',
    },
    now: options.now ?? Date.now,
    tokens: new AccessTokens(),
    paging: new PageTokens(),
    limiter: new QpsLimiter(),
    apiCount: 0,
    requests: [],
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closing twice is harmless: tests close early to simulate an outage and again on cleanup. */
function closeServer(server: http.Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Clients keep connections alive; without this, close waits for them to time out.
    server.closeAllConnections();
  });
}

async function serve(
  state: TenantState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const call: IncomingCall = {
    method: req.method ?? 'GET',
    url: new URL(req.url ?? '/', 'http://127.0.0.1'),
    headers: req.headers,
    bodyText: await readBody(req),
  };
  if (state.faults.latencyMs > 0) await delay(state.faults.latencyMs);

  const result = answer(state, call);
  state.requests.push(requestRecord(call, result.status));
  writeResult(res, result);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Routes one call; every refusal becomes Zoom's body, and a bug becomes a logged 500. */
function answer(state: TenantState, call: IncomingCall): WireResult {
  try {
    if (call.url.pathname === '/oauth/token' && call.method === 'POST') {
      return tokenCall(state, call);
    }
    if (call.url.pathname.startsWith('/v2/')) return apiCall(state, call);
    throw notFound(call);
  } catch (error) {
    if (error instanceof WireError) {
      return { status: error.status, body: error.body, headers: error.headers };
    }
    log.error(`demo tenant failed on ${call.method} ${call.url.pathname}: ${errorMessage(error)}`);
    return { status: 500, body: { code: 500, message: 'Internal server error.' } };
  }
}

function tokenCall(state: TenantState, call: IncomingCall): WireResult {
  const request = {
    authorization: call.headers.authorization,
    contentType: call.headers['content-type'] ?? null,
    bodyText: call.bodyText,
  };
  return tokenEndpoint(request, state.credentials, () => {
    const scopes = ALL_SCOPES.filter((s) => !state.faults.missingScopes.includes(s));
    const minted = state.tokens.mint(state.now(), scopes, state.faults);
    return { ...minted, scope: scopes.join(' ') };
  });
}

function apiCall(state: TenantState, call: IncomingCall): WireResult {
  checkQueryEncoding(call.url.search);
  const match = matchRoute(call);
  const scopes = state.tokens.check(call.headers.authorization, state.now());

  state.apiCount += 1;
  applyRateFaults(state, match.route.category);
  checkScope(state, scopes, match.route.scope);
  applyPathFaults(state, match.decodedPath, call.url.searchParams);

  return match.route.handle(routeContext(state, call, match));
}

interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  /** The path after /v2 with each segment decoded, for fault matching. */
  decodedPath: string;
}

/** Matches segment by segment before decoding, so an encoded `/` stays inside its segment. */
function matchRoute(call: IncomingCall): RouteMatch {
  const segments = call.url.pathname.slice('/v2/'.length).split('/').map(decodeSegment);
  const decodedPath = `/${segments.join('/')}`;

  for (const route of ROUTES) {
    if (route.method !== call.method) continue;
    const params = matchSegments(route.pattern, segments);
    if (params) return { route, params, decodedPath };
  }
  throw notFound(call);
}

function matchSegments(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.slice(1).split('/');
  if (parts.length !== segments.length) return null;

  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidRequest(`Malformed path segment: ${segment}.`);
  }
}

/** A `%` not followed by two hex digits is a malformed query Zoom refuses. */
function checkQueryEncoding(search: string): void {
  if (/%(?![0-9A-Fa-f]{2})/.test(search)) throw invalidRequest('Malformed query string.');
}

function notFound(call: IncomingCall): WireError {
  return zoomError(404, 404, `No API matches ${call.method} ${call.url.pathname}.`);
}

function routeContext(state: TenantState, call: IncomingCall, match: RouteMatch): RouteContext {
  return {
    data: state.data,
    faults: state.faults,
    params: match.params,
    query: call.url.searchParams,
    bodyText: call.bodyText,
    contentType: call.headers['content-type'] ?? null,
    now: state.now(),
    paging: state.paging,
    listingKey: listingKey(match, call.url.searchParams),
  };
}

/** A page token is valid only for the same route, path parameters and other query values. */
function listingKey(match: RouteMatch, query: URLSearchParams): string {
  const rest = [...query.entries()].filter(([name]) => name !== 'next_page_token').sort();
  return JSON.stringify([match.route.pattern, match.params, rest]);
}

/** Daily caps first (they outrank everything), then the injected and the real QPS limits. */
function applyRateFaults(state: TenantState, category: RateCategory): void {
  const faults = state.faults;
  if (faults.dailyLimit.includes(category)) throw dailyLimitError(state, category);

  if (faults.rateLimitEveryN > 0 && state.apiCount % faults.rateLimitEveryN === 0) {
    throw qpsError(category, faults.rateLimitHeaders ? faults.rateLimitRetryAfterSeconds : null);
  }
  if (faults.throttle403EveryN > 0 && state.apiCount % faults.throttle403EveryN === 0) {
    throw zoomError(403, 403, 'You have reached the maximum number of api requests per second.');
  }
  if (!state.limiter.admit(category, faults.qps[category])) throw qpsError(category, 1);
}

function qpsError(category: RateCategory, retryAfterS: number | null): WireError {
  const body = {
    code: 429,
    message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
  };
  const headers: Record<string, string> =
    retryAfterS === null
      ? {}
      : {
          'X-RateLimit-Category': category,
          'X-RateLimit-Type': 'QPS',
          'Retry-After': String(retryAfterS),
        };
  return new WireError(429, body, headers);
}

/** Daily caps reset at 00:00 UTC; Retry-After is that instant, as Zoom sends it. */
function dailyLimitError(state: TenantState, category: RateCategory): WireError {
  const resetAt = new Date(startOfDay(state.now()) + DAY_MS).toISOString().replace('.000', '');
  const body = {
    code: 429,
    message:
      'You have reached the maximum daily rate limit for this API. Refer to the response ' +
      'header for details on when you can make another request.',
  };
  return new WireError(429, body, {
    'X-RateLimit-Category': category,
    'X-RateLimit-Type': 'Daily-limit',
    'X-RateLimit-Limit': '30000',
    'X-RateLimit-Remaining': '0',
    'Retry-After': resetAt,
  });
}

function checkScope(state: TenantState, granted: ReadonlySet<string>, scope: string): void {
  if (granted.has(scope) && !state.faults.missingScopes.includes(scope)) return;
  throw zoomError(400, 4711, `Invalid access token, does not contain scopes:[${scope}].`);
}

function applyPathFaults(state: TenantState, path: string, query: URLSearchParams): void {
  const faults = state.faults;
  if (faults.noPermission.some((p) => pathMatches(path, p))) {
    throw zoomError(403, 200, 'No permission.');
  }
  if (faults.planUnavailable.some((p) => pathMatches(path, p))) {
    throw zoomError(400, 200, 'Only available for Paid account.');
  }

  const failure = faults.serverErrorOnce.find(
    (f) => f.path === path && (f.from === undefined || f.from === query.get('from')),
  );
  if (failure) {
    failure.times = (failure.times ?? 1) - 1;
    if (failure.times <= 0) {
      faults.serverErrorOnce = faults.serverErrorOnce.filter((f) => f !== failure);
    }
    throw zoomError(500, 500, 'Internal server error.');
  }
}

function requestRecord(call: IncomingCall, status: number): DemoRequestRecord {
  const isApi = call.url.pathname.startsWith('/v2/');
  return {
    method: call.method,
    path: call.url.pathname,
    query: Object.fromEntries(call.url.searchParams),
    status,
    contentType: call.headers['content-type'] ?? null,
    body: isApi ? call.bodyText : '',
  };
}

function writeResult(res: http.ServerResponse, result: WireResult): void {
  const headers: Record<string, string> = {
    'x-zm-trackingid': `v=2.0;clid=us06;rid=WEB_${randomUUID().replaceAll('-', '')}`,
    ...result.headers,
  };
  if (result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }

  headers['content-type'] = 'application/json;charset=UTF-8';
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}
