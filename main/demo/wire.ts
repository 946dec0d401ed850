/**
 * The demo tenant's shared vocabulary: what a route receives, what it answers, and Zoom's
 * error bodies. Routes throw WireError for every refusal so that the body is always Zoom's.
 */
import type { Faults, RateCategory } from './faults.ts';
import type { TenantData } from './model.ts';
import type { PageTokens } from './paging.ts';

export interface WireResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export class WireError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? body.reason ?? status));
    this.name = 'WireError';
  }
}

export interface RouteContext {
  data: TenantData;
  faults: Faults;
  params: Record<string, string>;
  query: URLSearchParams;
  bodyText: string;
  contentType: string | null;
  /** The tenant's clock (epoch ms). */
  now: number;
  paging: PageTokens;
  /** Identifies this listing for page tokens: route, path parameters and query. */
  listingKey: string;
}

export interface Route {
  method: 'GET' | 'PUT' | 'DELETE';
  /** Segments starting with `:` capture one decoded path segment. */
  pattern: string;
  category: RateCategory;
  scope: string;
  handle(ctx: RouteContext): WireResult;
}

/** A REST error in Zoom's `{code, message}` shape. */
export function zoomError(status: number, code: number, message: string): WireError {
  return new WireError(status, { code, message });
}

/** Zoom's code 300: a request that can never succeed as sent. */
export function invalidRequest(message: string): WireError {
  return zoomError(400, 300, message);
}

/** The validation shape Zoom uses when a body field is missing or wrong. */
export function invalidField(field: string): WireError {
  return new WireError(400, {
    code: 300,
    message: 'Validation Failed.',
    errors: [{ field, message: 'Invalid field.' }],
  });
}

export function json(status: number, body: unknown): WireResult {
  return { status, body };
}

export const NO_CONTENT: WireResult = { status: 204 };

/** Reads an optional query value; an empty value counts as absent. */
export function queryValue(ctx: RouteContext, name: string): string | undefined {
  const value = ctx.query.get(name);
  return value === null || value === '' ? undefined : value;
}

export function requiredQuery(ctx: RouteContext, name: string): string {
  const value = queryValue(ctx, name);
  if (value === undefined) throw invalidRequest(`The ${name} parameter is required.`);
  return value;
}

export function isTrue(ctx: RouteContext, name: string): boolean {
  return queryValue(ctx, name)?.toLowerCase() === 'true';
}
