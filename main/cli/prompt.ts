/**
 * Reads secrets and confirmations. A secret never comes from a command-line flag (it would sit
 * in shell history and the process list): it is typed at a hidden prompt or piped on stdin.
 */
import readline from 'node:readline';

import { UsageError } from '../errors.ts';

export async function readSecret(question: string): Promise<string> {
  const value = process.stdin.isTTY ? await askHidden(question) : await readAllStdin();
  const secret = value.replace(/\r?\n$/, '');

  if (secret.length === 0) {
    throw new UsageError(
      'No secret was given.',
      'Type it at the prompt, or pipe it in: `printf %s "$SECRET" | zoom-investigator ...`.',
    );
  }
  return secret;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };

    // Echo nothing of what is typed, only the question itself.
    output._writeToOutput = (text: string) => {
      if (text.includes(question)) process.stderr.write(text);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
