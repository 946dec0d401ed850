/**
 * The main thread's handle on the data worker: requests by id with timeouts, events fanned out
 * to subscribers, and a shutdown that waits for work in flight. The main thread never touches
 * SQLite; everything that reads or writes the database goes through here.
 */
import { Worker } from 'node:worker_threads';

import type { BridgeError, EventChannel } from '../../shared/ipc.ts';
import type { CredentialStore, SecretSlot } from '../credentials/store.ts';
import { ExpectedError, errorMessage } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import type {
  CredentialCall,
  CredentialReply,
  FromWorker,
  InternalOp,
  WorkerOptions,
  WorkerRequest,
} from './protocol.ts';

const log = createLogger('worker-client');

/** How long each kind of request may take before the caller gets a timeout error. */
const TIMEOUTS_MS: Record<string, number> = {
  default: 30_000,
  'instances.test': 60_000,
  'demo.start': 120_000,
  'actions.execute': 120_000,
  'detect.run': 600_000,
  'bulk.ingest': 600_000,
};

/** A request that failed with a readable reason. */
export class BridgeFailure extends Error {
  constructor(readonly bridge: BridgeError) {
    super(bridge.message);
    this.name = 'BridgeFailure';
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

type Listener = (payload: unknown) => void;

/**
 * Where the worker's code is. Unbundled (tests, tsx) the entry is TypeScript and a tiny .mjs
 * bootstrap registers tsx inside the thread; in the built app electron-vite has emitted
 * data-worker.js next to the bundle that imports this module.
 */
export function workerEntry(moduleUrl: string): { file: URL; entry: string | null } {
  if (moduleUrl.endsWith('.ts')) {
    return {
      file: new URL('./bootstrap.mjs', moduleUrl),
      entry: new URL('./data-worker.ts', moduleUrl).href,
    };
  }
  return { file: new URL('./data-worker.js', moduleUrl), entry: null };
}

export class DataWorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventChannel, Set<Listener>>();
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    private readonly credentials: CredentialStore,
  ) {
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => log.error(`data worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => this.onExit(code));
  }

  /**
   * Starts the worker and resolves once it has opened the database. `credentials` is main's
   * keychain; the worker reaches it only through this client.
   */
  static async start(
    options: WorkerOptions,
    credentials: CredentialStore,
  ): Promise<DataWorkerClient> {
    const { file, entry } = workerEntry(import.meta.url);
    const worker = new Worker(file, { workerData: { entry, options } });

    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromWorker): void => {
        if (message.type !== 'ready') return;
        worker.off('error', reject);
        worker.off('message', onMessage);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new DataWorkerClient(worker, credentials);
  }

  /** Sends one request; rejects with a BridgeFailure on error or timeout. */
  call(op: WorkerRequest['op'], payload: unknown, timeoutMs?: number): Promise<unknown> {
    if (this.exited) {
      const stopped = failure('internal', 'The data worker has stopped.', 'Restart the app.');
      return Promise.reject(stopped);
    }

    const id = this.nextId++;
    const limit = timeoutMs ?? TIMEOUTS_MS[op] ?? TIMEOUTS_MS.default!;

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timeOut(id, op, limit), limit);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ type: 'request', id, op, payload } satisfies WorkerRequest);
    });
  }

  /** Worker-only operations (tests, maintenance) that are not bridge channels. */
  internal(op: InternalOp, payload: unknown, timeoutMs?: number): Promise<unknown> {
    return this.call(op, payload, timeoutMs);
  }

  /** Subscribes to a worker event; returns the unsubscribe. */
  on(event: EventChannel, listener: Listener): () => void {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return () => set.delete(listener);
  }

  /** Waits for requests in flight (up to graceMs), then stops the worker. */
  async close(graceMs = 10_000): Promise<void> {
    const deadline = Date.now() + graceMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    if (!this.exited) await this.call('shutdown', null, graceMs).catch(() => null);
    await this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    if (message.type === 'credentials') {
      void this.answerCredentials(message);
      return;
    }
    if (message.type === 'event') {
      for (const listener of this.listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    if (message.type !== 'reply') return;

    const pending = this.pending.get(message.id);
    if (!pending) return;

    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new BridgeFailure(message.error));
  }

  /** Runs one keychain call for the worker and posts the answer back. */
  private async answerCredentials(call: CredentialCall): Promise<void> {
    let reply: CredentialReply;
    try {
      const value = await this.keychainCall(call);
      reply = { type: 'credentials-reply', id: call.id, ok: true, value };
    } catch (error) {
      const hint = error instanceof ExpectedError ? error.hint : null;
      const message = errorMessage(error);
      reply = { type: 'credentials-reply', id: call.id, ok: false, message, hint };
    }
    if (!this.exited) this.worker.postMessage(reply);
  }

  private async keychainCall(call: CredentialCall): Promise<string | null> {
    const [key = '', slot, value = ''] = call.args as [string, SecretSlot, string];
    switch (call.method) {
      case 'get':
        return this.credentials.get(key, slot);
      case 'set':
        await this.credentials.set(key, slot, value);
        return null;
      case 'delete':
        await this.credentials.delete(key, slot);
        return null;
      case 'deleteAll':
        await this.credentials.deleteAll(key);
        return null;
    }
  }

  private timeOut(id: number, op: string, limit: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;

    this.pending.delete(id);
    log.warn(`${op} took longer than ${limit} ms; its caller was told so`);
    pending.reject(
      failure('timeout', `The request "${op}" did not finish within ${limit / 1000} s.`,
        'Try again; if it keeps happening, narrow the filters or the time window.'),
    );
  }

  private onExit(code: number): void {
    this.exited = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(failure('internal', `The data worker stopped (exit code ${code}).`,
        'Restart the app; the evidence already stored is safe.'));
      this.pending.delete(id);
    }
  }
}

function failure(kind: BridgeError['kind'], message: string, hint: string): BridgeFailure {
  return new BridgeFailure({ kind, message, hint });
}
