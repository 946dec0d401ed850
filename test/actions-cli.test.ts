/**
 * The action CLI as an investigator runs it, in child processes against the demo tenant:
 * exactly one effect after a process killed mid-action, the queue, dry run, the audit chain.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { databasePath } from '../main/app/data-dir.ts';
import { KeytarCredentialStore } from '../main/credentials/keytar-store.ts';
import { startDemoTenant } from '../main/demo/server.ts';
import type { DemoTenant } from '../main/demo/server.ts';
import { getActionById } from '../main/store/actions.ts';
import { openDatabase } from '../main/store/db.ts';
import { addInstance } from '../main/store/instances.ts';
import type { Instance } from '../main/store/instances.ts';
import { seedStore } from './helpers/action-store.ts';
import { ROOT, runCli, tempDir } from './helpers/cli.ts';
import { ODD_USER_ID, smallTenant } from './helpers/small-tenant.ts';

const BOB_PATH = '/v2/users/u%2BAbC%2F12%3D%3D';

describe('act, queue and audit from the command line', () => {
  let tenant: DemoTenant;
  let dataDir: string;
  let instance: Instance;
  const keychain = new KeytarCredentialStore();

  beforeAll(async () => {
    tenant = await startDemoTenant({ data: smallTenant() });
  });

  afterAll(async () => {
    await keychain.deleteAll(instance.keychainKey);
    await tenant.close();
  });

  beforeEach(async () => {
    tenant.data.users.splice(0, Infinity, ...smallTenant().users);
    tenant.requests.length = 0;
    tenant.setFaults({ latencyMs: 0, dailyLimit: [] });
    if (instance) await keychain.deleteAll(instance.keychainKey);

    dataDir = tempDir('act');
    const db = openDatabase(databasePath(dataDir));
    instance = addInstance(db, { name: 'demo', accountId: tenant.accountId,
      clientId: tenant.clientId, adminEmail: 'olivia@acme.test',
      apiBaseUrl: tenant.apiBaseUrl, oauthBaseUrl: tenant.oauthBaseUrl });
    seedStore(db, instance.id, tenant.data);
    db.close();
    await keychain.set(instance.keychainKey, 'client_secret', tenant.clientSecret);
  });

  const cli = (...args: string[]) => runCli(['--data-dir', dataDir, ...args]);
  const puts = () => tenant.requests.filter((r) => r.method === 'PUT');

  it('deactivates exactly once when the first process is killed mid-action', async () => {
    tenant.setFaults({ latencyMs: 1500 });
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/cli/index.ts'),
      '--data-dir', dataDir, 'act', 'deactivate-user', 'bob@acme.test', '--yes'],
    { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));

    // The snapshot GET has been answered: the PUT leaves within milliseconds.
    await until(() => tenant.requests.some((r) => r.method === 'GET' && r.path === BOB_PATH));
    await delay(400);
    child.kill('SIGKILL');
    await exited;
    await until(() => puts().length === 1);
    expect(tenant.data.users.find((u) => u.id === ODD_USER_ID)?.status).toBe('inactive');

    const db = openDatabase(databasePath(dataDir));
    expect(getActionById(db, 1)?.status).toBe('running');
    db.close();

    tenant.setFaults({ latencyMs: 0 });
    const again = await cli('--json', 'act', 'deactivate-user', 'bob@acme.test', '--yes');

    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'done' });
    expect(JSON.parse(again.stdout).message).toContain('Settled an interrupted run');
    expect(puts()).toHaveLength(1);
  }, 60_000);

  it('shows the plan on a dry run and sends nothing', async () => {
    const dry = await cli('act', 'deactivate-user', 'bob@acme.test', '--dry-run');

    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('PUT /users/u%2BAbC%2F12%3D%3D/status with JSON body ' +
      '{"action":"deactivate"}');
    expect(dry.stderr).toContain(`account ${tenant.accountId}`);
    expect(dry.stdout).toContain('Dry run: nothing was sent');
    expect(tenant.requests).toHaveLength(0);
  });

  it('needs --yes without a terminal', async () => {
    const refused = await cli('act', 'revoke-sso', 'bob@acme.test');

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('needs confirmation');
    expect(tenant.requests).toHaveLength(0);
  });

  it('queues while rate-limited, lists and cancels item by item', async () => {
    tenant.setFaults({ dailyLimit: ['Light'] });
    const first = await cli('act', 'revoke-sso', 'bob@acme.test', '--yes', '--reason', 'sso');
    const second = await cli('act', 'deactivate-user', 'alice@acme.test', '--yes');
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('queued: Queued');
    expect(second.stdout).toContain('queued: Queued');

    const list = await cli('--json', 'queue', 'list');
    const items = JSON.parse(list.stdout).queue as Array<{ id: number; kind: string }>;
    expect(items.map((i) => i.kind)).toEqual(['revoke-sso', 'deactivate-user']);

    const cancel = await cli('queue', 'cancel', String(items[0]!.id), '--reason', 'not needed');
    expect(cancel.code, cancel.stderr).toBe(0);
    tenant.setFaults({ dailyLimit: [] });
    const run = await cli('queue', 'run');

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/deactivate-user: done/);
    expect(tenant.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(puts()).toHaveLength(1);
    expect(JSON.parse((await cli('--json', 'queue', 'list')).stdout).queue).toEqual([]);
  }, 60_000);

  it('runs the queued Zoom actions after a sync reached Zoom', async () => {
    tenant.setFaults({ dailyLimit: ['Light'] });
    expect((await cli('act', 'revoke-sso', 'bob@acme.test', '--yes')).code).toBe(1);
    tenant.setFaults({ dailyLimit: [] });

    const sync = await cli('sync', '--stream', 'users');

    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Queued action #1 revoke-sso: done/);
    expect(tenant.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  }, 60_000);

  it('audit verify finds an edited entry', async () => {
    await cli('settings', 'investigator', 'Dana Analyst');
    await cli('act', 'revoke-sso', 'bob@acme.test', '--yes', '--reason', 'phished');
    expect((await cli('audit', 'verify')).stdout).toMatch(/^OK: \d+ audit entries/);
    const list = await cli('--json', 'audit', 'list');
    expect(JSON.parse(list.stdout).audit.at(-1)).toMatchObject({
      investigator: 'Dana Analyst', reason: 'phished', outcome: 'done' });

    const db = openDatabase(databasePath(dataDir));
    db.prepare("UPDATE audit_log SET outcome = 'failed' WHERE seq = 2").run();
    db.close();
    const verify = await cli('audit', 'verify');

    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('FAILED at entry #2');
  }, 60_000);
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await delay(20);
  }
}
