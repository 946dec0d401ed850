/**
 * What a fresh fetch of the target says about an action's effect, and the words each outcome
 * is reported in. The executor decides when to fetch; this module only reads the answers.
 */
import type { MessageTarget, MemberTarget, ActionPlan, UserTarget } from './types.ts';
import { listNamesMember } from './remove-member.ts';
import { isGone } from './zoom-call.ts';
import type { CallOutcome } from './zoom-call.ts';

/** true: the intended effect holds; false: it does not; null: the target cannot tell. */
export function effectHolds(plan: ActionPlan, check: CallOutcome): boolean | null {
  if (isGone(check)) return plan.kind === 'delete-message' || plan.kind === 'remove-member';
  if (check.kind !== 'answered') return false;

  switch (plan.kind) {
    case 'delete-message':
      return false;
    case 'remove-member':
      return memberGone(check.body, plan.target as MemberTarget);
    case 'deactivate-user':
      return statusOf(check.body) === 'inactive';
    case 'reactivate-user':
      return statusOf(check.body) === 'active';
    case 'revoke-sso':
      return null;
  }
}

/** The state the target is in now, for messages: "inactive", "gone". */
export function currentState(plan: ActionPlan, check: CallOutcome): string {
  if (isGone(check)) return 'gone';
  if (check.kind !== 'answered') return 'unknown';
  if (plan.kind === 'deactivate-user' || plan.kind === 'reactivate-user') {
    return statusOf(check.body) ?? 'without a status';
  }
  if (plan.kind === 'remove-member') {
    return listNamesMember(check.body, plan.target as MemberTarget) ? 'still a member' : 'gone';
  }
  return 'present';
}

/** Says why the target is already as wanted; nothing is sent in that case. */
export function alreadyMessage(plan: ActionPlan, check: CallOutcome): string {
  switch (plan.kind) {
    case 'delete-message':
      return `Message ${(plan.target as MessageTarget).messageId}: not found (already ` +
        'deleted?). Not retried.';
    case 'remove-member':
      return `${label(plan)} is no longer in the channel (already removed?). Nothing was sent.`;
    case 'deactivate-user':
      return `${label(plan)} is already inactive in Zoom (fresh fetch: status ` +
        `${currentState(plan, check)}). Nothing was sent; reactivate-user undoes a deactivation.`;
    case 'reactivate-user':
      return `${label(plan)} is already active in Zoom (fresh fetch: status ` +
        `${currentState(plan, check)}). Nothing was sent.`;
    case 'revoke-sso':
      return `${label(plan)}: nothing to do.`;
  }
}

export function doneMessage(plan: ActionPlan, status: number, at: string): string {
  switch (plan.kind) {
    case 'delete-message':
      return `Deleted: Zoom answered ${status} at ${at}. The stored copies stay in the ` +
        'evidence store, marked deleted_by_response_action.';
    case 'remove-member':
      return `Removed ${label(plan)}: Zoom answered ${status} at ${at}.`;
    case 'deactivate-user':
      return `Deactivated ${label(plan)}: Zoom answered ${status} at ${at}, and a fresh fetch ` +
        'shows the status inactive.';
    case 'reactivate-user':
      return `Reactivated ${label(plan)}: Zoom answered ${status} at ${at}, and a fresh fetch ` +
        'shows the status active.';
    case 'revoke-sso':
      return `Revoked the SSO token of ${label(plan)}: Zoom answered ${status} at ${at}.`;
  }
}

/** The verb of the changing call, for "failed while …". */
export function changingStep(plan: ActionPlan): string {
  const verbs: Record<ActionPlan['kind'], string> = {
    'delete-message': 'deleting it',
    'remove-member': 'removing the member',
    'deactivate-user': 'deactivating the user',
    'reactivate-user': 'reactivating the user',
    'revoke-sso': 'revoking the SSO token',
  };
  return verbs[plan.kind];
}

/** Whether a status change must be confirmed by fetching the user again (B37). */
export function confirmsByRefetch(plan: ActionPlan): boolean {
  return plan.kind === 'deactivate-user' || plan.kind === 'reactivate-user';
}

/**
 * A queued action whose target is not what the investigator confirmed: another message text,
 * another e-mail behind the user id. Null when it is the same target.
 */
export function targetChange(
  plan: ActionPlan,
  confirmed: Record<string, unknown>,
  fresh: CallOutcome,
): string | null {
  if (fresh.kind !== 'answered') return null;
  const body = (fresh.body ?? {}) as Record<string, unknown>;

  if (plan.kind === 'delete-message') {
    const before = confirmed.textPreview;
    const now = typeof body.message === 'string' ? preview(body.message) : null;
    return typeof before === 'string' && now !== null && now !== before
      ? `the message text changed from "${before}" to "${now}"`
      : null;
  }
  if (plan.kind === 'remove-member') return null;

  const before = (confirmed as Partial<UserTarget>).email?.toLowerCase();
  const now = typeof body.email === 'string' ? body.email.toLowerCase() : null;
  return before && now && before !== now ? `the user's e-mail changed from ${before} to ${now}`
    : null;
}

/**
 * Absent from a complete list means gone. When the list has more pages the member may be on one
 * of them, so it counts as still there: the DELETE then settles it (204, or 404 when gone).
 */
function memberGone(body: unknown, member: MemberTarget): boolean {
  if (listNamesMember(body, member)) return false;
  const next = (body as { next_page_token?: unknown } | null)?.next_page_token;
  return typeof next !== 'string' || next === '';
}

function preview(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function statusOf(body: unknown): string | null {
  const status = (body as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : null;
}

function label(plan: ActionPlan): string {
  const text = plan.targetLabel;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
