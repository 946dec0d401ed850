/**
 * Server-to-Server OAuth access tokens: minted with the client secret from the keychain,
 * cached in the keychain for other processes, and renewed under one in-process lock, because
 * every needless mint risks invalidating a token someone else is still using (B08, B09).
 */
import type { CredentialStore } from '../credentials/store.ts';
import { errorMessage } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { redact, registerSecret } from '../log/redact.ts';
import { networkError, parseZoomBody } from './errors.ts';
import { ZoomApiError } from './types.ts';
import type { ZoomInstanceConfig } from './types.ts';

/** What the keychain's access_token slot holds for an S2S instance. */
export interface CachedToken {
  access_token: string;
  /** Epoch ms. */
  expires_at: number;
  scope: string;
  /** The credentials it was minted for: a token from a changed instance is not reused. */
  client_id: string;
  account_id: string;
}

/** A token is renewed this long before it expires, so no request carries a dying one. */
export const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface TokenSourceDeps {
  fetch: typeof fetch;
  now: () => number;
  log: Logger;
}

export class S2sTokenSource {
  private token: CachedToken | null = null;
  private pending: Promise<CachedToken> | null = null;

  constructor(
    private readonly config: ZoomInstanceConfig,
    private readonly credentials: CredentialStore,
    private readonly deps: TokenSourceDeps,
  ) {}

  /** A usable token: from memory, else from the keychain, else freshly minted. */
  async current(): Promise<CachedToken> {
    if (this.token && this.usable(this.token)) return this.token;
    return this.shared(() => this.obtain(null));
  }

  /** A token other than the one Zoom just refused; at most one mint for all waiting callers. */
  async renew(rejected: string): Promise<CachedToken> {
    if (this.token?.access_token === rejected) this.token = null;
    if (this.token && this.usable(this.token)) return this.token;

    const token = await this.shared(() => this.obtain(rejected));
    if (token.access_token !== rejected) return token;

    this.token = null;
    return this.shared(() => this.mint());
  }

  private shared(work: () => Promise<CachedToken>): Promise<CachedToken> {
    this.pending ??= work().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Another process may have minted a good token already; mint only when it has not. */
  private async obtain(rejected: string | null): Promise<CachedToken> {
    const cached = await this.readCache();
    if (cached && cached.access_token !== rejected && this.usable(cached)) {
      this.token = cached;
      return cached;
    }
    return this.mint();
  }

  private usable(token: CachedToken): boolean {
    return (
      token.expires_at - this.deps.now() > RENEW_BEFORE_MS &&
      token.client_id === this.config.clientId &&
      token.account_id === this.config.accountId
    );
  }

  private async readCache(): Promise<CachedToken | null> {
    const text = await this.credentials.get(this.config.keychainKey, 'access_token');
    if (!text) return null;

    try {
      const parsed = JSON.parse(text) as Partial<CachedToken>;
      return typeof parsed.access_token === 'string' && typeof parsed.expires_at === 'number'
        ? (parsed as CachedToken)
        : null;
    } catch {
      return null;
    }
  }

  private async mint(): Promise<CachedToken> {
    const secret = await this.clientSecret();
    const requestedAt = this.deps.now();
    const text = await this.postTokenRequest(secret);

    const token = this.parseGrant(text, requestedAt);
    registerSecret(token.access_token);
    await this.credentials.set(this.config.keychainKey, 'access_token', JSON.stringify(token));
    this.token = token;

    const until = new Date(token.expires_at).toISOString().slice(11, 16);
    const scopes = token.scope.split(' ').filter(Boolean).length;
    this.deps.log.info(
      `${this.config.name}: new Server-to-Server access token (valid until ${until} UTC, ` +
        `${scopes} scopes)`,
    );
    return token;
  }

  private async clientSecret(): Promise<string> {
    const secret = await this.credentials.get(this.config.keychainKey, 'client_secret');
    if (secret) return secret;

    throw new ZoomApiError(
      `No client secret is stored in the keychain for instance "${this.config.name}".`,
      this.config.name === 'demo'
        ? 'Run the demo again (bash scripts/demo.sh): it stores the demo tenant\'s secret.'
        : `Enter it again: zoom-investigator instance set-secret ${this.config.name}`,
      'auth',
      null,
      null,
      null,
    );
  }

  /** POSTs the form Zoom expects and returns the body of a 2xx answer. */
  private async postTokenRequest(secret: string): Promise<string> {
    const basic = Buffer.from(`${this.config.clientId}:${secret}`).toString('base64');
    registerSecret(basic);
    const url = `${this.config.oauthBaseUrl.replace(/\/+$/, '')}/oauth/token`;
    const form = new URLSearchParams({
      grant_type: 'account_credentials',
      account_id: this.config.accountId,
    });

    let response: Response;
    try {
      response = await this.deps.fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(60_000),
      });
    } catch (error) {
      throw networkError('POST /oauth/token', causeOf(error));
    }

    const text = await response.text();
    if (!response.ok) throw tokenEndpointError(this.config.name, response.status, text);
    return text;
  }

  private parseGrant(text: string, requestedAt: number): CachedToken {
    const grant = JSON.parse(text) as Partial<Record<keyof CachedToken | 'expires_in', unknown>>;
    if (typeof grant.access_token !== 'string' || typeof grant.expires_in !== 'number') {
      throw new Error('Zoom token response lacks access_token or expires_in');
    }

    return {
      access_token: grant.access_token,
      expires_at: requestedAt + grant.expires_in * 1000,
      scope: typeof grant.scope === 'string' ? grant.scope : '',
      client_id: this.config.clientId,
      account_id: this.config.accountId,
    };
  }
}

/** The token endpoint's `{reason, error}` answers, in words an investigator can act on. */
export function tokenEndpointError(name: string, status: number, text: string): ZoomApiError {
  const { reason, error } = oauthBody(text);
  const said = `(Zoom: "${reason || error || status}")`;
  const code = parseZoomBody(text).code;
  const make = (message: string, hint: string, category: 'auth' | 'server' = 'auth') =>
    new ZoomApiError(redact(message), hint, category, status, code, reason, null, redact(text));

  if (error === 'invalid_client') {
    return make(
      `Zoom refused the client ID or secret of instance "${name}" ${said}.`,
      'Copy the Client ID and Client Secret of the Server-to-Server app from the Zoom ' +
        'Marketplace again and update the instance.',
    );
  }
  if (error === 'unsupported_grant_type') {
    return make(
      `Zoom refused the token request of instance "${name}": these credentials are not from ` +
        `a Server-to-Server OAuth app ${said}.`,
      'Create a Server-to-Server OAuth app in the Zoom Marketplace and use its credentials.',
    );
  }
  if (/account/i.test(reason)) {
    return make(
      `Zoom does not accept the account ID of instance "${name}" ${said}.`,
      "Copy the Account ID from the Server-to-Server app's App Credentials page.",
    );
  }
  if (status >= 500) {
    return make(
      `Zoom's sign-in service failed with HTTP ${status} ${said}.`,
      'Check status.zoom.us and try again later.',
      'server',
    );
  }
  return make(
    `Zoom refused to issue an access token for instance "${name}" ${said}.`,
    'Check that the Server-to-Server app is activated and its credentials are current.',
  );
}

function oauthBody(text: string): { reason: string; error: string } {
  try {
    const body = JSON.parse(text) as { reason?: unknown; error?: unknown };
    return {
      reason: typeof body.reason === 'string' ? body.reason : '',
      error: typeof body.error === 'string' ? body.error : '',
    };
  } catch {
    return { reason: '', error: '' };
  }
}

/** The most specific words for a failed fetch: ECONNREFUSED beats "fetch failed". */
export function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return errorMessage(error);
}
