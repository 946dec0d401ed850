/** `incident list|show`: the incidents opened with `act incident`. */
import type { Command } from 'commander';

import { getIncident, listIncidents } from '../../actions/index.ts';
import { UsageError } from '../../errors.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { oneLine, table } from '../output.ts';
import { runWithContext } from '../run.ts';

export function registerIncidentCommands(program: Command, globals: GlobalOptionsOf): void {
  const incident = program.command('incident').description('incidents (list, show)');

  incident
    .command('list')
    .description('every incident, newest first')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const incidents = listIncidents(ctx.db);
        return {
          json: { incidents },
          text: incidents.length === 0 ? 'No incidents.' : table(
            ['#', 'severity', 'status', 'owner', 'title'],
            incidents.map((i) => [i.id, i.severity, i.status, i.owner, i.title]),
          ),
        };
      });
    });

  incident
    .command('show')
    .description('one incident with its notes and the findings and events it covers')
    .argument('<id>', 'the incident number')
    .action(async (id: string, _options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        if (!/^\d+$/.test(id)) throw new UsageError(`"${id}" is not an incident number.`);
        const found = getIncident(ctx.db, Number(id));
        return { json: { incident: found }, text: oneLineFields(found) };
      });
    });
}

function oneLineFields(record: object): string {
  return Object.entries(record)
    .map(([key, value]) => `${key.padEnd(14)} ${oneLine(
      typeof value === 'string' ? value : JSON.stringify(value),
    )}`)
    .join('\n');
}
