/**
 * Sync from the app: runs in this worker in the background, streams progress per stream, runs
 * detection when it ends, and keeps track of whether Zoom was reachable (offline state).
 */
import { SYNC_STATUSES } from '../../../shared/ipc.ts';
import type { SyncProgress as BridgeProgress } from '../../../shared/ipc.ts';
import { runDetection } from '../../detect/engine.ts';
import { ExpectedError, errorMessage } from '../../errors.ts';
import { createLogger } from '../../log/logger.ts';
import { getInstance } from '../../store/instances.ts';
import type { Instance } from '../../store/instances.ts';
import { syncStates } from '../../store/timeline.ts';
import { syncInstance } from '../../sync/index.ts';
import type { SyncProgress, SyncReport } from '../../sync/index.ts';
import { createZoomClient } from '../../zoom/client.ts';
import type { HandlerTable, WorkerServices } from './types.ts';

type SyncStatus = (typeof SYNC_STATUSES)[number];

const log = createLogger('app-sync');

/** Runs in progress in this worker, by instance name. */
const running = new Set<string>();

/** Set when the last sync could not reach Zoom; cleared by the next one that did. */
const connectivity = { offline: false };

let runCounter = 0;

function toBridge(runId: string, name: string, p: SyncProgress): BridgeProgress {
  return {
    runId,
    instanceName: name,
    stream: p.stream,
    phase: p.phase === 'finished' ? 'done' : p.phase === 'started' ? 'started' : 'progress',
    records: p.records,
    message: p.message,
    at: Date.now(),
  };
}

/** One sentence for the end of a run: what came in, and what did not. */
function describeReport(report: SyncReport): string {
  const inserted = report.streams.reduce((sum, s) => sum + s.inserted, 0);
  const problems = report.streams.filter((s) => s.status !== 'ok' && s.status !== 'skipped');
  const notes = problems.map((s) => `${s.stream}: ${s.status}${s.reason ? ` (${s.reason})` : ''}`);
  const tail = notes.length ? ` ${notes.join('; ')}` : '';
  return `Sync ${report.status}: ${inserted} new events.${tail}`;
}

function looksOffline(report: SyncReport): boolean {
  return report.streams.some((s) => /reach|network|ECONNREFUSED|offline/i.test(s.reason ?? ''));
}

/** The run itself; every outcome ends in a sync.finished event, never an unhandled rejection. */
async function runSync(services: WorkerServices, instance: Instance, runId: string) {
  const { ctx, emit } = services;
  try {
    const client = createZoomClient(instance, ctx.credentials);
    const report = await syncInstance(ctx.db, client, instance, {
      now: ctx.now,
      onProgress: (p) => emit('sync.progress', toBridge(runId, instance.name, p)),
    });
    connectivity.offline = looksOffline(report);

    runDetection(ctx.db, { instanceId: instance.id, now: ctx.now() });
    const ok = report.status !== 'failed';
    const message = describeReport(report);
    emit('sync.finished', { runId, instanceName: instance.name, ok, message });
  } catch (error) {
    log.warn(`sync of ${instance.name} failed: ${errorMessage(error)}`);
    const hint = error instanceof ExpectedError ? ` ${error.hint}` : '';
    emit('sync.finished', {
      runId, instanceName: instance.name, ok: false, message: `${errorMessage(error)}${hint}`,
    });
  } finally {
    running.delete(instance.name);
  }
}

export const syncHandlers: HandlerTable = {
  'sync.start': (services, request) => {
    const instance = getInstance(services.ctx.db, request.name);
    if (running.has(instance.name)) {
      throw new ExpectedError(`A sync of ${instance.name} is already running.`,
        'Wait for it to finish; its progress shows on the Sync screen.');
    }

    running.add(instance.name);
    const runId = `sync-${++runCounter}`;
    void runSync(services, instance, runId);
    return { runId, instanceName: instance.name };
  },

  'sync.overview': ({ ctx }) => ({
    streams: syncStates(ctx.db).map((row) => ({
      ...row,
      status: (SYNC_STATUSES as readonly string[]).includes(row.status)
        ? (row.status as SyncStatus)
        : 'failed',
    })),
    running: [...running],
    offline: connectivity.offline,
  }),

  'detect.run': ({ ctx }) => {
    const summary = runDetection(ctx.db, { now: ctx.now() });
    return {
      findings: summary.findings,
      new: summary.inserted,
      instances: summary.instances.length,
    };
  },
};
