/**
 * The loop every report stream shares: plan day windows from the cursor, fetch one window at
 * a time from page 1, and only then record its coverage and move the cursor, in one commit.
 * A window that fails is tried again from page 1; the cursor never passes a window that
 * was not fetched completely (B01, B23).
 */
import { errorMessage } from '../errors.ts';
import type { EventSource } from '../../shared/events.ts';
import { ingestRecords } from '../ingest/store-records.ts';
import type { IngestCounts, IngestItem } from '../ingest/store-records.ts';
import { inTransaction } from '../store/db.ts';
import { getSyncState, recordCoverage, setSyncState } from '../store/sync-state.ts';
import type { ZoomPage } from '../zoom/types.ts';
import { isWindowRetryable, WindowFailedError } from './failures.ts';
import type { StreamName, StreamReport, SyncContext } from './types.ts';
import { lastCompleteDayOf, planWindows, windowLabel } from './windows.ts';
import type { DayWindow } from './windows.ts';

/** Counts of one window's fetch. */
export interface WindowTally {
  pages: number;
  records: number;
  inserted: number;
  merged: number;
  skipped: number;
  notes: string[];
}

export type WindowFetcher = (ctx: SyncContext, window: DayWindow, tally: WindowTally) =>
  Promise<void>;

export interface WindowedStream {
  stream: StreamName;
  windowDays: number;
  fetchWindow: WindowFetcher;
}

export async function runWindowedStream(
  ctx: SyncContext,
  spec: WindowedStream,
  report: StreamReport,
): Promise<void> {
  const state = getSyncState(ctx.db, ctx.instance.id, spec.stream);
  const windows = planWindows(state?.cursor.lastCompleteDay, ctx.now(), ctx.backfillDays,
    spec.windowDays);

  for (const window of windows) {
    checkAborted(ctx);
    const { tally, failures } = await fetchWithRetries(ctx, spec, window);
    commitWindow(ctx, spec.stream, window, tally, failures);
    addTally(report, tally);
    reportWindow(ctx, spec.stream, window, tally, failures);
  }
}

/** Fetches the window from page 1 until it completes or the tries run out. */
async function fetchWithRetries(
  ctx: SyncContext,
  spec: WindowedStream,
  window: DayWindow,
): Promise<{ tally: WindowTally; failures: string[] }> {
  const failures: string[] = [];

  for (let attempt = 1; ; attempt++) {
    const tally = emptyTally();
    try {
      await spec.fetchWindow(ctx, window, tally);
      return { tally, failures };
    } catch (error) {
      if (!isWindowRetryable(error)) throw error;

      failures.push(failureWord(error));
      ctx.log.warn(`${spec.stream}: ${windowLabel(window)}: ${errorMessage(error)}`);
      if (attempt >= ctx.windowAttempts) {
        recordFailedWindow(ctx, spec.stream, window, tally, failures);
        throw new WindowFailedError(
          `${windowLabel(window)} could not be fetched completely after ${attempt} tries ` +
            `(${failures.join(', ')}); later days were not collected`,
          error,
        );
      }
    }
  }
}

/** Coverage, cursor and state for a completed window, stored together. */
function commitWindow(
  ctx: SyncContext,
  stream: StreamName,
  window: DayWindow,
  tally: WindowTally,
  failures: string[],
): void {
  const now = ctx.now();
  const completeDay = lastCompleteDayOf(window, now);

  inTransaction(ctx.db, () => {
    recordCoverage(ctx.db, ctx.instance.id, {
      stream,
      windowStart: window.startMs,
      windowEnd: window.endMs,
      status: failures.length > 0 ? 'retried' : 'ok',
      pages: tally.pages,
      records: tally.records,
      note: failures.length > 0 ? `${failures.map((f) => `failed (${f})`).join(' → ')} → ` +
        'retried → ok' : null,
      completedAt: now,
    });

    const state = getSyncState(ctx.db, ctx.instance.id, stream);
    const cursor = { ...state?.cursor };
    if (completeDay !== null) cursor.lastCompleteDay = completeDay;
    delete cursor.retryAt;
    setSyncState(ctx.db, ctx.instance.id, stream, { status: 'running', cursor }, now);
  });
}

function recordFailedWindow(
  ctx: SyncContext,
  stream: StreamName,
  window: DayWindow,
  tally: WindowTally,
  failures: string[],
): void {
  recordCoverage(ctx.db, ctx.instance.id, {
    stream,
    windowStart: window.startMs,
    windowEnd: window.endMs,
    status: 'failed',
    pages: tally.pages,
    records: tally.records,
    note: failures.map((f) => `failed (${f})`).join(' → '),
    completedAt: ctx.now(),
  });
}

function reportWindow(
  ctx: SyncContext,
  stream: StreamName,
  window: DayWindow,
  tally: WindowTally,
  failures: string[],
): void {
  const history = failures.length > 0
    ? ` (${failures.map((f) => `failed (${f})`).join(' → ')} → retried → ok)`
    : '';
  const message = `${stream}: ${windowLabel(window)} → ${plural(tally.records, 'record')}, ` +
    `${plural(tally.pages, 'page')}, ${tally.inserted} new${history}`;
  ctx.log.info(message);
  ctx.progress({
    stream,
    phase: 'window',
    from: window.from,
    to: window.to,
    pages: tally.pages,
    records: tally.records,
    inserted: tally.inserted,
    message,
  });
}

/** Stores one page as it arrives, in its own transaction (short writes, B21). */
export function storePage(
  ctx: SyncContext,
  source: EventSource,
  page: ZoomPage,
  items: IngestItem[],
  tally: WindowTally,
): IngestCounts {
  checkAborted(ctx);
  const counts = ingestRecords(ctx.db, ctx.instance, source, {
    request: page.response.request,
    httpStatus: page.response.status,
    receivedAt: page.response.receivedAt,
    text: page.response.text,
  }, items, ctx.now());

  tally.pages += 1;
  tally.records += counts.records;
  tally.inserted += counts.inserted;
  tally.merged += counts.merged;
  tally.skipped += counts.skipped;
  return counts;
}

export function checkAborted(ctx: SyncContext): void {
  if (ctx.signal?.aborted) throw ctx.signal.reason ?? new Error('sync aborted');
}

export function emptyTally(): WindowTally {
  return { pages: 0, records: 0, inserted: 0, merged: 0, skipped: 0, notes: [] };
}

export function addTally(report: StreamReport, tally: WindowTally): void {
  report.windows += 1;
  report.pages += tally.pages;
  report.records += tally.records;
  report.inserted += tally.inserted;
  report.merged += tally.merged;
  report.skipped += tally.skipped;
  report.notes.push(...tally.notes);
}

function failureWord(error: { category: string; httpStatus: number | null }): string {
  if (error.category === 'server') return String(error.httpStatus ?? 'server error');
  return error.category.replaceAll('_', ' ');
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
