/**
 * The demo tenant from the app: with no account connected, the investigator can start the
 * built-in tenant. It runs inside this worker for the app's lifetime; the whole demo job
 * (sync, webhooks, detection, evidence bundle) runs against it once.
 */
import { runDemo, defaultDemoEndDate } from '../../app/demo-job.ts';
import type { DemoTenant } from '../../demo/server.ts';
import { createLogger } from '../../log/logger.ts';
import { summarise } from './instances.ts';
import type { HandlerTable } from './types.ts';

const log = createLogger('app-demo');

/** The seed the CLI's demo uses, so both show the same organisation. */
const DEMO_SEED = 7;

let tenant: DemoTenant | null = null;

/** Stops the tenant (worker shutdown). */
export async function stopDemoTenant(): Promise<void> {
  await tenant?.close();
  tenant = null;
}

export const demoHandlers: HandlerTable = {
  'demo.start': async (services) => {
    await stopDemoTenant();
    const { ctx } = services;
    const outcome = await runDemo(ctx, { seed: DEMO_SEED, endDate: defaultDemoEndDate(ctx.now()) });
    tenant = outcome.tenant;

    log.info(`demo tenant running at ${tenant.apiBaseUrl} for this session`);
    return summarise(services, outcome.instance);
  },
};
