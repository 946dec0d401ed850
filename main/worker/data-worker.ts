/**
 * The data worker: the one thread that opens SQLite. It answers requests by id, streams
 * progress events, and turns every failure into a readable error for the bridge.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

import type { BridgeError, Channel } from '../../shared/ipc.ts';
import { openContext } from '../app/context.ts';
import type { AppContext } from '../app/context.ts';
import { ExpectedError, errorMessage } from '../errors.ts';
import { createLogger, setStderrLogging } from '../log/logger.ts';
import { bulkIngest } from './bulk.ts';
import type { BulkRequest } from './bulk.ts';
import { stopDemoTenant } from './handlers/demo.ts';
import { HANDLERS } from './handlers/index.ts';
import type { WorkerServices } from './handlers/types.ts';
import type { FromWorker, ToWorker, WorkerOptions, WorkerRequest } from './protocol.ts';
import { RemoteCredentialStore } from './remote-credentials.ts';

const log = createLogger('worker');

function post(message: FromWorker): void {
  parentPort!.postMessage(message);
}

function toBridgeError(error: unknown): BridgeError {
  if (error instanceof ExpectedError) {
    return { kind: 'expected', message: error.message, hint: error.hint };
  }
  log.error(`unexpected failure: ${error instanceof Error ? error.stack : String(error)}`);
  return {
    kind: 'internal',
    message: `Something went wrong inside the app: ${errorMessage(error)}`,
    hint: 'The log file in the data folder has the details; stored evidence is unaffected.',
  };
}

/** Operations that are not bridge channels: health, load tests and shutdown. */
async function internal(services: WorkerServices, request: WorkerRequest): Promise<unknown> {
  const db = services.ctx.db;
  switch (request.op) {
    case 'ping':
      return { at: Date.now() };
    case 'db.check':
      return {
        integrity: db.pragma('integrity_check', { simple: true }),
        events: (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
      };
    case 'bulk.ingest': {
      const bulk = request.payload as BulkRequest;
      return bulkIngest(db, bulk, (done) => services.emit('sync.progress', {
        runId: `bulk-${request.id}`, instanceName: 'bulk', stream: 'import', phase: 'progress',
        records: done, message: null, at: Date.now(),
      }));
    }
    case 'shutdown':
      await stopDemoTenant();
      services.ctx.close();
      return { closed: true };
    default:
      throw new Error(`unknown worker operation ${request.op}`);
  }
}

async function dispatch(services: WorkerServices, request: WorkerRequest): Promise<unknown> {
  const handler = HANDLERS[request.op as Exclude<Channel, 'links.open'>] as
    | ((s: WorkerServices, payload: unknown) => unknown)
    | undefined;
  if (handler) return handler(services, request.payload);
  return internal(services, request);
}

async function answer(services: WorkerServices, request: WorkerRequest): Promise<void> {
  try {
    const value = await dispatch(services, request);
    post({ type: 'reply', id: request.id, ok: true, value });
  } catch (error) {
    post({ type: 'reply', id: request.id, ok: false, error: toBridgeError(error) });
  }
}

/**
 * On Linux a thread has its own nice value, and pid 0 names the calling thread: lowering it
 * lets the window's thread win the CPU on a busy two-core machine. Elsewhere the call would
 * lower the whole app, so it is not made.
 */
function yieldCpuToTheWindow(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(0, 10);
  } catch (error) {
    log.debug(`could not lower the worker's priority: ${errorMessage(error)}`);
  }
}

function start(options: WorkerOptions): void {
  yieldCpuToTheWindow();
  // A worker's stderr is written by the main thread; info lines go to the log file only.
  setStderrLogging(false);
  const credentials = new RemoteCredentialStore(parentPort!);
  const ctx: AppContext = openContext({ dataDir: options.dataDir, credentials });
  const services: WorkerServices = {
    ctx,
    emit: (event, payload) => post({ type: 'event', event, payload }),
  };

  parentPort!.on('message', (message: ToWorker) => {
    if (message.type === 'credentials-reply') credentials.receive(message);
    else void answer(services, message);
  });
  log.info(`data worker ready (database in ${options.dataDir})`);
  post({ type: 'ready' });
}

start((workerData as { options: WorkerOptions }).options);
