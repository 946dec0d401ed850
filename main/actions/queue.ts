/**
 * The offline queue: confirmed actions that could not run (Zoom or the SMTP server unreachable,
 * or Zoom rate-limiting us) wait as 'queued' rows in the actions table, so they survive a
 * restart. Draining plans each one again and runs it; one whose target changed asks again.
 */
import { ExpectedError } from '../errors.ts';
import { getActionById, listActionRecords, setActionStatus } from '../store/actions.ts';
import type { ActionRecord } from '../store/actions.ts';
import type { Db } from '../store/db.ts';
import type { ZoomClient } from '../zoom/types.ts';
import { appendAudit } from './audit.ts';
import { executeEmail } from './email/execute-email.ts';
import type { EmailResult } from './email/execute-email.ts';
import { planEmail } from './email/plan-email.ts';
import type { EmailActionInput, Mailer } from './email/types.ts';
import { executeAction } from './execute.ts';
import { planAction } from './plan.ts';
import type { ActionInput, ActionResult, QueuedInput } from './types.ts';
import { EMAIL_ACTION_KINDS } from './types.ts';

export interface QueueItem {
  id: number;
  kind: string;
  instanceId: number | null;
  targetLabel: string;
  reason: string | null;
  queuedAt: number;
  /** Why it is waiting: Zoom's or the network's words. */
  why: string;
}

export interface QueueContext {
  db: Db;
  /** A client for one instance; called only for Zoom actions in the queue. */
  zoomFor: (instanceId: number) => ZoomClient;
  mailer: () => Promise<Mailer>;
  now?: () => number;
}

export interface DrainedItem {
  id: number;
  kind: string;
  outcome: string;
  message: string;
}

export function listQueue(db: Db): QueueItem[] {
  return listActionRecords(db, { statuses: ['queued'] }).map(toItem);
}

/** Drops one queued action: nothing is sent, the row says cancelled, the audit says who. */
export function cancelQueued(db: Db, id: number, reason: string | null, now = Date.now()): void {
  const record = getActionById(db, id);
  if (!record || record.status !== 'queued') throw notQueued(id, record);

  const item = toItem(record);
  setActionStatus(db, id, 'cancelled', now, {
    result: { ...record.result, outcome: 'cancelled', at: new Date(now).toISOString() },
  });
  appendAudit(db, {
    action: `action.${record.kind}`,
    target: item.targetLabel,
    outcome: 'cancelled',
    instanceId: record.instanceId,
    idempotencyKey: record.idempotencyKey,
    reason,
    request: { note: 'cancelled from the queue; nothing sent' },
    at: now,
  });
}

export interface QueueFilter {
  /** Only this account's actions (e-mail included: it names the account's finding). */
  instanceId?: number;
  /** Only Zoom actions: after a sync, Zoom is known to answer but SMTP is not. */
  zoomOnly?: boolean;
}

/** Runs every queued action once, oldest first; each keeps its own outcome. */
export async function runQueue(
  ctx: QueueContext,
  filter: QueueFilter = {},
): Promise<DrainedItem[]> {
  const records = listActionRecords(ctx.db, { statuses: ['queued'], instanceId: filter.instanceId })
    .filter((r) => !(filter.zoomOnly && isEmail(r.kind)));

  const drained: DrainedItem[] = [];
  for (const record of records) drained.push(await runOne(ctx, record));
  return drained;
}

async function runOne(ctx: QueueContext, record: ActionRecord): Promise<DrainedItem> {
  const queued = queuedOf(record);
  try {
    const result = isEmail(record.kind)
      ? await runEmail(ctx, record, queued)
      : await runZoom(ctx, record, queued);
    return { id: record.id, kind: record.kind, outcome: result.outcome, message: result.message };
  } catch (error) {
    if (!(error instanceof ExpectedError)) throw error;
    return { id: record.id, kind: record.kind, outcome: 'failed', message: error.message };
  }
}

async function runZoom(
  ctx: QueueContext,
  record: ActionRecord,
  queued: QueuedInput,
): Promise<ActionResult | { outcome: string; message: string }> {
  const plan = planAction(ctx.db, queued.input as unknown as ActionInput);
  if (plan.idempotencyKey !== record.idempotencyKey || plan.targetLabel !== queued.targetLabel) {
    return askAgainLocally(ctx, record, queued, `the stored target is now ${plan.targetLabel}`);
  }
  const zoom = ctx.zoomFor(plan.instance.id);
  return executeAction({ db: ctx.db, zoom, now: ctx.now }, plan, {
    confirmed: true, dryRun: false, reason: record.reason ?? undefined, fromQueue: true,
  });
}

async function runEmail(
  ctx: QueueContext,
  record: ActionRecord,
  queued: QueuedInput,
): Promise<EmailResult | { outcome: string; message: string }> {
  const plan = planEmail(ctx.db, queued.input as unknown as EmailActionInput);
  if (plan.idempotencyKey !== record.idempotencyKey || plan.targetLabel !== queued.targetLabel) {
    return askAgainLocally(ctx, record, queued, `it would now go to ${plan.targetLabel}`);
  }
  return executeEmail({ db: ctx.db, mailer: ctx.mailer, now: ctx.now }, plan, {
    confirmed: true, dryRun: false, reason: record.reason ?? undefined,
  });
}

/** The plan itself changed while waiting (a re-sync, another action): confirm it anew. */
function askAgainLocally(
  ctx: QueueContext,
  record: ActionRecord,
  queued: QueuedInput,
  change: string,
): { outcome: string; message: string } {
  const now = ctx.now?.() ?? Date.now();
  const message = `Not run: since it was confirmed, ${change}. Plan it again (act … --dry-run) ` +
    'and confirm it anew.';
  setActionStatus(ctx.db, record.id, 'planned', now, {
    result: { outcome: 'needs_confirmation', message, at: new Date(now).toISOString() },
  });
  appendAudit(ctx.db, {
    action: `action.${record.kind}`, target: queued.targetLabel, outcome: 'target_changed',
    instanceId: record.instanceId, idempotencyKey: record.idempotencyKey,
    reason: record.reason, request: { note: 'queued action not run', change }, at: now,
  });
  return { outcome: 'needs_confirmation', message };
}

function queuedOf(record: ActionRecord): QueuedInput {
  const queue = record.result?.queue as QueuedInput | undefined;
  if (!queue) {
    throw new ExpectedError(
      `Queued action #${record.id} does not say how to run it again.`,
      `Cancel it with \`queue cancel ${record.id}\` and plan the action anew.`,
    );
  }
  return queue;
}

function toItem(record: ActionRecord): QueueItem {
  const queue = record.result?.queue as Partial<QueuedInput> | undefined;
  return {
    id: record.id,
    kind: record.kind,
    instanceId: record.instanceId,
    targetLabel: queue?.targetLabel ?? JSON.stringify(record.target),
    reason: record.reason,
    queuedAt: queue?.queuedAt ?? record.updatedAt,
    why: queue?.why ?? '',
  };
}

function isEmail(kind: string): boolean {
  return (EMAIL_ACTION_KINDS as readonly string[]).includes(kind);
}

function notQueued(id: number, record: ActionRecord | null): ExpectedError {
  return new ExpectedError(
    record ? `Action #${id} is ${record.status}, not queued, so there is nothing to cancel.`
      : `There is no action #${id}.`,
    'List the queue with `queue list`.',
  );
}
