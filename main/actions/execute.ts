/**
 * Running a planned action: confirmation, idempotency, the pre-action snapshot, the Zoom call,
 * settling after a crash, and one audit row for every run, whatever its outcome.
 *
 * The actions row moves planned → running → done | failed (or outcome_unknown when Zoom's
 * answer never arrived). A row found 'running' was left by a crash and is settled by fetching
 * the target again before anything is sent.
 */
import { ExpectedError, EXIT } from '../errors.ts';
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
import type {
  ActionContext,
  ActionOutcome,
  ActionPlan,
  ActionResult,
  ExecuteOptions,
  ZoomCall,
} from './types.ts';
import { DELETED_BY_RESPONSE_ACTION } from './types.ts';
import { auditRequest, auditResponse, describeCall, isGone, performCall } from './zoom-call.ts';
import type { CallOutcome } from './zoom-call.ts';

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
  if (isGone(snapshot)) return finishGone(ctx, plan, record, snapshot, options, 'snapshot');
  if (snapshot.kind !== 'answered') {
    const ending = failedEnding(snapshot, 'fetching it first', plan.snapshotCall, null);
    return finish(ctx, plan, record, options, ending);
  }
  const snapshotRawId = keepSnapshot(ctx, plan, record, snapshot);

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
    return finish(ctx, plan, record, options, doneEnding(plan, answer, snapshotRawId));
  }
  if (isGone(answer)) return finishGone(ctx, plan, record, answer, options, 'call');
  if (answer.kind === 'refused') {
    const ending = failedEnding(answer, 'deleting it', plan.call, snapshotRawId);
    return finish(ctx, plan, record, options, ending);
  }

  // No answer: whether Zoom deleted it is unknown until the message is fetched again.
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

  if (isGone(check)) {
    return finish(ctx, plan, record, options, {
      status: 'done',
      outcome: 'done',
      auditOutcome: 'settled_done',
      message: `Settled an interrupted run: Zoom no longer has the message ` +
        `(${describeCall(plan.snapshotCall)} answered ${statusOf(check)}), so it was deleted.`,
      zoomStatus: statusOf(check),
      request: auditRequest(plan.snapshotCall),
      response: auditResponse(check),
      notes: [DELETED_BY_RESPONSE_ACTION],
      snapshotRawId: record.snapshotRawId,
    });
  }
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
    message: `Message ${plan.target.messageId}: not found (already deleted?). ` +
      `${describeCall(call)} answered ${statusOf(answer)} (${messageOf(answer)}); not retried.`,
    zoomStatus: statusOf(answer),
    request: auditRequest(call),
    response: auditResponse(answer),
    notes: [],
    snapshotRawId: null,
  });
}

interface Ending {
  status: ActionStatus;
  outcome: ActionOutcome;
  auditOutcome: string;
  message: string;
  zoomStatus: number | null;
  request: Record<string, unknown>;
  response: unknown;
  notes: string[];
  snapshotRawId: number | null;
}

function doneEnding(
  plan: ActionPlan,
  answer: CallOutcome & { kind: 'answered' },
  snapshotRawId: number,
): Ending {
  return {
    status: 'done',
    outcome: 'done',
    auditOutcome: 'done',
    message: `Deleted: Zoom answered ${answer.status} at ${utc(answer.receivedAt)}. ` +
      'The stored copies stay in the evidence store, marked deleted_by_response_action.',
    zoomStatus: answer.status,
    request: auditRequest(plan.call),
    response: auditResponse(answer),
    notes: [DELETED_BY_RESPONSE_ACTION],
    snapshotRawId,
  };
}

function failedEnding(
  answer: CallOutcome,
  step: string,
  call: ZoomCall,
  snapshotRawId: number | null,
): Ending {
  return {
    status: 'failed',
    outcome: 'failed',
    auditOutcome: 'failed',
    message: `Failed while ${step}: ${messageOf(answer)}. Nothing more was sent; ` +
      'run it again to retry.',
    zoomStatus: statusOf(answer),
    request: auditRequest(call),
    response: auditResponse(answer),
    notes: [],
    snapshotRawId,
  };
}

/** The changing call got no answer; the re-fetch decides, or the outcome stays unknown. */
function silentEnding(
  plan: ActionPlan,
  answer: CallOutcome,
  recheck: CallOutcome,
  snapshotRawId: number,
): Ending {
  const base = failedEnding(answer, 'deleting it', plan.call, snapshotRawId);
  const response = { call: auditResponse(answer), recheck: auditResponse(recheck) };

  if (isGone(recheck)) {
    return {
      ...base,
      status: 'done',
      outcome: 'done',
      auditOutcome: 'settled_done',
      message: `Zoom's answer was lost (${messageOf(answer)}), but the message is gone now, ` +
        'so it was deleted.',
      response,
      notes: [DELETED_BY_RESPONSE_ACTION],
    };
  }
  if (recheck.kind === 'answered') return { ...base, response };
  return {
    ...base,
    status: 'outcome_unknown',
    outcome: 'outcome_unknown',
    auditOutcome: 'outcome_unknown',
    message: `Zoom did not answer (${messageOf(answer)}) and the message could not be fetched ` +
      'again, so whether it was deleted is unknown. Run the action again to settle it.',
    response,
  };
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
    `Refused: deleting ${plan.targetLabel} changes Zoom and was not confirmed. Nothing was sent.`,
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

function auditBase(ctx: ActionContext, plan: ActionPlan, options: ExecuteOptions) {
  return {
    action: `action.${plan.kind}`,
    target: plan.targetLabel,
    instanceId: plan.instance.id,
    idempotencyKey: plan.idempotencyKey,
    reason: options.reason ?? null,
    at: clock(ctx),
  };
}

function statusOf(outcome: CallOutcome): number | null {
  return outcome.kind === 'silent' ? null : outcome.status;
}

function messageOf(outcome: CallOutcome): string {
  return outcome.kind === 'answered' ? `status ${outcome.status}` : outcome.message;
}

function clock(ctx: ActionContext): number {
  return ctx.now?.() ?? Date.now();
}

/** `2026-12-04 16:30:12 UTC`: the form every action message uses. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
