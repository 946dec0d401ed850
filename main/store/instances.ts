/** Connected Zoom accounts. Only non-secret fields live here; secrets are in the keychain. */
import crypto from 'node:crypto';

import { ExpectedError, UsageError } from '../errors.ts';
import type { AuthType, ZoomInstanceConfig } from '../zoom/types.ts';
import type { Db } from './db.ts';

export const ZOOM_API_BASE_URL = 'https://api.zoom.us/v2';
export const ZOOM_OAUTH_BASE_URL = 'https://zoom.us';

export interface Instance extends ZoomInstanceConfig {
  adminEmail: string;
  isDemo: boolean;
  /** The account's own e-mail domains; empty means "the domains of the account's users". */
  ownDomains: string[];
  createdAt: number;
}

export interface NewInstance {
  name: string;
  accountId: string;
  clientId: string;
  adminEmail: string;
  authType?: AuthType;
  apiBaseUrl?: string;
  oauthBaseUrl?: string;
  isDemo?: boolean;
  ownDomains?: string[];
}

interface InstanceRow {
  id: number;
  name: string;
  account_id: string;
  client_id: string;
  admin_email: string;
  auth_type: AuthType;
  api_base_url: string;
  oauth_base_url: string;
  keychain_key: string;
  is_demo: number;
  own_domains: string;
  created_at: number;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function addInstance(db: Db, input: NewInstance, now = Date.now()): Instance {
  validateName(input.name);
  if (findInstance(db, input.name)) {
    throw new UsageError(
      `An instance named "${input.name}" already exists.`,
      'Choose another name; to enter its secret again use `instance set-secret NAME`.',
    );
  }
  refuseSecondConnection(db, input.accountId);

  const removed = findRemovedInstance(db, input.accountId);
  if (removed) return reconnect(db, removed, input);

  db.prepare(
    `INSERT INTO instances (name, account_id, client_id, admin_email, auth_type, api_base_url,
       oauth_base_url, keychain_key, is_demo, own_domains, created_at)
     VALUES (@name, @accountId, @clientId, @adminEmail, @authType, @apiBaseUrl, @oauthBaseUrl,
       @keychainKey, @isDemo, @ownDomains, @createdAt)`,
  ).run({
    name: input.name,
    accountId: input.accountId,
    clientId: input.clientId,
    adminEmail: input.adminEmail,
    authType: input.authType ?? 's2s',
    apiBaseUrl: input.apiBaseUrl ?? ZOOM_API_BASE_URL,
    oauthBaseUrl: input.oauthBaseUrl ?? ZOOM_OAUTH_BASE_URL,
    keychainKey: crypto.randomUUID(),
    isDemo: input.isDemo ? 1 : 0,
    ownDomains: JSON.stringify(input.ownDomains ?? []),
    createdAt: now,
  });
  return getInstance(db, input.name);
}

/** Updates the connection fields of an existing instance (the demo tenant's port changes). */
export function updateInstanceEndpoints(
  db: Db,
  name: string,
  fields: { clientId: string; accountId: string; apiBaseUrl: string; oauthBaseUrl: string },
): Instance {
  db.prepare(
    `UPDATE instances SET client_id = ?, account_id = ?, api_base_url = ?, oauth_base_url = ?
     WHERE name = ?`,
  ).run(fields.clientId, fields.accountId, fields.apiBaseUrl, fields.oauthBaseUrl, name);
  return getInstance(db, name);
}

export function listInstances(db: Db): Instance[] {
  const rows = db
    .prepare('SELECT * FROM instances WHERE removed_at IS NULL ORDER BY name')
    .all() as InstanceRow[];
  return rows.map(toInstance);
}

export function findInstance(db: Db, name: string): Instance | null {
  const row = db
    .prepare('SELECT * FROM instances WHERE name = ? AND removed_at IS NULL')
    .get(name) as InstanceRow | undefined;
  return row ? toInstance(row) : null;
}

export function findInstanceByAccountId(db: Db, accountId: string): Instance | null {
  const row = db
    .prepare('SELECT * FROM instances WHERE account_id = ? AND removed_at IS NULL ORDER BY id')
    .get(accountId) as InstanceRow | undefined;
  return row ? toInstance(row) : null;
}

export function getInstanceById(db: Db, id: number): Instance {
  const row = db.prepare('SELECT * FROM instances WHERE id = ?').get(id) as
    | InstanceRow
    | undefined;
  if (!row) throw new ExpectedError(`No instance with id ${id}.`, 'Run `instance list`.');
  return toInstance(row);
}

export function getInstance(db: Db, name: string): Instance {
  const instance = findInstance(db, name);
  if (!instance) {
    throw new UsageError(
      `No instance named "${name}".`,
      'Run `instance list` to see the connected accounts, or `instance add` to connect one.',
    );
  }
  return instance;
}

/**
 * Picks the instance a command works on: the named one, else the only one there is.
 * With several and no name, the caller must choose.
 */
export function resolveInstance(db: Db, name: string | undefined): Instance {
  if (name) return getInstance(db, name);

  const all = listInstances(db);
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new ExpectedError(
      'No Zoom account is connected yet.',
      'Run `zoom-investigator demo` to try the demo tenant, or `instance add` to connect one.',
    );
  }
  throw new UsageError(
    `Several instances are connected (${all.map((i) => i.name).join(', ')}).`,
    'Name one with --instance NAME.',
  );
}

/** The account's own domains: the configured list, else the domains of its users. */
export function ownDomains(db: Db, instance: Instance): string[] {
  if (instance.ownDomains.length > 0) return instance.ownDomains;

  const rows = db
    .prepare(
      `SELECT DISTINCT lower(substr(email, instr(email, '@') + 1)) AS domain
       FROM users WHERE instance_id = ? AND email LIKE '%@%'`,
    )
    .all(instance.id) as Array<{ domain: string }>;
  return rows.map((row) => row.domain);
}

/**
 * One active instance per Zoom account: events are keyed by account, so a second connection
 * to the same account would collect nothing of its own.
 */
function refuseSecondConnection(db: Db, accountId: string): void {
  const existing = findInstanceByAccountId(db, accountId);
  if (existing) {
    throw new UsageError(
      `Zoom account ${accountId} is already connected as "${existing.name}".`,
      `Use that instance; to enter its secret again: instance set-secret ${existing.name}.`,
    );
  }
}

function findRemovedInstance(db: Db, accountId: string): InstanceRow | null {
  const row = db
    .prepare(
      `SELECT * FROM instances WHERE account_id = ? AND removed_at IS NOT NULL
       ORDER BY removed_at DESC LIMIT 1`,
    )
    .get(accountId) as InstanceRow | undefined;
  return row ?? null;
}

/**
 * Connecting an account that was disconnected earlier takes its kept evidence back: the old
 * row is restored under the new name and settings, with a fresh keychain key.
 */
function reconnect(db: Db, removed: InstanceRow, input: NewInstance): Instance {
  db.prepare(
    `UPDATE instances SET name = @name, client_id = @clientId, admin_email = @adminEmail,
       auth_type = @authType, api_base_url = @apiBaseUrl, oauth_base_url = @oauthBaseUrl,
       keychain_key = @keychainKey, own_domains = @ownDomains, removed_at = NULL
     WHERE id = @id`,
  ).run({
    id: removed.id,
    name: input.name,
    clientId: input.clientId,
    adminEmail: input.adminEmail,
    authType: input.authType ?? 's2s',
    apiBaseUrl: input.apiBaseUrl ?? ZOOM_API_BASE_URL,
    oauthBaseUrl: input.oauthBaseUrl ?? ZOOM_OAUTH_BASE_URL,
    keychainKey: crypto.randomUUID(),
    ownDomains: JSON.stringify(input.ownDomains ?? []),
  });
  return getInstance(db, input.name);
}

/**
 * Disconnects an account but keeps its evidence: the row stays (events point at it) under a
 * name that frees the original for a new connection.
 */
export function markInstanceRemoved(db: Db, instance: Instance, now = Date.now()): void {
  db.prepare('UPDATE instances SET name = ?, removed_at = ? WHERE id = ?').run(
    `${instance.name}.removed-${instance.id}`,
    now,
    instance.id,
  );
}

function validateName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new UsageError(
      `"${name}" is not a usable instance name.`,
      'Use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
    );
  }
}

function toInstance(row: InstanceRow): Instance {
  return {
    id: row.id,
    name: row.name,
    accountId: row.account_id,
    clientId: row.client_id,
    adminEmail: row.admin_email,
    authType: row.auth_type,
    apiBaseUrl: row.api_base_url,
    oauthBaseUrl: row.oauth_base_url,
    keychainKey: row.keychain_key,
    isDemo: row.is_demo === 1,
    ownDomains: JSON.parse(row.own_domains) as string[],
    createdAt: row.created_at,
  };
}

/** Changes the admin e-mail an instance is recorded under (the desktop app's edit form). */
export function updateInstanceAdminEmail(db: Db, name: string, adminEmail: string): Instance {
  db.prepare('UPDATE instances SET admin_email = ? WHERE name = ? AND removed_at IS NULL').run(
    adminEmail,
    name,
  );
  return getInstance(db, name);
}
