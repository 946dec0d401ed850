/**
 * The whole main job on the demo tenant: start the tenant, store its credentials in the
 * keychain, sync every stream, import the webhook bodies a relay captured, detect, write an
 * evidence bundle, and grade detection against the tenant's answer key.
 */
import fs from 'node:fs';
import path from 'node:path';

import { gradeAnswerKey } from '../demo/answer-check.ts';
import type { AnswerGrade } from '../demo/answer-check.ts';
import type { TenantData } from '../demo/model.ts';
import { generateTenant } from '../demo/organisation.ts';
import { startDemoTenant } from '../demo/server.ts';
import type { DemoTenant } from '../demo/server.ts';
import { runDetection } from '../detect/engine.ts';
import type { DetectionSummary } from '../detect/engine.ts';
import { importFiles } from '../ingest/import-files.ts';
import type { ImportSummary } from '../ingest/import-files.ts';
import { createLogger } from '../log/logger.ts';
import { verifyBundle, writeBundle } from '../report/index.ts';
import type { BundleResult, BundleVerification } from '../report/index.ts';
import { addInstance, findInstance, updateInstanceEndpoints } from '../store/instances.ts';
import type { Instance } from '../store/instances.ts';
import { syncInstance } from '../sync/index.ts';
import type { SyncReport } from '../sync/index.ts';
import { createZoomClient } from '../zoom/client.ts';
import type { AppContext } from './context.ts';
import { bundlesDir } from './data-dir.ts';

const log = createLogger('demo');

export const DEMO_INSTANCE = 'demo';
export const DEMO_ADMIN = 'it-admin';

export interface DemoOptions {
  seed: number;
  /** yyyy-mm-dd, UTC; the tenant's data covers the 30 days ending on it. */
  endDate: string;
}

export interface DemoOutcome {
  instance: Instance;
  tenant: DemoTenant;
  data: TenantData;
  sync: SyncReport;
  webhooks: ImportSummary;
  detection: DetectionSummary;
  grade: AnswerGrade;
  bundle: BundleResult;
  verification: BundleVerification;
  answerKeyPath: string;
}

/** Runs the job; the tenant is left running for the caller to close (or serve). */
export async function runDemo(ctx: AppContext, options: DemoOptions): Promise<DemoOutcome> {
  log.info(`generating the demo organisation (seed ${options.seed}, ending ${options.endDate})`);
  const data = generateTenant({ seed: options.seed, endDate: options.endDate });
  const tenant = await startDemoTenant({ data });
  log.info(`demo tenant listening at ${tenant.apiBaseUrl}`);

  try {
    const instance = await connectDemoInstance(ctx, tenant, data);
    const client = createZoomClient(instance, ctx.credentials);
    const sync = await syncInstance(ctx.db, client, instance, { now: ctx.now });

    const demoDir = path.join(ctx.dataDir, 'demo');
    const webhooks = importWebhooks(ctx, demoDir, data, instance);
    const answerKeyPath = writeAnswerKeyFile(demoDir, data);

    const detection = runDetection(ctx.db, { instanceId: instance.id, now: ctx.now() });
    const grade = gradeAnswerKey(ctx.db, instance.id, data.answerKey);

    const bundle = writeBundle(ctx.db, {
      instanceId: instance.id,
      outDir: bundlesDir(ctx.dataDir),
      now: ctx.now(),
    });
    const verification = verifyBundle(bundle.dir);

    return {
      instance, tenant, data, sync, webhooks, detection, grade, bundle, verification,
      answerKeyPath,
    };
  } catch (error) {
    await tenant.close();
    throw error;
  }
}

/**
 * The demo instance is created once and pointed at each new tenant (a new port and secret
 * every run). Its secret goes to the keychain like any other; a cached token of an earlier
 * tenant is dropped, since that tenant is gone.
 */
async function connectDemoInstance(
  ctx: AppContext,
  tenant: DemoTenant,
  data: TenantData,
): Promise<Instance> {
  const fields = {
    clientId: tenant.clientId,
    accountId: tenant.accountId,
    apiBaseUrl: tenant.apiBaseUrl,
    oauthBaseUrl: tenant.oauthBaseUrl,
  };
  const existing = findInstance(ctx.db, DEMO_INSTANCE);
  const instance = existing
    ? updateInstanceEndpoints(ctx.db, DEMO_INSTANCE, fields)
    : addInstance(ctx.db, {
        name: DEMO_INSTANCE,
        adminEmail: adminEmailOf(data),
        isDemo: true,
        ownDomains: data.ownDomains,
        ...fields,
      });

  await ctx.credentials.set(instance.keychainKey, 'client_secret', tenant.clientSecret);
  await ctx.credentials.delete(instance.keychainKey, 'access_token');
  log.info(`demo credentials stored in the OS keychain for instance "${DEMO_INSTANCE}"`);
  return instance;
}

/** The webhook bodies a relay would have captured, imported the way an investigator would. */
function importWebhooks(
  ctx: AppContext,
  demoDir: string,
  data: TenantData,
  instance: Instance,
): ImportSummary {
  fs.mkdirSync(demoDir, { recursive: true });
  const file = path.join(demoDir, 'webhooks.ndjson');
  fs.writeFileSync(file, data.webhooks.map((body) => JSON.stringify(body)).join('\n') + '\n');

  const summary = importFiles(ctx.db, [file], { instanceName: instance.name, now: ctx.now() });
  log.info(`webhooks: ${summary.records} bodies imported, ${summary.inserted} new events, ` +
    `${summary.merged} matched events the API already gave`);
  return summary;
}

function writeAnswerKeyFile(demoDir: string, data: TenantData): string {
  const file = path.join(demoDir, 'answer-key.json');
  fs.writeFileSync(file, `${JSON.stringify(data.answerKey, null, 2)}\n`);
  return file;
}

function adminEmailOf(data: TenantData): string {
  const owner = data.users.find((user) => user.role_id === '0') ?? data.users[0];
  return owner?.email ?? `${DEMO_ADMIN}@${data.ownDomains[0] ?? 'example.com'}`;
}

/**
 * The demo's default end date: yesterday in UTC. The generated day runs to midnight, so with
 * today as the end date up to a day of activity (planted incidents included) would lie in the
 * future of the investigator's clock.
 */
export function defaultDemoEndDate(now = Date.now()): string {
  return new Date(now - 86_400_000).toISOString().slice(0, 10);
}
