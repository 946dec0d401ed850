/**
 * `sync` from the command line against the demo tenant with faults switched on: the exit code
 * says whether Zoom kept data back (3) or only the plan lacks an API (0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultDemoEndDate } from '../main/app/demo-job.ts';
import { generateTenant } from '../main/demo/organisation.ts';
import { startDemoTenant } from '../main/demo/server.ts';
import type { DemoTenant } from '../main/demo/server.ts';
import { runCli, tempDir } from './helpers/cli.ts';

type SyncJson = { streams: Array<{ status: string; reason: string }> };

let tenant: DemoTenant;
let dataDir: string;

beforeAll(async () => {
  tenant = await startDemoTenant({
    data: generateTenant({ seed: 3, endDate: defaultDemoEndDate() }),
  });
  dataDir = tempDir('cli-sync');
  const added = await runCli(['--data-dir', dataDir, 'instance', 'add', '--name', 'faulty',
    '--account-id', tenant.accountId, '--client-id', tenant.clientId,
    '--admin-email', 'admin@northwind-example.com', '--api-base-url', tenant.apiBaseUrl,
    '--oauth-base-url', tenant.oauthBaseUrl], { stdin: tenant.clientSecret });
  expect(added.code, added.stderr).toBe(0);
});

afterAll(async () => {
  await runCli(['--data-dir', dataDir, 'instance', 'remove', 'faulty']);
  await tenant.close();
});

describe('sync on the command line', () => {
  it('exits 3 and says which day is missing when a window keeps failing', async () => {
    tenant.setFaults({ serverErrorOnce: [{ path: '/report/activities', times: 1000 }] });

    const result = await runCli(['--data-dir', dataDir, '--json', 'sync', '--stream',
      'sign_ins', '--backfill-days', '3']);

    const report = JSON.parse(result.stdout) as SyncJson;
    expect(result.code).toBe(3);
    expect(report.streams[0]!.status).toBe('partial');
    expect(report.streams[0]!.reason).toMatch(/could not be fetched completely/);
  });

  it('exits 0 but marks the source unavailable when the plan lacks the API', async () => {
    tenant.setFaults({ serverErrorOnce: [], planUnavailable: ['/report/operationlogs'] });

    const result = await runCli(['--data-dir', dataDir, '--json', 'sync', '--stream',
      'operation_logs', '--backfill-days', '3']);

    const report = JSON.parse(result.stdout) as SyncJson;
    expect(result.code, result.stderr).toBe(0);
    expect(report.streams[0]!.status).toBe('unavailable');
    expect(report.streams[0]!.reason).toMatch(/Paid account/);
  });
});
