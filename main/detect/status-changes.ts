/**
 * User deactivations and reactivations as one occurrence each, although the operation log
 * and the user.deactivated / user.activated webhook both report them (with different ids).
 */
import type { EventRow } from '../../shared/events.ts';
import { personKey } from './text.ts';

/** Reports of one change this close together, same target and status, are one change. */
const SAME_CHANGE_MS = 5 * 60_000;

export interface StatusChange {
  /** `inactive` (deactivated) or `active` (reactivated). */
  status: 'inactive' | 'active';
  target: string;
  operator: string | null;
  at: number;
  /** Every event reporting it: the log row and the webhook body. */
  events: EventRow[];
}

/** The status changes in time order; events that are not one are left out. */
export function statusChanges(events: readonly EventRow[]): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const event of events) {
    const status = statusOf(event);
    const target = personKey(event.targetEmail, event.targetId);
    if (!status || !target) continue;

    const same = changes.find((change) => change.target === target &&
      change.status === status && Math.abs(change.at - event.occurredAt) <= SAME_CHANGE_MS);
    if (same) {
      same.events.push(event);
      same.operator ??= event.actorEmail?.toLowerCase() ?? null;
    } else {
      changes.push({ status, target, operator: event.actorEmail?.toLowerCase() ?? null,
        at: event.occurredAt, events: [event] });
    }
  }
  return changes;
}

function statusOf(event: EventRow): 'inactive' | 'active' | null {
  if (event.kind !== 'admin.user_status_changed') return null;

  const status = event.detail.status;
  return status === 'inactive' || status === 'active' ? status : null;
}
