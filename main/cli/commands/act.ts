/**
 * `act ACTION TARGET`: response actions, shown first, confirmed, run once, audited. Zoom
 * actions live in act-zoom.ts, e-mail in act-email.ts; the incident is a local record.
 */
import type { Command } from 'commander';

import { openIncident } from '../../actions/index.ts';
import { INCIDENT_SEVERITIES } from '../../actions/incidents.ts';
import type { IncidentSeverity } from '../../actions/incidents.ts';
import type { AppContext } from '../../app/context.ts';
import { UsageError } from '../../errors.ts';
import { resolveInstance } from '../../store/instances.ts';
import { confirmAction } from '../confirm.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import type { CommandResult } from '../output.ts';
import { runWithContext } from '../run.ts';
import { registerEmailActions } from './act-email.ts';
import { registerZoomActions } from './act-zoom.ts';
import type { ConfirmOptions } from './act-zoom.ts';

interface IncidentOptions extends ConfirmOptions {
  severity: string;
  finding?: string[];
  event?: string[];
  owner?: string;
  note?: string;
}

export function registerActCommands(program: Command, globals: GlobalOptionsOf): void {
  const act = program
    .command('act')
    .description(
      'response actions: delete-message, incident, email-list, email-user, deactivate-user, ' +
        'reactivate-user, revoke-sso, remove-member (each shown, confirmed and audited)',
    );

  registerZoomActions(act, globals);
  registerEmailActions(act, globals);

  act
    .command('incident')
    .description('open an incident covering findings and events (a local record)')
    .argument('<title>', 'a short title')
    .requiredOption('--severity <level>', INCIDENT_SEVERITIES.join(' | '))
    .option('--finding <id...>', 'findings the incident covers')
    .option('--event <id...>', 'events the incident covers')
    .option('--owner <name>', 'who is working on it')
    .option('--note <text>', 'a first note')
    .option('--instance <name>', 'the account it concerns')
    .option('--yes', 'confirm without asking')
    .option('--dry-run', 'show what would be recorded and do nothing')
    .action(async (title: string, options: IncidentOptions, command: Command) => {
      await runWithContext(globals(command), (ctx) => incident(ctx, title, options));
    });
}

async function incident(
  ctx: AppContext,
  title: string,
  options: IncidentOptions,
): Promise<CommandResult> {
  const severity = parseSeverity(options.severity);
  const instanceId = options.instance ? resolveInstance(ctx.db, options.instance).id : null;
  const links = `${options.finding?.length ?? 0} findings, ${options.event?.length ?? 0} events`;
  process.stderr.write(`Will open incident "${title}" (${severity}) covering ${links}.\n`);

  if (options.dryRun) {
    return { json: { outcome: 'dry_run', title, severity }, text: 'Dry run: nothing recorded.' };
  }
  if (!(await confirmAction('Open this incident?', options.yes === true))) {
    return { json: { outcome: 'declined' }, text: 'Nothing was done.', exitCode: 1 };
  }

  const { incident: opened, created } = openIncident(ctx.db, {
    title,
    severity,
    instanceId,
    owner: options.owner ?? null,
    notes: options.note ?? null,
    findingIds: options.finding,
    eventIds: options.event,
  }, ctx.now());
  return {
    json: { incident: opened, created },
    text: created
      ? `Opened incident #${opened.id}: ${opened.title}`
      : `Incident #${opened.id} was already open with this title and links; nothing new.`,
  };
}

function parseSeverity(value: string): IncidentSeverity {
  if (!(INCIDENT_SEVERITIES as readonly string[]).includes(value)) {
    throw new UsageError(`Unknown severity "${value}".`, `Use ${INCIDENT_SEVERITIES.join(', ')}.`);
  }
  return value as IncidentSeverity;
}
