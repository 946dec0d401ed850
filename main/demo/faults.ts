/**
 * The faults the demo tenant can inject, switchable per test. Each one reproduces a way the
 * real Zoom API has been seen to refuse (see the field reports), so that the client and the
 * sync can be tested against the refusal rather than against a description of it.
 */

/** Zoom's rate-limit labels. Resource-intensive endpoints are not used by the product. */
export type RateCategory = 'Light' | 'Medium' | 'Heavy';

/** A one-shot (or n-shot) 500 for one path, optionally only for one `from` date. */
export interface ServerErrorFault {
  /** The path after /v2, decoded, e.g. `/report/activities`. */
  path: string;
  from?: string;
  /** How many requests fail before the path recovers; 1 when absent. */
  times?: number;
}

export interface Faults {
  /** Every Nth authenticated /v2 request answers 429 QPS; 0 turns it off. */
  rateLimitEveryN: number;
  /** Whether those 429s carry Retry-After and X-RateLimit-* headers (B05: often they do not). */
  rateLimitHeaders: boolean;
  /** The Retry-After value those 429s carry, in seconds. */
  rateLimitRetryAfterSeconds: number;
  /** Categories whose daily cap is used up: 429 Daily-limit until the next 00:00 UTC. */
  dailyLimit: RateCategory[];
  /** Every Nth authenticated request answers 403 "maximum number of api requests" (B07). */
  throttle403EveryN: number;
  /** Requests per second per category before a real QPS 429. */
  qps: Record<RateCategory, number>;
  /** Paths (after /v2, or a prefix ending before a `/`) answered "Only available for Paid". */
  planUnavailable: string[];
  /** Paths answered 403 code 200 "No permission." (a role problem, never retried). */
  noPermission: string[];
  serverErrorOnce: ServerErrorFault[];
  /** Lifetime of a next_page_token; Zoom's is 15 minutes. */
  pageTokenTtlMs: number;
  /** Treats every next_page_token as expired. */
  expirePageTokens: boolean;
  /** Adds page_count, page_number and total_records to list responses (older Zoom style). */
  legacyPagingFields: boolean;
  /** Scopes the app lacks: tokens are minted without them and calls needing them get 4711. */
  missingScopes: string[];
  /** A newly minted token invalidates every earlier one (Zoom before 2023, B08). */
  newTokenRevokesOld: boolean;
  /** Lifetime of minted access tokens; Zoom's is one hour. */
  tokenLifetimeSeconds: number;
  /** Added before every answer, to make races and timeouts visible. */
  latencyMs: number;
}

export const DEFAULT_FAULTS: Faults = {
  rateLimitEveryN: 0,
  rateLimitHeaders: true,
  rateLimitRetryAfterSeconds: 1,
  dailyLimit: [],
  throttle403EveryN: 0,
  // Five times Zoom's Business limits: the demo stays fast but a runaway loop still hits it.
  qps: { Light: 400, Medium: 300, Heavy: 200 },
  planUnavailable: [],
  noPermission: [],
  serverErrorOnce: [],
  pageTokenTtlMs: 15 * 60 * 1000,
  expirePageTokens: false,
  legacyPagingFields: false,
  missingScopes: [],
  newTokenRevokesOld: false,
  tokenLifetimeSeconds: 3600,
  latencyMs: 0,
};

export function mergeFaults(base: Faults, partial: Partial<Faults>): Faults {
  return {
    ...base,
    ...partial,
    qps: { ...base.qps, ...partial.qps },
    serverErrorOnce: (partial.serverErrorOnce ?? base.serverErrorOnce).map((f) => ({ ...f })),
  };
}

/** True when `path` is `pattern` itself or lies below it. */
export function pathMatches(path: string, pattern: string): boolean {
  return path === pattern || path.startsWith(`${pattern}/`);
}

/** Sliding one-second window per category, on the real clock (QPS is about wall time). */
export class QpsLimiter {
  private readonly recent: Record<RateCategory, number[]> = { Light: [], Medium: [], Heavy: [] };

  /** Records the request and says whether it fits within `limit` per second. */
  admit(category: RateCategory, limit: number, nowMs = performance.now()): boolean {
    const window = this.recent[category].filter((t) => nowMs - t < 1000);
    this.recent[category] = window;
    if (window.length >= limit) return false;

    window.push(nowMs);
    return true;
  }
}
