/** Accounts: add, edit, remove, test. Secrets go to the keychain and never come back out. */
import type { ConnectionTest, InstanceSummary } from '../../../shared/ipc.ts';
import { ExpectedError, errorMessage } from '../../errors.ts';
import { createLogger } from '../../log/logger.ts';
import { countEvents } from '../../store/events.ts';
import {
  addInstance,
  getInstance,
  listInstances,
  markInstanceRemoved,
  updateInstanceAdminEmail,
  updateInstanceEndpoints,
} from '../../store/instances.ts';
import type { Instance } from '../../store/instances.ts';
import { purgeInstanceData } from '../../store/purge.ts';
import { createZoomClient } from '../../zoom/client.ts';
import { ZoomApiError } from '../../zoom/types.ts';
import type { HandlerTable, WorkerServices } from './types.ts';

const log = createLogger('instances');

export async function summarise(services: WorkerServices, i: Instance): Promise<InstanceSummary> {
  const secret = await services.ctx.credentials.get(i.keychainKey, 'client_secret');
  return {
    id: i.id,
    name: i.name,
    accountId: i.accountId,
    clientId: i.clientId,
    adminEmail: i.adminEmail,
    apiBaseUrl: i.apiBaseUrl,
    oauthBaseUrl: i.oauthBaseUrl,
    isDemo: i.isDemo,
    createdAt: i.createdAt,
    hasSecret: secret !== null,
    eventCount: countEvents(services.ctx.db, i.id),
  };
}

/** Stores the secret; if the keychain refuses, the half-added row is taken back out. */
async function storeSecretOrUndo(services: WorkerServices, i: Instance, secret: string) {
  try {
    await services.ctx.credentials.set(i.keychainKey, 'client_secret', secret);
  } catch (error) {
    purgeInstanceData(services.ctx.db, i.id);
    throw error;
  }
}

/** Zoom's refusal in plain words with what to do, by the client's error category. */
export function explainZoomError(error: unknown): ConnectionTest {
  if (!(error instanceof ZoomApiError)) {
    const hint = error instanceof ExpectedError ? error.hint : 'Check the network and try again.';
    return { ok: false, message: errorMessage(error), hint, scopes: [] };
  }

  const hints: Partial<Record<ZoomApiError['category'], string>> = {
    auth: 'Check the account ID, client ID and secret on the app\'s App Credentials page, ' +
      'and that the Server-to-Server OAuth app is activated.',
    scope: 'Add the missing scope to the app in the Zoom Marketplace, then test again.',
    plan: 'This report needs a paid (Pro or higher) Zoom plan; other streams still sync.',
    permission: 'The app\'s owner needs an admin role that may read reports and chat.',
    network: 'Zoom could not be reached. Stored evidence stays usable offline.',
  };
  return {
    ok: false,
    message: error.message,
    hint: hints[error.category] ?? error.hint,
    scopes: [],
  };
}

export const instanceHandlers: HandlerTable = {
  'instances.list': async (services) => {
    const all = listInstances(services.ctx.db);
    return Promise.all(all.map((i) => summarise(services, i)));
  },

  'instances.add': async (services, request) => {
    const added = addInstance(services.ctx.db, {
      name: request.name,
      accountId: request.accountId,
      clientId: request.clientId,
      adminEmail: request.adminEmail,
      apiBaseUrl: request.apiBaseUrl,
      oauthBaseUrl: request.oauthBaseUrl,
    });
    await storeSecretOrUndo(services, added, request.clientSecret);

    log.info(`instance ${added.name} added from the app (account ${added.accountId})`);
    return summarise(services, added);
  },

  'instances.edit': async (services, request) => {
    const db = services.ctx.db;
    updateInstanceAdminEmail(db, request.name, request.adminEmail);
    const updated = updateInstanceEndpoints(db, request.name, request);

    if (request.clientSecret) {
      const key = updated.keychainKey;
      await services.ctx.credentials.set(key, 'client_secret', request.clientSecret);
      await services.ctx.credentials.delete(updated.keychainKey, 'access_token');
    }
    log.info(`instance ${updated.name} edited from the app`);
    return summarise(services, updated);
  },

  'instances.remove': async (services, request) => {
    const target = getInstance(services.ctx.db, request.name);
    await services.ctx.credentials.deleteAll(target.keychainKey);

    if (request.purge) purgeInstanceData(services.ctx.db, target.id);
    else markInstanceRemoved(services.ctx.db, target);
    log.info(`instance ${request.name} removed from the app (purge: ${request.purge})`);
    return { ok: true as const };
  },

  'instances.test': async (services, request) => {
    const instance = getInstance(services.ctx.db, request.name);
    const client = createZoomClient(instance, services.ctx.credentials, { maxRetries: 1 });

    try {
      await client.request('GET', '/users', { query: { page_size: 1 } });
      const scopes = await client.grantedScopes();
      const message = `Connected to account ${instance.accountId}.`;
      return { ok: true, message, hint: null, scopes };
    } catch (error) {
      return explainZoomError(error);
    }
  },
};
