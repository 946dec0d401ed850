/**
 * `admin.deactivation_outside_change_window` and `admin.deactivated_after_role_change`.
 *
 * Planted: on a Sunday night an admin reactivates a user who left before the window (log row
 * and webhook); a leaver's role is changed from Admin to Member 35 minutes before their
 * deactivation. Look-alikes: another former user reactivated and deactivated again on a
 * Tuesday morning, inside the change window; a leaver whose role changed a week before.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoOperationLog } from '../model.ts';
import type { Random } from '../random.ts';
import { DAY, HOUR, MINUTE, isoSecond } from '../time.ts';
import { statusChanged } from '../webhooks.ts';
import { oplogRef } from './common.ts';
import { webhookRef } from './people.ts';

function row(admin: Profile, at: number, action: string, detail: string): DemoOperationLog {
  return { time: isoSecond(at), operator: admin.user.email, category_type: 'User', action,
    operation_detail: detail };
}

function admins(builder: Builder): Profile[] {
  return builder.profiles.filter((p) => p.user.status === 'active' && p.user.role_id === '1');
}

/** Former users: deactivated before the window (no activity in it at all). */
function formerUsers(builder: Builder): Profile[] {
  return builder.profiles.filter((p) => p.user.status === 'inactive' &&
    p.activeUntil <= builder.window.start);
}

/** A day of the window with the given UTC weekday (0 Sunday), the `nth` such. */
function weekday(builder: Builder, day: number, nth: number): number {
  const days = builder.window.days.filter((d) => new Date(d).getUTCDay() === day);
  return days[Math.min(nth, days.length - 1)] as number;
}

function statusChange(builder: Builder, admin: Profile, target: Profile, at: number,
  active: boolean) {
  const verb = active ? 'Activate' : 'Deactivate';
  const log = row(admin, at, verb, `${verb} user ${target.user.email}`);
  const hook = statusChanged(builder, active ? 'user.activated' : 'user.deactivated',
    at + 377, admin.person, target);
  builder.operationLogs.push(log);
  builder.webhooks.push(hook);
  return [oplogRef(log), webhookRef(hook)];
}

function plantOutsideWindow(builder: Builder, rng: Random): void {
  const [first, second] = rng.shuffle(formerUsers(builder));
  const admin = rng.pick(admins(builder));
  if (!first || !second) throw new Error('two former users are needed');

  const night = weekday(builder, 0, 2) + 1 * HOUR + 12 * MINUTE + rng.int(0, 59) * 1000;
  builder.incidents.push({
    id: 'admin-reactivation-outside-window-1',
    detector: 'admin.deactivation_outside_change_window',
    subject: first.user.email,
    description: `${admin.user.display_name} reactivates ${first.user.email}, who left ` +
      'before the window, at 01:12 UTC on a Sunday.',
    records: statusChange(builder, admin, first, night, true),
  });

  const morning = weekday(builder, 2, 2) + 9 * HOUR + 20 * MINUTE;
  builder.benign.push({
    id: 'benign-admin-reactivation-inside-window',
    detector: 'admin.deactivation_outside_change_window',
    subject: second.user.email,
    description: 'A former user reactivated to hand over files and deactivated again 25 ' +
      'minutes later, on a Tuesday morning inside the change window.',
    records: [...statusChange(builder, admin, second, morning, true),
      ...statusChange(builder, admin, second, morning + 25 * MINUTE, false)],
  });
}

/** The background log's deactivation row of a leaver, which the role change precedes. */
function deactivationOf(builder: Builder, leaver: Profile): DemoOperationLog {
  const found = builder.operationLogs.find((r) =>
    r.operation_detail === `Deactivate user ${leaver.user.email}`);
  if (!found) throw new Error(`no deactivation of ${leaver.user.email}`);
  return found;
}

function roleChange(admin: Profile, target: Profile, at: number): DemoOperationLog {
  return { time: isoSecond(at), operator: admin.user.email, category_type: 'Role',
    action: 'Update',
    operation_detail: `Update role of ${target.user.email}: from Admin to Member` };
}

function plantRoleThenDeactivation(builder: Builder, rng: Random): void {
  const leavers = builder.profiles.filter((p) => p.user.status === 'inactive' &&
    p.activeUntil > builder.window.start && p.activeUntil < builder.window.end);
  const [soon, later] = leavers;
  if (!soon || !later) throw new Error('two leavers in the window are needed');
  const admin = rng.pick(admins(builder));

  const off = deactivationOf(builder, soon);
  const demoted = roleChange(admin, soon, Date.parse(off.time) - 35 * MINUTE);
  builder.operationLogs.push(demoted);
  builder.incidents.push({
    id: 'admin-deactivated-after-role-change-1',
    detector: 'admin.deactivated_after_role_change',
    subject: soon.user.email,
    description: `${soon.user.email} is demoted from Admin to Member and deactivated 35 ` +
      'minutes later.',
    records: [oplogRef(demoted), oplogRef(off)],
  });

  const laterOff = deactivationOf(builder, later);
  const earlier = roleChange(admin, later, Date.parse(laterOff.time) - 7 * DAY);
  builder.operationLogs.push(earlier);
  builder.benign.push({
    id: 'benign-admin-role-change-week-before',
    detector: 'admin.deactivated_after_role_change',
    subject: later.user.email,
    description: `${later.user.email}'s role changed a week before they left and were ` +
      'deactivated.',
    records: [oplogRef(earlier), oplogRef(laterOff)],
  });
}

export function plantUserLifecycle(builder: Builder): void {
  const rng = builder.rng.fork('incident-user-lifecycle');
  plantOutsideWindow(builder, rng);
  plantRoleThenDeactivation(builder, rng);
}
