/**
 * A sign-in by a user who was deactivated (or deleted) at that moment, or by an address the
 * users snapshot does not know at all. The moment's status comes from the operation log and
 * webhooks where they say; otherwise from the snapshot.
 */
import type { EventRow } from '../../../shared/events.ts';
import { formatUtc, personKey, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

export const detector: Detector = {
  id: 'signin.inactive_or_unknown_user',
  version: 1,
  severity: 'high',
  technique: { id: 'T1078.004', name: 'Valid Accounts: Cloud Accounts' },
  kinds: ['auth.sign_in', 'admin.user_status_changed', 'admin.user_created', 'admin.user_deleted'],
  title: 'Sign-in by a deactivated or unknown user',
  detect,
};

type Lifecycle = 'active' | 'inactive' | 'created' | 'deleted';

interface Change {
  event: EventRow;
  to: Lifecycle;
}

interface Verdict {
  reason: 'deactivated' | 'deleted' | 'unknown';
  /** The status change that made the user so, when the log holds one. */
  cause: Change | null;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const changes = lifecycleByUser(events);
  const drafts: FindingDraft[] = [];

  for (const event of events) {
    if (event.kind !== 'auth.sign_in') continue;

    const user = personKey(event.actorEmail, event.actorId);
    if (!user) continue;

    const verdict = judge(event, user, changes.get(user) ?? [], context);
    if (verdict) drafts.push(toDraft(event, user, verdict, context));
  }
  return drafts;
}

/** Each user's status changes, creations and deletions in time order, by lower-case e-mail. */
function lifecycleByUser(events: readonly EventRow[]): Map<string, Change[]> {
  const byUser = new Map<string, Change[]>();
  for (const event of events) {
    const to = lifecycleOf(event);
    const user = event.targetEmail?.trim().toLowerCase();
    if (!to || !user) continue;

    const list = byUser.get(user) ?? [];
    list.push({ event, to });
    byUser.set(user, list);
  }
  return byUser;
}

function lifecycleOf(event: EventRow): Lifecycle | null {
  if (event.kind === 'admin.user_created') return 'created';
  if (event.kind === 'admin.user_deleted') return 'deleted';
  if (event.kind !== 'admin.user_status_changed') return null;

  const status = event.detail.status;
  return status === 'inactive' || status === 'active' ? status : null;
}

/**
 * The user's state at the sign-in: the last change before it says; failing that, the first
 * change after it says what came before (a later deactivation means active then); failing
 * that, the snapshot.
 */
function judge(
  signIn: EventRow,
  user: string,
  changes: readonly Change[],
  context: DetectContext,
): Verdict | null {
  const before = changes.filter((change) => change.event.occurredAt <= signIn.occurredAt).at(-1);
  if (before) return verdictAfter(before);

  const after = changes.find((change) => change.event.occurredAt > signIn.occurredAt);
  if (after) return after.to === 'active' ? { reason: 'deactivated', cause: null } : null;

  return verdictFromSnapshot(user, context);
}

function verdictAfter(change: Change): Verdict | null {
  if (change.to === 'inactive') return { reason: 'deactivated', cause: change };
  if (change.to === 'deleted') return { reason: 'deleted', cause: change };
  return null;
}

/** Without a users snapshot nobody can be called unknown; pending invitees may sign in. */
function verdictFromSnapshot(user: string, context: DetectContext): Verdict | null {
  if (context.users.size === 0 || !user.includes('@')) return null;

  const known = context.users.get(user);
  if (!known) return { reason: 'unknown', cause: null };
  return known.status === 'inactive' ? { reason: 'deactivated', cause: null } : null;
}

function toDraft(
  signIn: EventRow,
  user: string,
  verdict: Verdict,
  context: DetectContext,
): FindingDraft {
  const cause = verdict.cause?.event;
  const explanation =
    `${plainLabel(user)} signed in at ${formatUtc(signIn.occurredAt)} from ` +
    `${plainLabel(signIn.ip, 45)} while ${standing(verdict, context)}.`;

  return {
    evidenceEventIds: cause ? [cause.id, signIn.id] : [signIn.id],
    values: {
      user,
      reason: verdict.reason,
      ip: signIn.ip,
      snapshotStatus: context.users.get(user)?.status ?? null,
      changedBy: cause?.actorEmail ?? null,
      changedAt: cause ? new Date(cause.occurredAt).toISOString() : null,
    },
    subject: user,
    explanation,
    firstEventAt: cause?.occurredAt ?? signIn.occurredAt,
    lastEventAt: signIn.occurredAt,
  };
}

/** How the user stood at the time, in words, naming who changed it and when. */
function standing(verdict: Verdict, context: DetectContext): string {
  const cause = verdict.cause?.event;
  const by = cause
    ? ` by ${plainLabel(cause.actorEmail)} at ${formatUtc(cause.occurredAt)}`
    : '';
  if (verdict.reason === 'deleted') return `deleted${by}`;
  if (verdict.reason === 'deactivated' && cause) return `deactivated${by}`;
  if (verdict.reason === 'deactivated') {
    return 'deactivated (the users list shows the user inactive)';
  }

  const users = context.users.size;
  return `not in the account's users list (${users} users)`;
}
