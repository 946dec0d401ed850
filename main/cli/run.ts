/**
 * Runs one command's body with an open context and turns its outcome into output and an exit
 * code: 0 success, 1 failure, 2 bad usage, 3 Zoom or the network refused.
 */
import { CommanderError } from 'commander';

import type { AppContext } from '../app/context.ts';
import { openContext } from '../app/context.ts';
import { EXIT, ExpectedError, errorMessage } from '../errors.ts';
import { createLogger, setStderrLogging } from '../log/logger.ts';
import { explainStorageError } from '../store/db.ts';
import { redact } from '../log/redact.ts';
import type { CommandResult, GlobalOptions } from './output.ts';
import { printResult } from './output.ts';

const log = createLogger('cli');

export type CommandBody = (ctx: AppContext) => Promise<CommandResult>;

export async function runWithContext(options: GlobalOptions, body: CommandBody): Promise<void> {
  if (options.json) setStderrLogging(true);

  let ctx: AppContext | null = null;
  try {
    ctx = openContext({ dataDir: options.dataDir });
    const result = await body(ctx);
    printResult(result, options);
    process.exitCode = result.exitCode ?? EXIT.ok;
  } catch (error) {
    process.exitCode = reportError(error, options);
  } finally {
    ctx?.close();
  }
}

/** Prints an error for a person (or as JSON) and returns the exit code it deserves. */
export function reportError(error: unknown, options: { json: boolean }): number {
  if (error instanceof CommanderError) return EXIT.usage;

  const storage = explainStorageError(error);
  if (storage) {
    log.error(`storage failure: ${errorMessage(error)}`);
    return reportError(storage, options);
  }

  if (error instanceof ExpectedError) {
    const message = redact(error.message);
    const hint = redact(error.hint);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ error: { message, hint } }, null, 2)}\n`);
    }
    process.stderr.write(`error: ${message}\n  what to do: ${hint}\n`);
    return error.exitCode;
  }

  log.error(`unexpected failure: ${error instanceof Error ? error.stack : errorMessage(error)}`);
  process.stderr.write(
    'error: something went wrong inside Zoom Investigator (details in the log).\n' +
      '  what to do: run again with ZI_LOG_LEVEL=debug and report the log.\n',
  );
  return EXIT.failure;
}
