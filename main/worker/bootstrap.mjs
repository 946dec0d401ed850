// Loads the TypeScript data worker where no bundler ran (vitest, tsx): registers tsx's loader
// inside this worker thread, then imports the entry named in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
