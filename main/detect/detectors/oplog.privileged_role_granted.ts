/**
 * A user is given an admin or owner role (or moved up between them). The privileged role
 * names are a setting; a role change down or sideways never fires.
 */
import type { EventRow } from '../../../shared/events.ts';
import { formatUtc, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** Values are kept short: the full sentence stays in the evidence event. */
const MAX_VALUE = 200;

export const detector: Detector = {
  id: 'oplog.privileged_role_granted',
  version: 1,
  severity: 'high',
  technique: { id: 'T1098.003', name: 'Account Manipulation: Additional Cloud Roles' },
  kinds: ['admin.role_changed'],
  title: 'Admin or owner role granted',
  detect,
};

interface RoleChange {
  from: string | null;
  to: string;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const event of events) {
    const change = roleChangeOf(event);
    if (!change) continue;

    const toRank = roleRank(change.to, context);
    const fromRank = change.from === null ? 0 : roleRank(change.from, context);
    if (toRank > fromRank) drafts.push(toDraft(event, change));
  }
  return drafts;
}

/** From ingest's from/to, else the role named after "role" in an assignment sentence. */
function roleChangeOf(event: EventRow): RoleChange | null {
  const { from, to } = event.detail;
  if (typeof to === 'string' && to.trim()) {
    return { from: typeof from === 'string' ? from.trim() : null, to: to.trim() };
  }

  const assigned = /\b(?:assign(?:ed)?|grant(?:ed)?|add(?:ed)?)\s+(?:the\s+)?role\s+"?([^"]{1,60}?)"?\s+to\b/i
    .exec(event.text?.slice(0, 1000) ?? '');
  return assigned?.[1] ? { from: null, to: assigned[1].trim() } : null;
}

/**
 * 0 for an ordinary role; otherwise one more than the position of the highest privileged
 * word it contains ("Billing Admin" is an admin role, "Co-owner" an owner role).
 */
function roleRank(role: string, context: DetectContext): number {
  const words = role.toLowerCase().split(/[^a-z0-9]+/);
  let rank = 0;
  context.settings.privilegedRoles.forEach((name, index) => {
    const target = name.toLowerCase();
    if (words.some((word) => word === target || word === `${target}s`)) rank = index + 1;
    if (words.some((word) => word.endsWith(target) && word.length > target.length)) {
      rank = Math.max(rank, index + 1);
    }
  });
  return rank;
}

function toDraft(event: EventRow, change: RoleChange): FindingDraft {
  const operator = event.actorEmail?.toLowerCase() ?? null;
  const target = event.targetEmail?.toLowerCase() ?? null;
  const from = change.from ? ` (from ${plainLabel(change.from, 40)})` : '';
  const explanation =
    `${plainLabel(operator)} gave ${plainLabel(target)} the role ` +
    `"${plainLabel(change.to, 40)}"${from} at ${formatUtc(event.occurredAt)}.`;

  return {
    evidenceEventIds: [event.id],
    values: {
      operator,
      target,
      from: change.from?.slice(0, MAX_VALUE) ?? null,
      to: change.to.slice(0, MAX_VALUE),
    },
    subject: target ?? operator,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
  };
}
