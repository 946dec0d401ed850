/** `import`: webhook bodies, NDJSON, API response pages and arrays of records from files. */
import type { Command } from 'commander';

import { UsageError } from '../../errors.ts';
import { importFiles } from '../../ingest/import-files.ts';
import { RECORD_KINDS } from '../../ingest/record-kinds.ts';
import type { RecordKind } from '../../ingest/record-kinds.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
import { runWithContext } from '../run.ts';

export function registerImportCommand(program: Command, globals: GlobalOptionsOf): void {
  program
    .command('import')
    .description('import Zoom webhook bodies (JSON or NDJSON), API response pages or records')
    .argument('<file...>', 'files to import; each is stored whole or not at all')
    .option('--instance <name>', 'attach to this account when a body names no known account')
    .option('--kind <kind>', `read arrays as this record kind (${RECORD_KINDS.join(', ')})`)
    .action(async (files: string[], options: { instance?: string; kind?: string }, command) => {
      await runWithContext(globals(command as Command), async (ctx) => {
        const summary = importFiles(ctx.db, files, {
          instanceName: options.instance,
          kind: options.kind ? parseKind(options.kind) : undefined,
          now: ctx.now(),
        });

        const rows = summary.files.map((f) => [
          f.path, f.instance, f.format, f.records, f.inserted, f.merged, f.skipped,
          f.skippedReasons.slice(0, 3).join('; '),
        ]);
        return {
          json: summary,
          text: table(
            ['file', 'instance', 'format', 'records', 'new', 'merged', 'skipped', 'why skipped'],
            rows,
          ),
        };
      });
    });
}

function parseKind(value: string): RecordKind {
  if (!(RECORD_KINDS as readonly string[]).includes(value)) {
    throw new UsageError(`Unknown record kind "${value}".`, `Kinds: ${RECORD_KINDS.join(', ')}.`);
  }
  return value as RecordKind;
}
