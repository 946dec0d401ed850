/** Where sync stands for every account and stream, and whether we are working offline. */
import { SYNC_STATUSES } from '../../../shared/ipc.ts';
import { syncStates } from '../../store/timeline.ts';
import type { HandlerTable } from './types.ts';

type SyncStatus = (typeof SYNC_STATUSES)[number];

/** Runs in progress in this worker, by instance name; the sync handler keeps it current. */
export const runningSyncs = new Set<string>();

/** Set when the last Zoom call failed for lack of network; cleared by the next success. */
export const connectivity = { offline: false };

export const syncHandlers: HandlerTable = {
  'sync.overview': ({ ctx }) => ({
    streams: syncStates(ctx.db).map((row) => ({
      ...row,
      status: (SYNC_STATUSES as readonly string[]).includes(row.status)
        ? (row.status as SyncStatus)
        : 'failed',
    })),
    running: [...runningSyncs],
    offline: connectivity.offline,
  }),
};
