/** Messages between the main thread and the data worker: requests by id, replies, events. */
import type { BridgeError, Channel, EventChannel } from '../../shared/ipc.ts';

/** What the worker needs to open its own connection. */
export interface WorkerOptions {
  dataDir: string;
}

/**
 * The keychain stays on the main thread: keytar's GLib types are process-global, and loading
 * it in a second worker after the first ended breaks libsecret (measured: the third worker
 * hangs). The worker asks main for each secret it needs.
 */
export type CredentialMethod = 'get' | 'set' | 'delete' | 'deleteAll';

export interface CredentialCall {
  type: 'credentials';
  id: number;
  method: CredentialMethod;
  args: string[];
}

export type CredentialReply =
  | { type: 'credentials-reply'; id: number; ok: true; value: string | null }
  | { type: 'credentials-reply'; id: number; ok: false; message: string; hint: string | null };

export type ToWorker = WorkerRequest | CredentialReply;

/** Worker-only operations that are not bridge channels (tests, maintenance). */
export type InternalOp = 'bulk.ingest' | 'db.check' | 'ping' | 'shutdown';

export interface WorkerRequest {
  type: 'request';
  id: number;
  op: Channel | InternalOp;
  payload: unknown;
}

export type WorkerReply =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: BridgeError };

export interface WorkerEvent {
  type: 'event';
  event: EventChannel;
  payload: unknown;
}

export interface WorkerReady {
  type: 'ready';
}

export type FromWorker = WorkerReply | WorkerEvent | WorkerReady | CredentialCall;
