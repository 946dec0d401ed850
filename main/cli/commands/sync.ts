/** `sync`: fetch what is new from Zoom (or the demo tenant) into the local evidence store. */
import type { Command } from 'commander';

import { runQueue } from '../../actions/index.ts';
import type { DrainedItem } from '../../actions/index.ts';
import type { AppContext } from '../../app/context.ts';
import { runDetection } from '../../detect/engine.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { getInstanceById, resolveInstance } from '../../store/instances.ts';
import { NO_ONE_TO_ONE_REASON } from '../../sync/chat-stream.ts';
import { STREAM_NAMES, syncInstance } from '../../sync/index.ts';
import type { StreamName, SyncReport } from '../../sync/index.ts';
import { createZoomClient } from '../../zoom/client.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
import { runWithContext } from '../run.ts';

interface SyncCommandOptions {
  instance?: string;
  detect?: boolean;
  stream?: string[];
  backfillDays?: string;
}

export function registerSyncCommand(program: Command, globals: GlobalOptionsOf): void {
  program
    .command('sync')
    .description('fetch what is new: users, channels, sign-ins, operation log, chat')
    .option('--instance <name>', 'the account to sync (needed when several are connected)')
    .option('--stream <name...>', `only these streams (${STREAM_NAMES.join(', ')})`)
    .option('--backfill-days <n>', 'days to fetch on a first sync (at most 183)', '30')
    .option('--no-detect', 'do not run the detectors afterwards')
    .action(async (options: SyncCommandOptions, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const instance = resolveInstance(ctx.db, options.instance);
        const client = createZoomClient(instance, ctx.credentials);

        const report = await syncInstance(ctx.db, client, instance, {
          streams: options.stream ? parseStreams(options.stream) : undefined,
          backfillDays: parseBackfill(options.backfillDays ?? '30'),
        });
        const drained = await drainAfterSync(ctx, instance.id, report);

        // New events can complete a pattern, so the detectors run after every sync.
        const detection = options.detect === false
          ? null
          : runDetection(ctx.db, { instanceId: instance.id, now: ctx.now() });
        const detected = detection
          ? `Detection: ${detection.findings} findings hold, ${detection.inserted} first seen ` +
            'in this run (zoom-investigator finding list)'
          : '';
        return {
          json: { ...report, queue: drained, detection },
          text: [describeSync(report), ...drained.map(describeDrained), detected]
            .filter(Boolean).join('\n'),
          exitCode: syncExitCode(report),
        };
      });
    });
}

/** Zoom answered the sync: the account's queued Zoom actions run now (each was confirmed). */
async function drainAfterSync(
  ctx: AppContext,
  instanceId: number,
  report: SyncReport,
): Promise<DrainedItem[]> {
  if (!report.streams.some((s) => s.status !== 'failed' && s.status !== 'skipped')) return [];
  return runQueue({
    db: ctx.db,
    zoomFor: (id) => createZoomClient(getInstanceById(ctx.db, id), ctx.credentials),
    mailer: () => Promise.reject(new Error('e-mail is not sent after a sync')),
    now: ctx.now,
  }, { instanceId, zoomOnly: true });
}

function describeDrained(item: DrainedItem): string {
  return `Queued action #${item.id} ${item.kind}: ${item.outcome}: ${item.message}`;
}

/**
 * Exit 3 when Zoom or the network kept anything from being collected: a failed stream, a
 * window that could not be fetched, a daily limit. What the Zoom plan does not include is
 * reported, but it is not a failure of this run.
 */
export function syncExitCode(report: SyncReport): number {
  const incomplete = report.streams.some((s) =>
    s.status === 'failed' || (s.status === 'partial' && s.reason !== NO_ONE_TO_ONE_REASON));
  return incomplete ? EXIT.zoomRefused : EXIT.ok;
}

export function describeSync(report: SyncReport): string {
  const rows = report.streams.map((s) => [
    s.stream,
    s.status,
    s.records,
    s.inserted,
    s.merged,
    s.reason ?? '',
  ]);
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1);
  return `Sync of ${report.instance}: ${report.status} in ${seconds} s\n` +
    table(['stream', 'status', 'records', 'new', 'merged', 'note'], rows);
}

function parseStreams(values: string[]): StreamName[] {
  const wanted = values.flatMap((v) => v.split(','));
  for (const name of wanted) {
    if (!(STREAM_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`Unknown stream "${name}".`, `Streams: ${STREAM_NAMES.join(', ')}.`);
    }
  }
  return wanted as StreamName[];
}

function parseBackfill(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 183) {
    throw new UsageError(`--backfill-days must be a whole number from 1 to 183, not "${value}".`);
  }
  return days;
}
