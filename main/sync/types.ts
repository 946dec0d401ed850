/** What a sync is asked to do and what it answers: per-stream status, counts and reasons. */
import type { Db } from '../store/db.ts';
import type { Instance } from '../store/instances.ts';
import type { Logger } from '../log/logger.ts';
import type { ZoomClient } from '../zoom/types.ts';

export const STREAM_NAMES = ['users', 'channels', 'sign_ins', 'operation_logs', 'chat'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export type StreamOutcome = 'ok' | 'partial' | 'failed' | 'unavailable' | 'skipped';

export interface SyncOptions {
  /** The streams to run, in the canonical order whatever the order given; all when absent. */
  streams?: StreamName[];
  /** The clock that decides "today"; it must agree with Zoom's (or the demo tenant's). */
  now?: () => number;
  onProgress?: (progress: SyncProgress) => void;
  log?: Logger;
  /** Days fetched on a stream's first sync; 30 when absent, at most six months. */
  backfillDays?: number;
  /** Days per chat report window (Zoom allows up to a month); 7 when absent. */
  chatWindowDays?: number;
  /** Tries per window before the stream stops as partial; 3 when absent. */
  windowAttempts?: number;
  /** Stops between pages and windows; the window in flight is not marked complete. */
  signal?: AbortSignal;
}

export interface SyncProgress {
  stream: StreamName;
  phase: 'started' | 'window' | 'finished';
  /** yyyy-mm-dd of the window's first and last day, for windowed streams. */
  from?: string;
  to?: string;
  pages: number;
  records: number;
  inserted: number;
  /** The line the log shows for this step. */
  message: string;
}

export interface StreamReport {
  stream: StreamName;
  status: StreamOutcome;
  /** Why it is not ok, in words an investigator can act on; null when ok. */
  reason: string | null;
  /** For a daily limit: when Zoom accepts calls again (epoch ms). */
  retryAt: number | null;
  windows: number;
  pages: number;
  records: number;
  inserted: number;
  merged: number;
  skipped: number;
  notes: string[];
}

export interface SyncReport {
  instance: string;
  startedAt: number;
  finishedAt: number;
  /** ok when every stream is ok; failed when none collected anything; else partial. */
  status: 'ok' | 'partial' | 'failed';
  streams: StreamReport[];
}

/** What every stream runner is handed. */
export interface SyncContext {
  db: Db;
  client: ZoomClient;
  instance: Instance;
  now: () => number;
  log: Logger;
  progress: (progress: SyncProgress) => void;
  signal: AbortSignal | undefined;
  backfillDays: number;
  chatWindowDays: number;
  windowAttempts: number;
}

export function emptyStreamReport(stream: StreamName): StreamReport {
  return {
    stream,
    status: 'ok',
    reason: null,
    retryAt: null,
    windows: 0,
    pages: 0,
    records: 0,
    inserted: 0,
    merged: 0,
    skipped: 0,
    notes: [],
  };
}
