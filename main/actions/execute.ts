/**
 * Running a planned action: confirmation, idempotency, the pre-action snapshot, the Zoom call,
 * settling after a crash, and one audit row for every run, whatever its outcome.
 *
 * The actions row moves planned → running → done | failed (or outcome_unknown when Zoom's
 * answer never arrived). A row found 'running' was left by a crash and is settled by fetching
 * the target again before anything is sent.
 */
import { ExpectedError, EXIT } from '../errors.ts';
import { ZoomApiError } from '../zoom/types.ts';
import {
  claimAction,
  ensureActionRecord,
  listActionRecords,
  setActionSnapshot,
  setActionStatus,
} from '../store/actions.ts';
import type { ActionRecord, ActionStatus } from '../store/actions.ts';
import { insertRawPage, insertRawRecord } from '../store/raw.ts';
import { appendAudit } from './audit.ts';
import {
  confirmedEnding,
  doneEnding,
  failedEnding,
  messageOf,
  silentEnding,
  statusOf,
  utc,
} from './endings.ts';
import type { Ending } from './endings.ts';
import {
  alreadyMessage,
  changingStep,
  confirmsByRefetch,
  currentState,
  effectHolds,
  targetChange,
} from './effects.ts';
import { queuedInputOf } from './queue-input.ts';
import { checkScopes, missingScopeError } from './scopes.ts';
import type {
  ActionContext,
  ActionPlan,
  ActionResult,
  ExecuteOptions,
} from './types.ts';
import { DELETED_BY_RESPONSE_ACTION } from './types.ts';
import {
  auditRequest,
  auditResponse,
  describeCall,
  isGone,
  isRetryLater,
  performCall,
} from './zoom-call.ts';
import type { CallOutcome } from './zoom-call.ts';
import { auditBase, clock } from './audit-fields.ts';

export const SNAPSHOT_SOURCE = 'action.snapshot';

/** Keys being run by this process right now: a second call waits for nothing and refuses. */
const inFlight = new Set<string>();

/**
 * Runs a plan. A dry run only records that the plan was shown (an audit row, outcome
 * `dry_run`); without confirmation the run is refused (audited, then thrown).
 */
export async function executeAction(
  ctx: ActionContext,
  plan: ActionPlan,
  options: ExecuteOptions,
): Promise<ActionResult> {
  if (options.dryRun) return recordDryRun(ctx, plan, options);
  if (!options.confirmed) throw refuse(ctx, plan, options);
  if (inFlight.has(plan.idempotencyKey)) throw alreadyRunning(plan);

  inFlight.add(plan.idempotencyKey);
  try {
    await requireScopes(ctx, plan, options);
    return await runOnce(ctx, plan, options);
  } finally {
    inFlight.delete(plan.idempotencyKey);
  }
}

/** Actions a crash left 'running' or whose answer never came: settle them with executeAction. */
export function listInterruptedActions(ctx: { db: ActionContext['db'] }): ActionRecord[] {
  return listActionRecords(ctx.db, { statuses: ['running', 'outcome_unknown'] })
    .filter((record) => !inFlight.has(record.idempotencyKey));
}

/**
 * Refuses, audited, when the token lacks a scope the action needs. When Zoom cannot be reached
 * the check waits: the snapshot fetch will queue the action, and the queue checks again.
 */
async function requireScopes(
  ctx: ActionContext,
  plan: ActionPlan,
  options: ExecuteOptions,
): Promise<void> {
  let granted: string[];
  try {
    granted = await ctx.zoom.grantedScopes();
  } catch (error) {
    if (error instanceof ZoomApiError && error.category === 'network') return;
    throw error;
  }

  const check = checkScopes(plan.kind, granted);
  if (check.ok) return;
  appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'refused_scope',
    request: { ...auditRequest(plan.call), note: 'missing scope; nothing sent' },
    response: { missing: check.missing },
  });
  throw missingScopeError(plan.kind, check.missing);
}

async function runOnce(
  ctx: ActionContext,
  plan: ActionPlan,
  options: ExecuteOptions,
): Promise<ActionResult> {
  const record = ensureActionRecord(ctx.db, newRecord(plan, options), clock(ctx));
  if (record.status === 'done') return alreadyDone(ctx, plan, record, options);

  let from: ActionStatus = record.status;
  if (from === 'running' || from === 'outcome_unknown') {
    const settled = await settleByRefetch(ctx, plan, record, options);
    if (settled) return settled;
    from = 'failed';
  }
  return run(ctx, plan, record, from, options);
}

async function run(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  from: ActionStatus,
  options: ExecuteOptions,
): Promise<ActionResult> {
  if (!claimAction(ctx.db, record.id, from, options.reason ?? null, clock(ctx))) {
    throw alreadyRunning(plan);
  }

  const snapshot = await performCall(ctx.zoom, plan.snapshotCall);
  if (isRetryLater(snapshot)) return queueForLater(ctx, plan, record, options, snapshot);
  if (isGone(snapshot)) return finishGone(ctx, plan, record, snapshot, options, 'snapshot');
  if (snapshot.kind !== 'answered') {
    const ending = failedEnding(snapshot, 'fetching it first', plan.snapshotCall, null);
    return finish(ctx, plan, record, options, ending);
  }
  const snapshotRawId = keepSnapshot(ctx, plan, record, snapshot);

  const changed = options.fromQueue ? changeSinceConfirmed(plan, record, snapshot) : null;
  if (changed) return askAgain(ctx, plan, record, options, changed);
  if (effectHolds(plan, snapshot) === true) {
    return finishAlready(ctx, plan, record, options, snapshot, snapshotRawId);
  }

  appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'started',
    request: auditRequest(plan.call),
  });
  const answer = await performCall(ctx.zoom, plan.call);
  return settleAnswer(ctx, plan, record, options, answer, snapshotRawId);
}

/** Turns Zoom's answer to the changing call into the row's final status. */
async function settleAnswer(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
  answer: CallOutcome,
  snapshotRawId: number,
): Promise<ActionResult> {
  if (answer.kind === 'answered') {
    if (!confirmsByRefetch(plan)) {
      return finish(ctx, plan, record, options, doneEnding(plan, answer, snapshotRawId));
    }
    const confirm = await performCall(ctx.zoom, plan.snapshotCall);
    return finish(ctx, plan, record, options, confirmedEnding(plan, answer, confirm,
      snapshotRawId));
  }
  if (isGone(answer)) return finishGone(ctx, plan, record, answer, options, 'call');
  if (isRetryLater(answer)) return queueForLater(ctx, plan, record, options, answer);
  if (answer.kind === 'refused') {
    const ending = failedEnding(answer, changingStep(plan), plan.call, snapshotRawId);
    return finish(ctx, plan, record, options, ending);
  }

  // No answer: whether Zoom made the change is unknown until the target is fetched again.
  const recheck = await performCall(ctx.zoom, plan.snapshotCall);
  return finish(ctx, plan, record, options, silentEnding(plan, answer, recheck, snapshotRawId));
}

/**
 * A row left 'running' (or without Zoom's answer): fetch the target. Gone means the earlier
 * run worked; still there means it did not, and the caller runs it again.
 */
async function settleByRefetch(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
): Promise<ActionResult | null> {
  const check = await performCall(ctx.zoom, plan.snapshotCall);

  if (effectHolds(plan, check) === true) {
    return finish(ctx, plan, record, options, {
      status: 'done',
      outcome: 'done',
      auditOutcome: 'settled_done',
      message: `Settled an interrupted run: a fresh fetch shows ${plan.targetLabel} ` +
        `${currentState(plan, check)} (${describeCall(plan.snapshotCall)} answered ` +
        `${statusOf(check)}), so the earlier run took effect. Nothing more was sent.`,
      zoomStatus: statusOf(check),
      request: auditRequest(plan.snapshotCall),
      response: auditResponse(check),
      notes: plan.kind === 'delete-message' ? [DELETED_BY_RESPONSE_ACTION] : [],
      snapshotRawId: record.snapshotRawId,
    });
  }
  // A revocation leaves no trace to fetch; sending it again has the same effect as once.
  if (check.kind === 'answered') {
    setActionStatus(ctx.db, record.id, 'failed', clock(ctx));
    appendAudit(ctx.db, {
      ...auditBase(ctx, plan, options),
      outcome: 'settled_not_done',
      request: auditRequest(plan.snapshotCall),
      response: auditResponse(check),
    });
    return null;
  }
  return finish(ctx, plan, record, options, {
    ...failedEnding(check, 'settling an interrupted run', plan.snapshotCall, record.snapshotRawId),
    status: 'outcome_unknown',
    outcome: 'outcome_unknown',
    auditOutcome: 'outcome_unknown',
  });
}

/** Zoom says the message is not there: the effect holds, nothing is retried. */
function finishGone(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  answer: CallOutcome,
  options: ExecuteOptions,
  when: 'snapshot' | 'call',
): ActionResult {
  const call = when === 'snapshot' ? plan.snapshotCall : plan.call;
  return finish(ctx, plan, record, options, {
    status: 'done',
    outcome: 'not_found',
    auditOutcome: 'not_found',
    message: `${alreadyMessage(plan, answer)} ${describeCall(call)} answered ` +
      `${statusOf(answer)} (${messageOf(answer)}).`,
    zoomStatus: statusOf(answer),
    request: auditRequest(call),
    response: auditResponse(answer),
    notes: [],
    snapshotRawId: null,
  });
}

/** Stores the ending on the actions row and in the audit log, and returns it to the caller. */
function finish(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
  ending: Ending,
): ActionResult {
  const now = clock(ctx);

  setActionStatus(ctx.db, record.id, ending.status, now, {
    result: {
      outcome: ending.outcome,
      message: ending.message,
      zoomStatus: ending.zoomStatus,
      at: utc(now),
      request: ending.request.line ?? null,
      notes: ending.notes,
    },
  });
  const audit = appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: ending.auditOutcome,
    request: { ...ending.request, notes: ending.notes },
    response: ending.response,
    at: now,
  });

  return {
    outcome: ending.outcome,
    ok: ending.status === 'done',
    message: ending.message,
    actionId: record.id,
    auditSeq: audit.seq,
    zoomStatus: ending.zoomStatus,
    snapshotRawId: ending.snapshotRawId ?? record.snapshotRawId,
    notes: ending.notes,
    plan,
  };
}

function alreadyDone(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
): ActionResult {
  const earlier = typeof record.result?.message === 'string' ? ` (${record.result.message})` : '';
  const message = `Already done on ${utc(record.updatedAt)}${earlier}. Nothing was sent.`;
  const audit = appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'already_done',
    request: { line: null, note: 'no call made' },
    response: null,
  });

  return {
    outcome: 'already_done',
    ok: true,
    message,
    actionId: record.id,
    auditSeq: audit.seq,
    zoomStatus: null,
    snapshotRawId: record.snapshotRawId,
    notes: Array.isArray(record.result?.notes) ? (record.result.notes as string[]) : [],
    plan,
  };
}

/** A dry run changes nothing, but showing a plan is still recorded: it says who looked. */
function recordDryRun(ctx: ActionContext, plan: ActionPlan, options: ExecuteOptions): ActionResult {
  const audit = appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'dry_run',
    request: { ...auditRequest(plan.call), steps: plan.steps },
  });

  return {
    outcome: 'dry_run',
    ok: true,
    message: `Dry run: nothing was sent to Zoom. The plan:\n${plan.steps.join('\n')}`,
    actionId: null,
    auditSeq: audit.seq,
    zoomStatus: null,
    snapshotRawId: null,
    notes: [],
    plan,
  };
}

function refuse(ctx: ActionContext, plan: ActionPlan, options: ExecuteOptions): ExpectedError {
  appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'refused',
    request: { ...auditRequest(plan.call), note: 'not confirmed; nothing sent' },
  });
  return new ExpectedError(
    `Refused: ${plan.kind} on ${plan.targetLabel} changes Zoom and was not confirmed. ` +
      'Nothing was sent.',
    'Read the plan (--dry-run), then run it again with --yes to confirm.',
    EXIT.usage,
  );
}

function alreadyRunning(plan: ActionPlan): ExpectedError {
  return new ExpectedError(
    `The action on ${plan.targetLabel} is being run right now by another command.`,
    'Wait for it to finish, then check its outcome with `actions list`.',
  );
}

/** The target is already as wanted: nothing is sent, and the row is done. */
function finishAlready(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
  snapshot: CallOutcome,
  snapshotRawId: number,
): ActionResult {
  return finish(ctx, plan, record, options, {
    status: 'done',
    outcome: 'already_in_effect',
    auditOutcome: 'already_in_effect',
    message: alreadyMessage(plan, snapshot),
    zoomStatus: statusOf(snapshot),
    request: auditRequest(plan.snapshotCall),
    response: auditResponse(snapshot),
    notes: [],
    snapshotRawId,
  });
}

/**
 * Zoom cannot be reached or rate-limits us, and nothing was changed: the confirmed action waits
 * in the queue (status 'queued') with what it needs to be planned again after a restart.
 */
function queueForLater(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
  why: CallOutcome,
): ActionResult {
  const now = clock(ctx);
  const earlier = record.result?.queue as Record<string, unknown> | undefined;
  const queue = earlier ?? queuedInputOf(plan, messageOf(why), now);
  const message = `Queued: Zoom could not take the action now (${messageOf(why)}). Nothing was ` +
    'changed. It runs with `queue run` (or after the next sync); `queue cancel ' +
    `${record.id}\` drops it.`;

  setActionStatus(ctx.db, record.id, 'queued', now, {
    result: { outcome: 'queued', message, queue, at: utc(now) },
  });
  const audit = appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'queued',
    request: auditRequest(plan.snapshotCall),
    response: auditResponse(why),
    at: now,
  });
  return {
    outcome: 'queued', ok: false, message, actionId: record.id, auditSeq: audit.seq,
    zoomStatus: statusOf(why), snapshotRawId: null, notes: [], plan,
  };
}

function changeSinceConfirmed(
  plan: ActionPlan,
  record: ActionRecord,
  snapshot: CallOutcome,
): string | null {
  const queue = record.result?.queue as { confirmedTarget?: Record<string, unknown> } | undefined;
  return queue?.confirmedTarget ? targetChange(plan, queue.confirmedTarget, snapshot) : null;
}

/** The target changed while the action waited: it goes back to needing a confirmation. */
export function askAgain(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  options: ExecuteOptions,
  change: string,
): ActionResult {
  const now = clock(ctx);
  const message = `Not run: since it was confirmed, ${change}. Read the plan again ` +
    '(act … --dry-run) and confirm it anew, or cancel it.';
  setActionStatus(ctx.db, record.id, 'planned', now, {
    result: { outcome: 'needs_confirmation', message, at: utc(now) },
  });
  const audit = appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: 'target_changed',
    request: { note: 'queued action not run', change },
    at: now,
  });
  return {
    outcome: 'needs_confirmation', ok: false, message, actionId: record.id,
    auditSeq: audit.seq, zoomStatus: null, snapshotRawId: record.snapshotRawId, notes: [], plan,
  };
}

/** The Zoom answer becomes evidence: the response page and the message record inside it. */
function keepSnapshot(
  ctx: ActionContext,
  plan: ActionPlan,
  record: ActionRecord,
  answer: CallOutcome & { kind: 'answered' },
): number {
  return ctx.db.transaction(() => {
    const page = insertRawPage(ctx.db, {
      instanceId: plan.instance.id,
      source: SNAPSHOT_SOURCE,
      request: describeCall(plan.snapshotCall),
      httpStatus: answer.status,
      receivedAt: answer.receivedAt,
      body: answer.text,
    });
    const json = answer.body === null ? answer.text : JSON.stringify(answer.body);
    const raw = insertRawRecord(ctx.db, json, SNAPSHOT_SOURCE, page.id, clock(ctx));

    setActionSnapshot(ctx.db, record.id, raw.id, clock(ctx));
    return raw.id;
  })();
}

function newRecord(plan: ActionPlan, options: ExecuteOptions) {
  return {
    idempotencyKey: plan.idempotencyKey,
    instanceId: plan.instance.id,
    kind: plan.kind,
    target: { ...plan.target },
    reason: options.reason ?? null,
  };
}
