/**
 * An administrator deactivates or reactivates a user outside every change window of the
 * account (weekdays and hours, a setting): lifecycle changes at night or at the weekend are
 * how a takeover locks out the people who would notice it, or lets a departed user back in.
 */
import type { EventRow } from '../../../shared/events.ts';
import { describeWindows, inChangeWindow, localMoment } from '../change-windows.ts';
import { statusChanges, type StatusChange } from '../status-changes.ts';
import { formatUtc, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

export const detector: Detector = {
  id: 'admin.deactivation_outside_change_window',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1531', name: 'Account Access Removal' },
  kinds: ['admin.user_status_changed'],
  title: 'User deactivated or reactivated outside change windows',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const windows = context.settings.changeWindows;
  return statusChanges(events)
    .filter((change) => !inChangeWindow(change.at, windows))
    .map((change) => toDraft(change, context));
}

function toDraft(change: StatusChange, context: DetectContext): FindingDraft {
  const windows = context.settings.changeWindows;
  const zone = windows[0]?.timeZone ?? 'UTC';
  const local = localMoment(change.at, zone);
  const verb = change.status === 'inactive' ? 'deactivated' : 'reactivated';
  const clock = `${String(Math.floor(local.minute / 60)).padStart(2, '0')}:` +
    `${String(local.minute % 60).padStart(2, '0')}`;

  const explanation =
    `${plainLabel(change.operator)} ${verb} ${plainLabel(change.target)} at ` +
    `${formatUtc(change.at)} (${local.weekday} ${clock} ${local.timeZone}), outside the ` +
    `account's change windows (${describeWindows(windows)}).`;

  return {
    evidenceEventIds: change.events.map((event) => event.id),
    values: {
      operator: change.operator,
      target: change.target,
      change: verb,
      at: new Date(change.at).toISOString(),
      localWeekday: local.weekday,
      localTime: clock,
      timeZone: local.timeZone,
      changeWindows: windows,
      sources: [...new Set(change.events.map((event) => event.source))],
    },
    subject: change.target,
    explanation,
    firstEventAt: change.at,
    lastEventAt: Math.max(...change.events.map((event) => event.occurredAt)),
    // Letting someone back in is a different move from shutting someone out.
    ...(change.status === 'active'
      ? { technique: { id: 'T1098', name: 'Account Manipulation' } }
      : {}),
  };
}
