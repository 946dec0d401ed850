/** `demo`: the whole main job on the built-in demo tenant, with a summary a person can read. */
import type { Command } from 'commander';
import path from 'node:path';

import { DEMO_INSTANCE, runDemo, defaultDemoEndDate } from '../../app/demo-job.ts';
import type { DemoOutcome } from '../../app/demo-job.ts';
import { UsageError } from '../../errors.ts';
import { createLogger } from '../../log/logger.ts';
import { listFindings } from '../../store/findings.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { oneLine } from '../output.ts';
import { runWithContext } from '../run.ts';
import { describeSync } from './sync.ts';

const log = createLogger('demo');

/** How the README runs the CLI from a checkout (it also reaches the demo's keychain). */
const CLI = 'bash scripts/zi.sh';

interface DemoCommandOptions {
  serve?: boolean;
  seed: string;
  endDate?: string;
}

export function registerDemoCommand(program: Command, globals: GlobalOptionsOf): void {
  program
    .command('demo')
    .description(
      'start the demo tenant, store its credentials in the keychain, sync, detect, ' +
        'write an evidence bundle and print a summary',
    )
    .option('--serve', 'keep the tenant running afterwards, so that later commands can sync')
    .option('--seed <n>', 'the organisation generator seed (same seed and date, same data)', '7')
    .option('--end-date <yyyy-mm-dd>', 'last day of the 30 days of data (default yesterday, UTC)')
    .action(async (options: DemoCommandOptions, command: Command) => {
      const global = globals(command);
      let serving: Promise<void> | null = null;

      await runWithContext(global, async (ctx) => {
        const outcome = await runDemo(ctx, {
          seed: parseSeed(options.seed),
          endDate: parseDate(options.endDate ?? defaultDemoEndDate(ctx.now())),
        });
        const findings = listFindings(ctx.db, {
          instanceId: outcome.instance.id,
          stillHolds: true,
        });
        const text = summarise(outcome, findings, ctx.dataDir);

        if (options.serve) serving = serveUntilInterrupted(outcome);
        else await outcome.tenant.close();

        return {
          json: summaryJson(outcome, findings, ctx.dataDir),
          text,
          exitCode: outcome.grade.allFound && outcome.grade.noneFlagged ? 0 : 1,
        };
      });
      if (serving) await serving;
    });
}

type FindingList = ReturnType<typeof listFindings>;

function summarise(outcome: DemoOutcome, findings: FindingList, dataDir: string): string {
  const { data, grade, bundle, verification, webhooks, detection } = outcome;
  const zones = new Set(data.users.map((u) => u.timezone)).size;
  const found = grade.incidents.filter((i) => i.found).length;
  const flagged = grade.benign.filter((b) => b.flagged).length;
  const bySeverity = countBy(findings.map((f) => f.severity));

  return [
    `Zoom Investigator: demo tenant (seed ${outcome.data.answerKey.seed}, 30 days to ` +
      `${outcome.data.answerKey.endDate})`,
    '',
    `Tenant      ${outcome.tenant.apiBaseUrl}  (${data.users.length} users in ${zones} time ` +
      `zones, ${data.channels.length} channels, ${data.messages.length} chat messages)`,
    `Keychain    client secret and access token of instance "${DEMO_INSTANCE}" kept in the ` +
      'OS keychain',
    '',
    describeSync(outcome.sync),
    '',
    `Webhooks    ${webhooks.records} bodies imported: ${webhooks.inserted} new events, ` +
      `${webhooks.merged} matched events the API already gave`,
    '',
    `Findings    ${findings.length} (${formatCounts(bySeverity)}) from ` +
      `${detection.instances[0]?.detectors.length ?? 0} detectors in ${detection.durationMs} ms`,
    ...findings.slice(0, 25).map(
      (f) => `  ${f.severity.padEnd(8)} ${f.detectorId}\n           ${oneLine(f.explanation)}`,
    ),
    findings.length > 25 ? `  … and ${findings.length - 25} more: ${CLI} finding list` : '',
    '',
    `Answer key  ${found} of ${grade.incidents.length} planted incidents found; ` +
      `${flagged} of ${grade.benign.length} benign look-alikes flagged`,
    ...grade.incidents.filter((i) => !i.found).map((i) => `  MISSED ${i.id} (${i.detector})`),
    ...grade.benign.filter((b) => b.flagged).map((b) => `  FLAGGED ${b.id} (${b.detector})`),
    '',
    `Evidence    ${path.join(bundle.dir, 'report.html')}`,
    `            ${bundle.files.length} files; verify: ` +
      (verification.ok ? `all ${verification.checked} hashes match` : 'PROBLEMS FOUND'),
    `Data        ${dataDir}`,
    '',
    `Next        ${CLI} finding list`,
    `            ${CLI} events --kind chat.message_deleted --limit 20`,
    `            ${CLI} verify "${bundle.dir}"`,
  ].filter((line, i, all) => !(line === '' && all[i - 1] === '')).join('\n');
}

function summaryJson(outcome: DemoOutcome, findings: FindingList, dataDir: string): unknown {
  return {
    tenant: { apiBaseUrl: outcome.tenant.apiBaseUrl, accountId: outcome.tenant.accountId },
    instance: DEMO_INSTANCE,
    dataDir,
    sync: outcome.sync,
    webhooks: outcome.webhooks,
    findings,
    answerKey: {
      path: outcome.answerKeyPath,
      incidents: outcome.grade.incidents.map(({ id, detector, found, findingIds }) =>
        ({ id, detector, found, findingIds })),
      benign: outcome.grade.benign.map(({ id, detector, flagged, flaggedBy }) =>
        ({ id, detector, flagged, flaggedBy })),
    },
    bundle: { dir: outcome.bundle.dir, files: outcome.bundle.files.length },
    verification: outcome.verification,
  };
}

/** Keeps the tenant up for `sync --instance demo` from another terminal, until Ctrl-C. */
function serveUntilInterrupted(outcome: DemoOutcome): Promise<void> {
  process.stderr.write(
    `\nThe demo tenant keeps running at ${outcome.tenant.apiBaseUrl}.\n` +
      `In another terminal: zoom-investigator sync --instance ${DEMO_INSTANCE}\n` +
      'Press Ctrl-C to stop it.\n',
  );
  return new Promise((resolve) => {
    const stop = (): void => {
      log.info('stopping the demo tenant');
      void outcome.tenant.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function formatCounts(counts: Map<string, number>): string {
  return [...counts].map(([key, n]) => `${key} ${n}`).join(', ') || 'none';
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed) || seed < 0) {
    throw new UsageError(`--seed must be a whole number, not "${value}".`);
  }
  return seed;
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--end-date must be a date like 2026-12-04, not "${value}".`);
  }
  return value;
}
