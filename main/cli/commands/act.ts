/** `act ACTION TARGET`: response actions, shown first, confirmed, run once, audited. */
import type { Command } from 'commander';

import { executeAction, openIncident, planAction } from '../../actions/index.ts';
import type { ActionPlan, ActionResult } from '../../actions/index.ts';
import { INCIDENT_SEVERITIES } from '../../actions/incidents.ts';
import type { IncidentSeverity } from '../../actions/incidents.ts';
import type { AppContext } from '../../app/context.ts';
import { EXIT, UsageError } from '../../errors.ts';
import { getInstanceById, resolveInstance } from '../../store/instances.ts';
import { createZoomClient } from '../../zoom/client.ts';
import { confirmAction } from '../confirm.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import type { CommandResult } from '../output.ts';
import { runWithContext } from '../run.ts';

interface ConfirmOptions {
  yes?: boolean;
  dryRun?: boolean;
  reason?: string;
  instance?: string;
}

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
    .description('response actions: delete-message, incident (each confirmed and audited)');

  act
    .command('delete-message')
    .description('delete a Team Chat message in Zoom, as its sender; the evidence is kept')
    .argument('<target>', 'an event id or a Zoom message id from the store')
    .option('--instance <name>', 'the account, when the message id is stored for several')
    .option('--reason <text>', 'why: recorded in the audit log')
    .option('--yes', 'confirm without asking')
    .option('--dry-run', 'show exactly what would happen and do nothing')
    .action(async (target: string, options: ConfirmOptions, command: Command) => {
      await runWithContext(globals(command), (ctx) => deleteMessage(ctx, target, options));
    });

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

async function deleteMessage(
  ctx: AppContext,
  target: string,
  options: ConfirmOptions,
): Promise<CommandResult> {
  const instanceId = options.instance ? resolveInstance(ctx.db, options.instance).id : undefined;
  const plan = planAction(ctx.db, { kind: 'delete-message', target, instanceId });
  process.stderr.write(`${describePlan(plan)}\n`);

  const confirmed = options.dryRun
    ? false
    : await confirmAction('Delete this message in Zoom?', options.yes === true);
  if (!options.dryRun && !confirmed) {
    return { json: { outcome: 'declined', plan }, text: 'Nothing was done.', exitCode: 1 };
  }

  const zoom = createZoomClient(getInstanceById(ctx.db, plan.instance.id), ctx.credentials);
  const result = await executeAction(
    { db: ctx.db, zoom, now: ctx.now },
    plan,
    { confirmed, dryRun: options.dryRun === true, reason: options.reason },
  );
  return { json: result, text: describeResult(result), exitCode: resultExitCode(result) };
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

function describePlan(plan: ActionPlan): string {
  return [
    `Action   ${plan.kind} on ${plan.instance.name} (account ${plan.instance.accountId})`,
    `Target   ${plan.targetLabel}`,
    ...plan.steps.map((step, i) => `${i === 0 ? 'Steps' : '     '}    ${i + 1}. ${step}`),
    plan.previous
      ? `Earlier  this action is ${plan.previous.status} since ` +
        new Date(plan.previous.updatedAt).toISOString()
      : '',
  ].filter(Boolean).join('\n');
}

function describeResult(result: ActionResult): string {
  if (result.outcome === 'dry_run') {
    return `Dry run: nothing was sent to Zoom (the plan is above). Audit entry #${result.auditSeq}.`;
  }
  const status = result.zoomStatus === null ? '' : ` (Zoom answered HTTP ${result.zoomStatus})`;
  return `${result.outcome}: ${result.message}${status}\nAudit entry #${result.auditSeq}.`;
}

function resultExitCode(result: ActionResult): number {
  if (result.ok || result.outcome === 'dry_run') return EXIT.ok;
  return result.outcome === 'failed' ? EXIT.zoomRefused : EXIT.failure;
}

function parseSeverity(value: string): IncidentSeverity {
  if (!(INCIDENT_SEVERITIES as readonly string[]).includes(value)) {
    throw new UsageError(`Unknown severity "${value}".`, `Use ${INCIDENT_SEVERITIES.join(', ')}.`);
  }
  return value as IncidentSeverity;
}
