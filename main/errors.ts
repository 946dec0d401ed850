/**
 * The two kinds of error. A bug is a thrown Error; an expected failure is an ExpectedError,
 * which says what happened in plain words and what the investigator can do next.
 */

/** Exit codes the CLI uses; the desktop app shows the same messages. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  zoomRefused: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class ExpectedError extends Error {
  constructor(
    message: string,
    /** What to do next, in one sentence. */
    readonly hint: string,
    readonly exitCode: ExitCode = EXIT.failure,
  ) {
    super(message);
    this.name = 'ExpectedError';
  }
}

/** Bad command-line usage or a bad input value. */
export class UsageError extends ExpectedError {
  constructor(message: string, hint = 'Run the command with --help to see its options.') {
    super(message, hint, EXIT.usage);
    this.name = 'UsageError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
