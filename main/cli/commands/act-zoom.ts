/** `act deactivate-user|reactivate-user|revoke-sso|remove-member|delete-message TARGET`. */
import type { Command } from 'commander';

import { executeAction, planAction } from '../../actions/index.ts';
import type { ActionKind, ActionPlan, ActionResult } from '../../actions/index.ts';
import type { AppContext } from '../../app/context.ts';
import { EXIT } from '../../errors.ts';
import { getInstanceById, resolveInstance } from '../../store/instances.ts';
import { createZoomClient } from '../../zoom/client.ts';
import { confirmAction } from '../confirm.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import type { CommandResult } from '../output.ts';
import { runWithContext } from '../run.ts';

export interface ConfirmOptions {
  yes?: boolean;
  dryRun?: boolean;
  reason?: string;
  instance?: string;
}

interface ZoomActionSpec {
  kind: ActionKind;
  description: string;
  target: string;
  question: string;
}

const ZOOM_ACTIONS: readonly ZoomActionSpec[] = [
  {
    kind: 'delete-message',
    description: 'delete a Team Chat message in Zoom, as its sender; the evidence is kept',
    target: 'an event id or a Zoom message id from the store',
    question: 'Delete this message in Zoom?',
  },
  {
    kind: 'deactivate-user',
    description: 'deactivate a Zoom user (blocks sign-in); the status is re-fetched to confirm',
    target: 'a user id or e-mail from the store',
    question: 'Deactivate this user in Zoom?',
  },
  {
    kind: 'reactivate-user',
    description: 'reactivate a deactivated Zoom user; the status is re-fetched to confirm',
    target: 'a user id or e-mail from the store',
    question: 'Reactivate this user in Zoom?',
  },
  {
    kind: 'revoke-sso',
    description: "revoke a user's SSO token (signs them out of the current Zoom session)",
    target: 'a user id or e-mail from the store',
    question: "Revoke this user's SSO token?",
  },
  {
    kind: 'remove-member',
    description: 'remove an (external) member from a channel, acting as the channel owner',
    target: 'CHANNEL_ID/MEMBER, the member as an e-mail or member id',
    question: 'Remove this member from the channel?',
  },
];

export function registerZoomActions(act: Command, globals: GlobalOptionsOf): void {
  for (const spec of ZOOM_ACTIONS) {
    act
      .command(spec.kind)
      .description(spec.description)
      .argument('<target>', spec.target)
      .option('--instance <name>', 'the account, when the target is stored for several')
      .option('--reason <text>', 'why: recorded in the audit log')
      .option('--yes', 'confirm without asking')
      .option('--dry-run', 'show exactly what would happen and do nothing')
      .action(async (target: string, options: ConfirmOptions, command: Command) => {
        await runWithContext(globals(command), (ctx) => runZoomAction(ctx, spec, target, options));
      });
  }
}

async function runZoomAction(
  ctx: AppContext,
  spec: ZoomActionSpec,
  target: string,
  options: ConfirmOptions,
): Promise<CommandResult> {
  const instanceId = options.instance ? resolveInstance(ctx.db, options.instance).id : undefined;
  const plan = planAction(ctx.db, { kind: spec.kind, target, instanceId });
  process.stderr.write(`${describePlan(plan)}\n`);

  const confirmed = options.dryRun
    ? false
    : await confirmAction(spec.question, options.yes === true);
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

export function describePlan(plan: ActionPlan): string {
  return [
    `Action   ${plan.kind} on ${plan.instance.name} (account ${plan.instance.accountId})`,
    `Target   ${plan.targetLabel}`,
    ...plan.steps.map((step, i) => `${i === 0 ? 'Steps' : '     '}    ${i + 1}. ${step}`),
    `Scopes   ${plan.requiredScopes.map((alts) => alts.join(' or ')).join('; ')}`,
    plan.previous
      ? `Earlier  this action is ${plan.previous.status} since ` +
        new Date(plan.previous.updatedAt).toISOString()
      : '',
  ].filter(Boolean).join('\n');
}

function describeResult(result: ActionResult): string {
  if (result.outcome === 'dry_run') {
    return 'Dry run: nothing was sent to Zoom (the plan is above). ' +
      `Audit entry #${result.auditSeq}.`;
  }
  const status = result.zoomStatus === null ? '' : ` (Zoom answered HTTP ${result.zoomStatus})`;
  return `${result.outcome}: ${result.message}${status}\nAudit entry #${result.auditSeq}.`;
}

/** 0 when the effect holds; 3 when Zoom refused; 1 when it is pending or unknown. */
export function resultExitCode(result: { ok: boolean; outcome: string }): number {
  if (result.ok || result.outcome === 'dry_run') return EXIT.ok;
  return result.outcome === 'failed' ? EXIT.zoomRefused : EXIT.failure;
}
