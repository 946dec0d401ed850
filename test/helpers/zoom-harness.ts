/**
 * A demo tenant plus a real keychain entry and a client pointed at it: what every Zoom client
 * test needs. Each harness uses its own keychain service, removed again by `dispose`.
 */
import { randomUUID } from 'node:crypto';

import { KeytarCredentialStore } from '../../main/credentials/keytar-store.ts';
import { startDemoTenant } from '../../main/demo/server.ts';
import type { DemoTenant, DemoTenantOptions } from '../../main/demo/server.ts';
import { createZoomClient } from '../../main/zoom/client.ts';
import type { ZoomClientOptions } from '../../main/zoom/client.ts';
import type { ZoomClient, ZoomInstanceConfig } from '../../main/zoom/types.ts';
import { NOW, smallTenant } from './small-tenant.ts';

export interface Harness {
  tenant: DemoTenant;
  store: KeytarCredentialStore;
  config: ZoomInstanceConfig;
  /** Milliseconds passed to the injected sleep, in order. */
  slept: number[];
  /** A new client on the same instance (same keychain entries), as another process would be. */
  client(options?: ZoomClientOptions): ZoomClient;
  tokenRequests(): number;
  apiRequests(pathPart?: string): number;
  dispose(): Promise<void>;
}

export interface HarnessOptions extends Partial<DemoTenantOptions> {
  /** The secret stored in the keychain; the tenant's real one when absent. */
  storedSecret?: string;
  clock?: { now: number };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = options.clock ?? { now: NOW };
  const tenant = await startDemoTenant({
    data: options.data ?? smallTenant(),
    now: () => clock.now,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const store = new KeytarCredentialStore(`zi-test-${randomUUID()}`);
  const config = instanceConfig(tenant);
  await store.set(config.keychainKey, 'client_secret', options.storedSecret ?? tenant.clientSecret);

  const slept: number[] = [];
  return {
    tenant,
    store,
    config,
    slept,
    client: (clientOptions = {}) =>
      createZoomClient(config, store, {
        now: () => clock.now,
        sleep: async (ms) => {
          slept.push(ms);
        },
        random: () => 0,
        ...clientOptions,
      }),
    tokenRequests: () => tenant.requests.filter((r) => r.path === '/oauth/token').length,
    apiRequests: (pathPart = '/v2/') =>
      tenant.requests.filter((r) => r.path.includes(pathPart)).length,
    dispose: async () => {
      await store.deleteAll(config.keychainKey);
      await tenant.close();
    },
  };
}

export function instanceConfig(tenant: DemoTenant): ZoomInstanceConfig {
  return {
    id: 1,
    name: 'demo',
    accountId: tenant.accountId,
    clientId: tenant.clientId,
    keychainKey: `instance-${randomUUID()}`,
    apiBaseUrl: tenant.apiBaseUrl,
    oauthBaseUrl: tenant.oauthBaseUrl,
    authType: 's2s',
  };
}
