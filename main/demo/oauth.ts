/**
 * The tenant's Server-to-Server OAuth: the token endpoint and the access tokens it has issued.
 * Error bodies are the OAuth-style `{reason, error}` family Zoom's token endpoint uses, and
 * the API's token refusals are 401 code 124, as from Zoom.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

import type { Faults } from './faults.ts';
import { WireError, zoomError } from './wire.ts';
import type { WireResult } from './wire.ts';

interface IssuedToken {
  expiresAt: number;
  scopes: ReadonlySet<string>;
  revoked: boolean;
}

export interface TokenRequest {
  authorization: string | undefined;
  contentType: string | null;
  bodyText: string;
}

export interface TenantCredentials {
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Where the API lives, for the `api_url` field of the token response. */
  apiUrl: string;
}

export class AccessTokens {
  private readonly issued = new Map<string, IssuedToken>();

  mint(now: number, scopes: string[], faults: Faults): { token: string; lifetimeS: number } {
    if (faults.newTokenRevokesOld) this.revokeAll();

    const token = randomBytes(48).toString('base64url');
    const lifetimeS = faults.tokenLifetimeSeconds;
    const expiresAt = now + lifetimeS * 1000;
    this.issued.set(token, { expiresAt, scopes: new Set(scopes), revoked: false });
    return { token, lifetimeS };
  }

  revokeAll(): void {
    for (const entry of this.issued.values()) entry.revoked = true;
  }

  /** The scopes of a live token, or Zoom's 401 code 124. */
  check(authorization: string | undefined, now: number): ReadonlySet<string> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const entry = match?.[1] ? this.issued.get(match[1]) : undefined;

    if (!entry || entry.revoked) throw zoomError(401, 124, 'Invalid access token.');
    if (now >= entry.expiresAt) throw zoomError(401, 124, 'Access token is expired.');
    return entry.scopes;
  }
}

/** POST /oauth/token with grant_type=account_credentials, as a Server-to-Server app sends it. */
export function tokenEndpoint(
  request: TokenRequest,
  tenant: TenantCredentials,
  grant: () => { token: string; lifetimeS: number; scope: string },
): WireResult {
  const form = formBody(request);
  checkClient(request.authorization, tenant);

  const grantType = form.get('grant_type');
  if (!grantType) throw oauthError('Missing grant_type', 'invalid_request');
  if (grantType !== 'account_credentials') {
    throw oauthError('unsupported grant type', 'unsupported_grant_type');
  }
  if (form.get('account_id') !== tenant.accountId) {
    throw oauthError('Account does not exist', 'invalid_request');
  }

  const issued = grant();
  return {
    status: 200,
    body: {
      access_token: issued.token,
      token_type: 'bearer',
      expires_in: issued.lifetimeS,
      scope: issued.scope,
      api_url: tenant.apiUrl,
    },
  };
}

/** Zoom reads the parameters from a form body; a query string or JSON body does not count. */
function formBody(request: TokenRequest): URLSearchParams {
  const isForm = request.contentType?.startsWith('application/x-www-form-urlencoded') ?? false;
  return new URLSearchParams(isForm ? request.bodyText : '');
}

function checkClient(authorization: string | undefined, tenant: TenantCredentials): void {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  const decoded = match?.[1] ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const expected = `${tenant.clientId}:${tenant.clientSecret}`;

  if (!sameText(decoded, expected)) {
    throw oauthError('Invalid client_id or client_secret', 'invalid_client');
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function oauthError(reason: string, error: string): WireError {
  return new WireError(400, { reason, error });
}
