/**
 * Zoom's next_page_token paging. A token is opaque, belongs to the exact query it came from
 * and dies after 15 minutes, so a client that keeps one too long or reuses it for another
 * query gets code 300, as it would from Zoom (B01).
 */
import { randomBytes } from 'node:crypto';

import { invalidRequest } from './wire.ts';
import type { RouteContext } from './wire.ts';

interface IssuedToken {
  listingKey: string;
  offset: number;
  issuedAt: number;
}

export const PAGE_TOKEN_INVALID = 'The next page token is invalid or expired.';

export class PageTokens {
  private readonly issued = new Map<string, IssuedToken>();

  issue(listingKey: string, offset: number, now: number): string {
    const token = randomBytes(24).toString('base64url');
    this.issued.set(token, { listingKey, offset, issuedAt: now });
    return token;
  }

  /** The offset a token stands for, or code 300 when it is unknown, foreign or too old. */
  resolve(token: string, ctx: RouteContext): number {
    const entry = this.issued.get(token);
    const tooOld = entry !== undefined && ctx.now - entry.issuedAt > ctx.faults.pageTokenTtlMs;

    if (!entry || entry.listingKey !== ctx.listingKey || tooOld || ctx.faults.expirePageTokens) {
      throw invalidRequest(PAGE_TOKEN_INVALID);
    }
    return entry.offset;
  }
}

export interface PageLimits {
  max: number;
  default: number;
}

export interface Page<T> {
  items: T[];
  /** page_size, next_page_token and, with the legacy fault, page_count and friends. */
  fields: Record<string, unknown>;
}

/** Cuts one page out of `all` according to page_size and next_page_token. */
export function pageOf<T>(ctx: RouteContext, all: readonly T[], limits: PageLimits): Page<T> {
  const pageSize = pageSizeOf(ctx, limits);
  const token = ctx.query.get('next_page_token');
  const offset = token ? ctx.paging.resolve(token, ctx) : 0;

  const items = all.slice(offset, offset + pageSize);
  const nextOffset = offset + items.length;
  const next = nextOffset < all.length ? ctx.paging.issue(ctx.listingKey, nextOffset, ctx.now) : '';

  const fields: Record<string, unknown> = { page_size: pageSize, next_page_token: next };
  if (ctx.faults.legacyPagingFields) {
    fields.page_count = Math.max(1, Math.ceil(all.length / pageSize));
    fields.page_number = Math.floor(offset / pageSize) + 1;
    fields.total_records = all.length;
  }
  return { items, fields };
}

/** Zoom caps an oversized page_size silently; a non-number is a bad request. */
function pageSizeOf(ctx: RouteContext, limits: PageLimits): number {
  const raw = ctx.query.get('page_size');
  if (raw === null || raw === '') return limits.default;

  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw invalidRequest(`Invalid page_size: ${raw}.`);
  }
  return Math.min(Number(raw), limits.max);
}
