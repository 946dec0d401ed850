/**
 * syncInstance: runs the streams of one instance in order (users and channels first, since
 * the chat fallback reads channels through their members), each to its own status. A plan
 * or scope problem stops one stream; being offline stops the run.
 */
import { createLogger } from '../log/logger.ts';
import type { Db } from '../store/db.ts';
import type { Instance } from '../store/instances.ts';
import { getSyncState, setSyncState } from '../store/sync-state.ts';
import type { ZoomClient } from '../zoom/types.ts';
import { chatStream, NO_ONE_TO_ONE_REASON } from './chat-stream.ts';
import type { ChatMode } from './chat-stream.ts';
import { dailyLimitReason, streamFailure } from './failures.ts';
import type { StreamFailure } from './failures.ts';
import { OPERATION_LOGS, SIGN_INS } from './report-streams.ts';
import { runChannelsStream, runUsersStream } from './snapshot-streams.ts';
import { emptyStreamReport, STREAM_NAMES } from './types.ts';
import type {
  StreamName,
  StreamReport,
  SyncContext,
  SyncOptions,
  SyncReport,
} from './types.ts';
import { plural, runWindowedStream } from './windowed.ts';

export async function syncInstance(
  db: Db,
  client: ZoomClient,
  instance: Instance,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const ctx = contextOf(db, client, instance, options);
  const wanted = STREAM_NAMES.filter((s) => !options.streams || options.streams.includes(s));
  const startedAt = ctx.now();
  const streams: StreamReport[] = [];
  let stoppedBy: string | null = null;

  for (const stream of wanted) {
    if (stoppedBy !== null) {
      streams.push({ ...emptyStreamReport(stream), status: 'skipped', reason: stoppedBy });
      continue;
    }
    const { report, failure } = await runStream(ctx, stream);
    streams.push(report);
    if (failure?.stopsEverything) stoppedBy = `not run: ${failure.reason}`;
  }

  return { instance: instance.name, startedAt, finishedAt: ctx.now(), status: overall(streams),
    streams };
}

function contextOf(
  db: Db,
  client: ZoomClient,
  instance: Instance,
  options: SyncOptions,
): SyncContext {
  return {
    db,
    client,
    instance,
    now: options.now ?? Date.now,
    log: options.log ?? createLogger('sync'),
    progress: options.onProgress ?? (() => {}),
    signal: options.signal,
    backfillDays: options.backfillDays ?? 30,
    chatWindowDays: options.chatWindowDays ?? 7,
    windowAttempts: Math.max(options.windowAttempts ?? 3, 1),
  };
}

/**
 * One stream, start to status. Zoom's refusals become the stream's status; anything else (a
 * bug, an abort, a throwing progress callback) ends the run, with committed windows kept.
 */
async function runStream(
  ctx: SyncContext,
  stream: StreamName,
): Promise<{ report: StreamReport; failure: StreamFailure | null }> {
  const report = emptyStreamReport(stream);
  const waiting = dailyLimitStillHolds(ctx, stream);
  if (waiting !== null) return { report: { ...report, ...waiting }, failure: null };

  setSyncState(ctx.db, ctx.instance.id, stream, { status: 'running' }, ctx.now());
  ctx.progress({ stream, phase: 'started', pages: 0, records: 0, inserted: 0,
    message: `${stream}: started` });
  const chatMode: ChatMode = { fallback: false };

  let failure: StreamFailure | null = null;
  try {
    await runStreamBody(ctx, stream, report, chatMode);
  } catch (error) {
    failure = streamFailure(error);
    if (failure === null) throw error;
  }

  settle(ctx, report, failure, chatMode);
  return { report, failure };
}

async function runStreamBody(
  ctx: SyncContext,
  stream: StreamName,
  report: StreamReport,
  chatMode: ChatMode,
): Promise<void> {
  switch (stream) {
    case 'users':
      return runUsersStream(ctx, report);
    case 'channels':
      return runChannelsStream(ctx, report);
    case 'sign_ins':
      return runWindowedStream(ctx, SIGN_INS, report);
    case 'operation_logs':
      return runWindowedStream(ctx, OPERATION_LOGS, report);
    case 'chat':
      return runWindowedStream(ctx, chatStream(ctx, chatMode), report);
  }
}

/** Writes the stream's final status and reason, and says so in the log and progress. */
function settle(
  ctx: SyncContext,
  report: StreamReport,
  failure: StreamFailure | null,
  chatMode: ChatMode,
): void {
  if (failure) {
    report.status = failure.status;
    report.reason = failure.reason;
    report.retryAt = failure.retryAt;
  } else if (chatMode.fallback) {
    report.status = 'partial';
    report.reason = NO_ONE_TO_ONE_REASON;
  }

  const state = getSyncState(ctx.db, ctx.instance.id, report.stream);
  const cursor = { ...state?.cursor };
  if (report.retryAt !== null) cursor.retryAt = report.retryAt;
  setSyncState(ctx.db, ctx.instance.id, report.stream,
    { status: report.status === 'skipped' ? 'never' : report.status, reason: report.reason,
      cursor }, ctx.now());

  const why = report.reason ? ` — ${report.reason}` : '';
  const line = `${report.stream}: ${report.status}${why} (${plural(report.records, 'record')}, ` +
    `${report.inserted} new, ${plural(report.windows, 'window')})`;
  if (report.status === 'ok') ctx.log.info(line);
  else ctx.log.warn(line);
  ctx.progress({ stream: report.stream, phase: 'finished', pages: report.pages,
    records: report.records, inserted: report.inserted, message: line });
}

/** A stream stopped by a daily limit is not called again before Zoom's reset (B06). */
function dailyLimitStillHolds(
  ctx: SyncContext,
  stream: StreamName,
): Partial<StreamReport> | null {
  const retryAt = getSyncState(ctx.db, ctx.instance.id, stream)?.cursor.retryAt;
  if (retryAt === undefined || retryAt <= ctx.now()) return null;

  const reason = dailyLimitReason(retryAt);
  ctx.log.warn(`${stream}: partial — ${reason}; not called again before then`);
  return { status: 'partial', reason, retryAt };
}

function overall(streams: readonly StreamReport[]): SyncReport['status'] {
  if (streams.every((s) => s.status === 'ok')) return 'ok';
  if (streams.every((s) => s.status !== 'ok' && s.status !== 'partial')) return 'failed';
  return 'partial';
}
