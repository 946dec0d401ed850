/** The sync's public face: one call per instance, and the shapes it reports in. */
export { syncInstance } from './sync.ts';
export { STREAM_NAMES } from './types.ts';
export type {
  StreamName,
  StreamOutcome,
  StreamReport,
  SyncOptions,
  SyncProgress,
  SyncReport,
} from './types.ts';
