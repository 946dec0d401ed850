/**
 * zoom-investigator: the command-line face of the product. One command per verb; every
 * command takes --data-dir and --json. The desktop app calls the same services.
 */
import { Command, CommanderError } from 'commander';
import fs from 'node:fs';

import { defaultDataDir } from '../app/data-dir.ts';
import { EXIT } from '../errors.ts';
import { registerActCommands } from './commands/act.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerDetectCommands } from './commands/detect.ts';
import { registerEventsCommand } from './commands/events.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerIncidentCommands } from './commands/incident.ts';
import { registerInstanceCommands } from './commands/instance.ts';
import { registerQueueCommands } from './commands/queue.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerSettingsCommands } from './commands/settings.ts';
import { registerSyncCommand } from './commands/sync.ts';
import { globalOptionsOf } from './globals.ts';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('zoom-investigator')
    .description('Investigate a Zoom account: sync, review offline, detect, act, export evidence.')
    .option('--data-dir <dir>', 'where the database, bundles and logs live', defaultDataDir())
    .option('--json', 'print one JSON document on stdout (logs stay on stderr)')
    .version(packageVersion(), '--version', 'print the version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  registerDemoCommand(program, globalOptionsOf);
  registerInstanceCommands(program, globalOptionsOf);
  registerSyncCommand(program, globalOptionsOf);
  registerImportCommand(program, globalOptionsOf);
  registerEventsCommand(program, globalOptionsOf);
  registerDetectCommands(program, globalOptionsOf);
  registerActCommands(program, globalOptionsOf);
  registerQueueCommands(program, globalOptionsOf);
  registerIncidentCommands(program, globalOptionsOf);
  registerAuditCommands(program, globalOptionsOf);
  registerSettingsCommands(program, globalOptionsOf);
  registerReportCommands(program, globalOptionsOf);

  // Every command's --help lists --data-dir and --json too.
  const showGlobals = (command: Command): void => {
    command.configureHelp({ showGlobalOptions: true });
    command.commands.forEach(showGlobals);
  };
  showGlobals(program);
  return program;
}

function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpShown = error.code === 'commander.helpDisplayed' || error.code === 'commander.help';
      process.exitCode = helpShown || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
      return;
    }
    throw error;
  }
}

await main(process.argv);
