/** `act email-list FINDING --to …` and `act email-user FINDING`: shown, confirmed, sent once. */
import type { Command } from 'commander';

import { createSmtpMailer, executeEmail, planEmail } from '../../actions/index.ts';
import type { EmailActionKind, EmailPlan, EmailResult } from '../../actions/index.ts';
import type { AppContext } from '../../app/context.ts';
import { confirmAction } from '../confirm.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import type { CommandResult } from '../output.ts';
import { runWithContext } from '../run.ts';
import { resultExitCode } from './act-zoom.ts';
import type { ConfirmOptions } from './act-zoom.ts';

interface EmailOptions extends ConfirmOptions {
  to?: string;
  user?: string;
  resendUnknown?: boolean;
}

export function registerEmailActions(act: Command, globals: GlobalOptionsOf): void {
  withCommon(act.command('email-list'))
    .description('e-mail a finding and its evidence summary to a list (e.g. the security team)')
    .option('--to <addresses>', 'comma-separated recipients (default: `settings email-list`)')
    .action(async (finding: string, options: EmailOptions, command: Command) => {
      await runWithContext(globals(command), (ctx) =>
        runEmail(ctx, 'email-list', finding, options));
    });

  withCommon(act.command('email-user'))
    .description('e-mail the user a finding is about, from the editable template')
    .option('--user <id-or-email>', 'the user, when the finding is not about one')
    .action(async (finding: string, options: EmailOptions, command: Command) => {
      await runWithContext(globals(command), (ctx) =>
        runEmail(ctx, 'email-user', finding, options));
    });
}

function withCommon(command: Command): Command {
  return command
    .argument('<finding>', 'the finding id (from `detect`)')
    .option('--reason <text>', 'why: recorded in the audit log')
    .option('--yes', 'confirm without asking')
    .option('--dry-run', 'show the rendered e-mail and send nothing')
    .option('--resend-unknown', 'send again an e-mail whose outcome is unknown (same Message-ID)');
}

async function runEmail(
  ctx: AppContext,
  kind: EmailActionKind,
  findingId: string,
  options: EmailOptions,
): Promise<CommandResult> {
  const to = options.to?.split(',').map((a) => a.trim()).filter(Boolean);
  const plan = planEmail(ctx.db, { kind, findingId, to, user: options.user });
  process.stderr.write(`${describeEmailPlan(plan)}\n`);

  const confirmed = options.dryRun
    ? false
    : await confirmAction('Send this e-mail?', options.yes === true);
  if (!options.dryRun && !confirmed) {
    return { json: { outcome: 'declined', plan }, text: 'Nothing was sent.', exitCode: 1 };
  }

  const result = await executeEmail(
    { db: ctx.db, mailer: () => createSmtpMailer(ctx.db, ctx.credentials), now: ctx.now },
    plan,
    { confirmed, dryRun: options.dryRun === true, reason: options.reason,
      resendUnknown: options.resendUnknown === true },
  );
  return { json: result, text: describeEmailResult(result), exitCode: resultExitCode(result) };
}

function describeEmailPlan(plan: EmailPlan): string {
  return [
    `Action   ${plan.kind} on ${plan.instance.name} (account ${plan.instance.accountId})`,
    `Target   ${plan.targetLabel}`,
    ...plan.steps.map((step, i) => `${i === 0 ? 'Steps' : '     '}    ${step}`),
    plan.previous
      ? `Earlier  this e-mail is ${plan.previous.status} since ` +
        new Date(plan.previous.updatedAt).toISOString()
      : '',
  ].filter(Boolean).join('\n');
}

function describeEmailResult(result: EmailResult): string {
  if (result.outcome === 'dry_run') {
    return `Dry run: no e-mail was sent (the plan is above). Audit entry #${result.auditSeq}.`;
  }
  return `${result.outcome}: ${result.message}\nAudit entry #${result.auditSeq}.`;
}
