/** Asks a person to confirm an action at the terminal; without a terminal, --yes is needed. */
import readline from 'node:readline/promises';

import { UsageError } from '../errors.ts';

export async function confirmAction(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;

  if (!process.stdin.isTTY) {
    throw new UsageError(
      'This action needs confirmation and there is no terminal to ask.',
      'Read the plan above (or run with --dry-run), then run again with --yes.',
    );
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} Type "yes" to go ahead: `);
  rl.close();
  return answer.trim().toLowerCase() === 'yes';
}
