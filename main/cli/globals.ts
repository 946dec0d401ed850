/** The options every command takes: --data-dir and --json. */
import type { Command } from 'commander';

import type { GlobalOptions } from './output.ts';

export type GlobalOptionsOf = (command: Command) => GlobalOptions;

/** Reads the global options wherever on the command line they were given. */
export function globalOptionsOf(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ dataDir: string; json?: boolean }>();
  return { dataDir: options.dataDir, json: options.json === true };
}
