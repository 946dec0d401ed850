/**
 * The endings of a Zoom action run: what Zoom's answer (or silence) means for the row's status,
 * the audit outcome and the sentence the investigator reads. Pure: nothing here writes.
 */
import type { ActionStatus } from '../store/actions.ts';
import { changingStep, currentState, doneMessage, effectHolds } from './effects.ts';
import type { ActionOutcome, ActionPlan, ZoomCall } from './types.ts';
import { DELETED_BY_RESPONSE_ACTION } from './types.ts';
import { auditRequest, auditResponse } from './zoom-call.ts';
import type { CallOutcome } from './zoom-call.ts';

export interface Ending {
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

export function doneEnding(
  plan: ActionPlan,
  answer: CallOutcome & { kind: 'answered' },
  snapshotRawId: number,
): Ending {
  return {
    status: 'done',
    outcome: 'done',
    auditOutcome: 'done',
    message: doneMessage(plan, answer.status, utc(answer.receivedAt)),
    zoomStatus: answer.status,
    request: auditRequest(plan.call),
    response: auditResponse(answer),
    notes: plan.kind === 'delete-message' ? [DELETED_BY_RESPONSE_ACTION] : [],
    snapshotRawId,
  };
}

/** B37: a status change counts as done only when a fresh fetch shows the new status. */
export function confirmedEnding(
  plan: ActionPlan,
  answer: CallOutcome & { kind: 'answered' },
  confirm: CallOutcome,
  snapshotRawId: number,
): Ending {
  const done = doneEnding(plan, answer, snapshotRawId);
  const response = { call: auditResponse(answer), confirm: auditResponse(confirm) };
  if (effectHolds(plan, confirm) === true) return { ...done, response };

  return {
    ...done,
    status: confirm.kind === 'answered' ? 'failed' : 'outcome_unknown',
    outcome: confirm.kind === 'answered' ? 'failed' : 'outcome_unknown',
    auditOutcome: confirm.kind === 'answered' ? 'not_confirmed' : 'outcome_unknown',
    message: `Zoom answered ${answer.status}, but a fresh fetch shows ${plan.targetLabel} ` +
      `${currentState(plan, confirm)}. Check the user in Zoom's admin console, then run the ` +
      'action again.',
    response,
  };
}

export function failedEnding(
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
export function silentEnding(
  plan: ActionPlan,
  answer: CallOutcome,
  recheck: CallOutcome,
  snapshotRawId: number,
): Ending {
  const base = failedEnding(answer, changingStep(plan), plan.call, snapshotRawId);
  const response = { call: auditResponse(answer), recheck: auditResponse(recheck) };

  if (effectHolds(plan, recheck) === true) {
    return {
      ...base,
      status: 'done',
      outcome: 'done',
      auditOutcome: 'settled_done',
      message: `Zoom's answer was lost (${messageOf(answer)}), but a fresh fetch shows ` +
        `${plan.targetLabel} ${currentState(plan, recheck)}, so the change was made.`,
      response,
      notes: plan.kind === 'delete-message' ? [DELETED_BY_RESPONSE_ACTION] : [],
    };
  }
  if (recheck.kind === 'answered' && effectHolds(plan, recheck) === false) {
    return { ...base, response };
  }
  return {
    ...base,
    status: 'outcome_unknown',
    outcome: 'outcome_unknown',
    auditOutcome: 'outcome_unknown',
    message: `Zoom did not answer (${messageOf(answer)}) and a fresh fetch cannot tell ` +
      `whether ${changingStep(plan)} worked. Run the action again to settle it.`,
    response,
  };
}

export function statusOf(outcome: CallOutcome): number | null {
  return outcome.kind === 'silent' ? null : outcome.status;
}

export function messageOf(outcome: CallOutcome): string {
  return outcome.kind === 'answered' ? `status ${outcome.status}` : outcome.message;
}


/** `2026-12-04 16:30:12 UTC`: the form every action message uses. */
export function utc(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
