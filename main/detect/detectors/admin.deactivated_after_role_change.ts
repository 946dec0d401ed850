/**
 * A user is deactivated soon after their role changed: demoting an admin and then shutting
 * them out, or promoting an account, using it and deactivating it to cover the trail.
 */
import type { EventRow } from '../../../shared/events.ts';
import { statusChanges, type StatusChange } from '../status-changes.ts';
import { formatDuration, formatUtc, personKey, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const HOUR_MS = 3_600_000;

export const detector: Detector = {
  id: 'admin.deactivated_after_role_change',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1531', name: 'Account Access Removal' },
  kinds: ['admin.role_changed', 'user.updated', 'admin.user_status_changed'],
  title: 'User deactivated soon after a role change',
  detect,
};

interface RoleChange {
  event: EventRow;
  target: string;
  from: string | null;
  to: string | null;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const roles = events.map(roleChangeOf).filter((change): change is RoleChange => !!change);
  const windowMs = context.settings.deactivationAfterRoleChangeHours * HOUR_MS;
  const drafts: FindingDraft[] = [];

  for (const deactivation of statusChanges(events)) {
    if (deactivation.status !== 'inactive') continue;

    const before = roles.filter((role) => role.target === deactivation.target &&
      role.event.occurredAt <= deactivation.at &&
      deactivation.at - role.event.occurredAt <= windowMs);
    const latest = before.at(-1);
    if (latest) drafts.push(toDraft(latest, deactivation));
  }
  return drafts;
}

/** A role change from the operation log, or a user.updated body that changes the role. */
function roleChangeOf(event: EventRow): RoleChange | null {
  const target = personKey(event.targetEmail, event.targetId);
  if (!target) return null;

  if (event.kind === 'admin.role_changed') {
    return { event, target, from: text(event.detail.from), to: text(event.detail.to) };
  }
  if (event.kind !== 'user.updated') return null;

  const changed = record(event.detail.changed);
  const to = text(changed.role_name) ?? text(changed.role_id);
  if (!to) return null;

  const previous = record(event.detail.previous);
  return { event, target, from: text(previous.role_name) ?? text(previous.role_id), to };
}

function toDraft(role: RoleChange, deactivation: StatusChange): FindingDraft {
  const roleOperator = role.event.actorEmail?.toLowerCase() ?? null;
  const fromTo = role.from && role.to
    ? ` from ${plainLabel(role.from, 40)} to ${plainLabel(role.to, 40)}`
    : role.to ? ` to ${plainLabel(role.to, 40)}` : '';
  const explanation =
    `${plainLabel(deactivation.operator)} deactivated ${plainLabel(deactivation.target)} at ` +
    `${formatUtc(deactivation.at)}, ${formatDuration(deactivation.at - role.event.occurredAt)} ` +
    `after ${plainLabel(roleOperator)} changed their role${fromTo}.`;

  return {
    evidenceEventIds: [role.event.id, ...deactivation.events.map((event) => event.id)],
    values: {
      target: deactivation.target,
      roleChangedBy: roleOperator,
      roleFrom: role.from,
      roleTo: role.to,
      roleChangedAt: new Date(role.event.occurredAt).toISOString(),
      deactivatedBy: deactivation.operator,
      deactivatedAt: new Date(deactivation.at).toISOString(),
      minutesBetween: Math.round((deactivation.at - role.event.occurredAt) / 60_000),
    },
    subject: deactivation.target,
    explanation,
    firstEventAt: role.event.occurredAt,
    lastEventAt: Math.max(...deactivation.events.map((event) => event.occurredAt)),
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
