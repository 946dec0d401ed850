/**
 * What was collected and what was not, per stream, in words a reader of the report can use:
 * "Admin operation logs: not available on this Zoom plan". Read from sync_state and
 * sync_coverage; a stream with no row was never synced. Snapshot streams (users, channels) are
 * read whole at one moment: they have a time they were last taken, not windows or gaps.
 */
import type { Db } from '../store/db.ts';
import { listCoverage, listSyncStates } from '../store/sync-state.ts';
import type { SyncStateRow } from '../store/sync-state.ts';

/** The streams the architecture names, in the order a report lists them. */
export const STREAM_LABELS: Record<string, string> = {
  users: 'Users',
  sign_ins: 'Sign-in and sign-out activity',
  operation_logs: 'Admin operation logs',
  chat: 'Team Chat messages (with edits and deletions)',
  channels: 'Chat channels and members',
};

/** Streams fetched as a whole at one moment, not by time window (docs/architecture.md). */
export const SNAPSHOT_STREAMS: ReadonlySet<string> = new Set(['users', 'channels']);

export interface SourceStatus {
  instanceId: number;
  stream: string;
  label: string;
  collected: boolean;
  /** One sentence: what was collected, or why not. */
  summary: string;
  status: string;
  reason: string | null;
  lastOkAt: number | null;
  /** For a snapshot stream: when it was last taken completely; null for windowed streams. */
  snapshotAt: number | null;
  /** Fully fetched windows, merged, never past the time each fetch completed; [start, end). */
  covered: Array<[number, number]>;
  /** Parts of the report's window that no complete fetch covers; none for a snapshot. */
  gaps: Array<[number, number]>;
}

export function sourceStatuses(
  db: Db,
  instanceId: number,
  window: { since: number | null; until: number | null },
): SourceStatus[] {
  const states = new Map(listSyncStates(db, instanceId).map((s) => [s.stream, s]));
  const streams = [...new Set([...Object.keys(STREAM_LABELS), ...states.keys()])];

  return streams.map((stream) => {
    const state = states.get(stream) ?? null;
    const snapshot = SNAPSHOT_STREAMS.has(stream);
    const covered = snapshot ? [] : coveredWindows(db, instanceId, stream);
    return {
      instanceId,
      stream,
      label: STREAM_LABELS[stream] ?? stream,
      collected: state?.status === 'ok' || state?.status === 'partial',
      summary: describeState(state),
      status: state?.status ?? 'never',
      reason: state?.reason ?? null,
      lastOkAt: state?.lastOkAt ?? null,
      snapshotAt: snapshot ? (state?.lastOkAt ?? null) : null,
      covered,
      gaps: snapshot ? [] : gapsIn(covered, window),
    };
  });
}

/** Whether a source is read as a snapshot (then it has snapshotAt, never gaps). */
export function isSnapshot(source: SourceStatus): boolean {
  return SNAPSHOT_STREAMS.has(source.stream);
}

function describeState(state: SyncStateRow | null): string {
  if (state === null || state.status === 'never') return 'not collected: never synced';

  switch (state.status) {
    case 'ok':
      return 'collected';
    case 'partial':
      return `collected in part${because(state.reason)}`;
    case 'running':
      return `not complete: a sync was still running or was interrupted${because(state.reason)}`;
    case 'failed':
      return `not collected: the last sync failed${because(state.reason)}`;
    case 'unavailable':
      return `not collected: ${unavailableWhy(state.reason)}${because(state.reason)}`;
  }
}

function unavailableWhy(reason: string | null): string {
  if (reason && /paid account|plan/i.test(reason)) return 'not available on this Zoom plan';
  if (reason && /scope|permission/i.test(reason)) return 'not permitted for this app or role';
  return 'not available to this account';
}

function because(reason: string | null): string {
  return reason ? ` (Zoom said: "${reason}")` : '';
}

function coveredWindows(db: Db, instanceId: number, stream: string): Array<[number, number]> {
  // Today's window is recorded as the whole day, but a fetch covers nothing after it finished.
  const windows = listCoverage(db, instanceId, stream)
    .filter((entry) => entry.status === 'ok')
    .map((entry): [number, number] => [
      entry.windowStart,
      Math.min(entry.windowEnd, entry.completedAt),
    ])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);

  const merged: Array<[number, number]> = [];
  for (const [start, end] of windows) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Only a bounded window can have gaps; an open-ended one is described by `covered`. */
function gapsIn(
  covered: Array<[number, number]>,
  window: { since: number | null; until: number | null },
): Array<[number, number]> {
  if (window.since === null || window.until === null) return [];

  const gaps: Array<[number, number]> = [];
  let cursor = window.since;
  for (const [start, end] of covered) {
    if (end <= cursor) continue;
    if (start >= window.until) break;
    if (start > cursor) gaps.push([cursor, start]);
    cursor = Math.max(cursor, end);
  }
  if (cursor < window.until) gaps.push([cursor, window.until]);
  return gaps;
}
