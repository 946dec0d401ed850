/** `report` writes an evidence bundle; `verify` checks one, as anyone receiving it can. */
import type { Command } from 'commander';
import path from 'node:path';

import { bundlesDir } from '../../app/data-dir.ts';
import { EXIT } from '../../errors.ts';
import { verifyBundle, writeBundle } from '../../report/index.ts';
import { resolveInstance } from '../../store/instances.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { table } from '../output.ts';
import { runWithContext } from '../run.ts';
import { parseTimeOption } from '../time-options.ts';

interface ReportOptions {
  instance?: string;
  since?: string;
  until?: string;
  finding?: string;
  out?: string;
}

export function registerReportCommands(program: Command, globals: GlobalOptionsOf): void {
  program
    .command('report')
    .description('write an evidence bundle: report.html, events.jsonl, raw records, manifest')
    .option('--instance <name>', 'only this account')
    .option('--since <time>', 'events from this time (ISO, date, or 7d / 12h ago)')
    .option('--until <time>', 'events before this time')
    .option('--finding <id>', 'a bundle about one finding and its evidence')
    .option('--out <dir>', 'folder to create the bundle in (default: the data dir\'s bundles)')
    .action(async (options: ReportOptions, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const bundle = writeBundle(ctx.db, {
          instanceId: options.instance ? resolveInstance(ctx.db, options.instance).id : undefined,
          since: options.since ? parseTimeOption(options.since, ctx.now()) : undefined,
          until: options.until ? parseTimeOption(options.until, ctx.now()) : undefined,
          findingId: options.finding,
          outDir: options.out ?? bundlesDir(ctx.dataDir),
          now: ctx.now(),
        });
        return {
          json: { dir: bundle.dir, files: bundle.files, manifest: bundle.manifest },
          text: `Bundle written: ${path.join(bundle.dir, 'report.html')}\n` +
            `${bundle.files.length} files, hashes in manifest.json and SHA256SUMS.\n` +
            `Check it: zoom-investigator verify "${bundle.dir}"  (or: sha256sum -c SHA256SUMS)`,
        };
      });
    });

  program
    .command('verify')
    .description("check a bundle's files against its manifest (changed, missing or added files)")
    .argument('<bundle>', 'the bundle folder')
    .action(async (dir: string, _options: unknown, command: Command) => {
      await runWithContext(globals(command), async () => {
        const result = verifyBundle(dir);
        return {
          json: result,
          text: result.ok
            ? `OK: all ${result.checked} files match their SHA-256 in the manifest.`
            : `FAILED: ${result.problems.length} problems\n` +
              table(['file', 'expected', 'actual'],
                result.problems.map((p) => [p.file, p.expected, p.actual])),
          exitCode: result.ok ? EXIT.ok : EXIT.failure,
        };
      });
    });
}
