/**
 * Turning a refusal from Zoom into a ZoomApiError with plain words, and deciding whether
 * waiting can help. Zoom reuses HTTP statuses and even codes (code 200 means "not on your
 * plan" and "no permission"), so the decision reads the code and the message, not the status.
 */
import { redact } from '../log/redact.ts';
import { backoffMs, MAX_QPS_WAIT_MS, nextUtcMidnight, retryAfterMs } from './retry.ts';
import { ZoomApiError } from './types.ts';
import type { ZoomErrorCategory } from './types.ts';

export interface Refused {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** Method and path with query, never a token. */
  request: string;
}

export interface Verdict {
  /** What to throw when we stop (now, or after the last retry). */
  error: ZoomApiError;
  /** How long to wait before trying again; null when trying again cannot help. */
  waitMs: number | null;
  /** Why we wait, for the log line. */
  reason: string;
}

interface ZoomBody {
  code: number | null;
  message: string | null;
}

export const THROTTLE_403_TEXT = /maximum number of api requests/i;

export function parseZoomBody(text: string): ZoomBody {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown } | null;
    return {
      code: typeof body?.code === 'number' ? body.code : null,
      message: typeof body?.message === 'string' ? body.message : null,
    };
  } catch {
    return { code: null, message: null };
  }
}

/** Judges one non-2xx answer; `attempt` counts earlier retries of the same request. */
export function judge(
  refused: Refused,
  attempt: number,
  now: number,
  random: () => number,
): Verdict {
  const body = parseZoomBody(refused.text);
  const error = (category: ZoomErrorCategory, message: string, hint: string, retryAt?: number) =>
    zoomError(refused, body, category, message, hint, retryAt);

  if (refused.status === 429) return judgeRateLimit(refused, body, attempt, now, random);
  if (refused.status === 403 && THROTTLE_403_TEXT.test(refused.text)) {
    return {
      error: error('rate_limited', tooManyMessage(refused), RATE_HINT),
      waitMs: backoffMs(attempt, random),
      reason: 'throttled (403 "maximum number of api requests")',
    };
  }
  if (refused.status >= 500) {
    return {
      error: error(
        'server',
        `Zoom failed with HTTP ${refused.status} on ${refused.request}.`,
        'Check status.zoom.us and run it again later; what was collected so far is kept.',
      ),
      waitMs: backoffMs(attempt, random),
      reason: `Zoom answered HTTP ${refused.status}`,
    };
  }
  return { error: permanentError(refused, body), waitMs: null, reason: '' };
}

const RATE_HINT =
  "Zoom's limits are shared by every app on the account; run it again in a few minutes.";

function tooManyMessage(refused: Refused): string {
  return `Zoom kept rate-limiting ${refused.request}.`;
}

function judgeRateLimit(
  refused: Refused,
  body: ZoomBody,
  attempt: number,
  now: number,
  random: () => number,
): Verdict {
  const type = refused.headers['x-ratelimit-type'] ?? '';
  const retryAfter = refused.headers['retry-after'];
  const daily = /daily/i.test(type) || /daily/i.test(body.message ?? '');

  if (daily) {
    const waitMs = retryAfterMs(retryAfter, now);
    const retryAt = waitMs === null ? nextUtcMidnight(now) : now + waitMs;
    return { error: dailyLimitError(refused, body, retryAt), waitMs: null, reason: '' };
  }

  const announced = retryAfterMs(retryAfter, now);
  const error = zoomError(refused, body, 'rate_limited', tooManyMessage(refused), RATE_HINT);
  if (announced === null) {
    return { error, waitMs: backoffMs(attempt, random), reason: 'rate-limited (no Retry-After)' };
  }
  return {
    error,
    waitMs: Math.min(announced, MAX_QPS_WAIT_MS),
    reason: `rate-limited (Retry-After ${retryAfter})`,
  };
}

function dailyLimitError(refused: Refused, body: ZoomBody, retryAt: number): ZoomApiError {
  const category = refused.headers['x-ratelimit-category'];
  const which = category ? `the ${category} category of Zoom's API` : 'this Zoom API';
  return zoomError(
    refused,
    body,
    'daily_limit',
    `The daily request limit for ${which} is used up (${refused.request}); ` +
      `calls resume at ${new Date(retryAt).toISOString()} (00:00 UTC).`,
    'Nothing more is asked of this part of the API until then; other parts keep syncing.',
    retryAt,
  );
}

/** Refusals that waiting cannot fix, by Zoom's code first and the status second. */
function permanentError(refused: Refused, body: ZoomBody): ZoomApiError {
  const message = body.message ?? '';
  const make = (category: ZoomErrorCategory, text: string, hint: string) =>
    zoomError(refused, body, category, text, hint);

  if (body.code === 4711 || (body.code === 4700 && /scope/i.test(message))) {
    return make(
      'scope',
      `The Zoom app lacks the scope ${missingScopes(message)} needed for ${refused.request}.`,
      'Add the scope to the Server-to-Server app in the Zoom Marketplace, then try again.',
    );
  }
  if (body.code === 200 && /paid account|only available for/i.test(message)) {
    return make(
      'plan',
      `This Zoom plan does not include ${pathOf(refused)} (Zoom: "${message}").`,
      'The data behind this API cannot be collected on this plan; reports list it as missing.',
    );
  }
  if (body.code === 300 && /next page token/i.test(message)) {
    return make(
      'page_token_expired',
      `Zoom's next_page_token expired while listing ${pathOf(refused)}.`,
      'Page tokens live 15 minutes; the listing has to start again from its first page.',
    );
  }
  if (refused.status === 404 || body.code === 1001) {
    return make(
      'not_found',
      `Zoom has no such object: ${refused.request} (Zoom: "${message}").`,
      'It may have been deleted or changed already; check the id.',
    );
  }
  if (refused.status === 403 || (body.code === 200 && /permission/i.test(message))) {
    return make(
      'permission',
      `Zoom refused ${refused.request}: the app owner's role lacks permission ` +
        `(Zoom: "${message}").`,
      "Give the app owner's admin role View (or Edit) rights for this area in Role Management.",
    );
  }
  if (refused.status === 401) {
    return make(
      'auth',
      `Zoom refused the access token for ${refused.request} (Zoom: "${message}").`,
      'Check that the Server-to-Server app is still activated in the Zoom Marketplace.',
    );
  }
  return make(
    'invalid_request',
    `Zoom refused ${refused.request} as invalid (Zoom: "${message || refused.status}").`,
    'This looks like a bug in Zoom Investigator: keep the log and report it.',
  );
}

/** The scope names between the brackets of a 4711 message, or its whole text. */
function missingScopes(message: string): string {
  const listed = /scopes?\s*:?\s*\[([^\]]*)\]/i.exec(message)?.[1]?.trim();
  return listed ? listed.split(/[\s,]+/).join(', ') : `named in "${message}"`;
}

function pathOf(refused: Refused): string {
  return refused.request.split('?')[0] ?? refused.request;
}

function zoomError(
  refused: Refused,
  body: ZoomBody,
  category: ZoomErrorCategory,
  message: string,
  hint: string,
  retryAt?: number,
): ZoomApiError {
  return new ZoomApiError(
    redact(message),
    hint,
    category,
    refused.status,
    body.code,
    body.message,
    retryAt ?? null,
    redact(refused.text),
  );
}

/** The error for a request that never got an answer. */
export function networkError(request: string, cause: string): ZoomApiError {
  return new ZoomApiError(
    redact(`Zoom could not be reached for ${request} (${cause}).`),
    'Check the network connection (or proxy) and try again; nothing was changed.',
    'network',
    null,
    null,
    null,
  );
}

/** Two 401 code 124 in a row although we had just minted a fresh token (B08). */
export function tokenConflictError(request: string, text: string): ZoomApiError {
  return new ZoomApiError(
    `Zoom rejected a freshly minted access token for ${request}: another client is using ` +
      'these Server-to-Server credentials and each new token invalidates the other.',
    'Stop the other app or script using this Server-to-Server app, or give each its own app.',
    'token_conflict',
    401,
    124,
    parseZoomBody(text).message,
    null,
    redact(text),
  );
}
