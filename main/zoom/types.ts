/**
 * The Zoom client contract: what sync, actions and the CLI may ask of Zoom (or of the demo
 * tenant, which speaks the same wire format; only the base URLs differ).
 */
import { ExpectedError, EXIT } from '../errors.ts';

export type AuthType = 's2s' | 'oauth_pkce';

/** What the client needs to know about one connected account. Secrets come from the keychain. */
export interface ZoomInstanceConfig {
  id: number;
  name: string;
  accountId: string;
  clientId: string;
  /** Names this instance's keychain entries (client secret, cached access token). */
  keychainKey: string;
  /** e.g. https://api.zoom.us/v2 */
  apiBaseUrl: string;
  /** e.g. https://zoom.us (the token endpoint is `${oauthBaseUrl}/oauth/token`) */
  oauthBaseUrl: string;
  authType: AuthType;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type QueryValue = string | number | boolean | undefined;
export type Query = Record<string, QueryValue>;

export interface ZoomResponse<T = unknown> {
  status: number;
  /** The body exactly as received (evidence is stored from this text, never re-serialised). */
  text: string;
  /** The parsed body, or null for an empty body (204). */
  body: T | null;
  headers: Record<string, string>;
  /** Method and path with query, for provenance; never carries a token. */
  request: string;
  receivedAt: number;
}

export interface ZoomPage<T = Record<string, unknown>> {
  items: T[];
  response: ZoomResponse<Record<string, unknown>>;
  /** 0 for the first page of a listing. */
  pageIndex: number;
}

export interface ZoomClient {
  request<T = unknown>(
    method: HttpMethod,
    path: string,
    options?: { query?: Query; json?: unknown },
  ): Promise<ZoomResponse<T>>;

  /** Follows next_page_token until it is empty or absent; stops on any error. */
  paginate<T = Record<string, unknown>>(
    path: string,
    query: Query,
    itemsKey: string,
  ): AsyncGenerator<ZoomPage<T>>;

  /** The scopes on the current access token (from the token response's `scope`). */
  grantedScopes(): Promise<string[]>;
}

/** Why Zoom (or the network) refused. Callers branch on this, never on message text. */
export type ZoomErrorCategory =
  | 'auth' // wrong client id/secret, app deactivated, token refused after a re-mint
  | 'token_conflict' // another client keeps invalidating our S2S tokens
  | 'scope' // code 4711: the token lacks a scope; message names it
  | 'plan' // code 200 "Only available for Paid account": permanent for this plan
  | 'permission' // code 200 "No permission." and similar role problems
  | 'not_found' // 404, code 1001 and friends
  | 'rate_limited' // QPS limit still hit after our retries
  | 'daily_limit' // daily cap: do not call this category again before retryAt
  | 'page_token_expired' // next_page_token older than 15 minutes
  | 'invalid_request' // 400 code 300 and other permanent request errors
  | 'server' // 5xx after retries
  | 'network'; // connection refused, DNS, timeout: offline

export class ZoomApiError extends ExpectedError {
  constructor(
    message: string,
    hint: string,
    readonly category: ZoomErrorCategory,
    readonly httpStatus: number | null,
    readonly zoomCode: number | null,
    readonly zoomMessage: string | null,
    /** For daily limits: epoch ms when calls may resume. */
    readonly retryAt: number | null = null,
    /** The response body as received, for the audit log. */
    readonly responseText: string | null = null,
  ) {
    super(message, hint, EXIT.zoomRefused);
    this.name = 'ZoomApiError';
  }
}
