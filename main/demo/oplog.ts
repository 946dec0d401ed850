/**
 * The admin operation log (GET /report/operationlogs): user lifecycle, licences, recordings
 * and setting changes in Zoom's "Section  - Setting: from X to Y" form (two spaces before the
 * dash). Background changes never touch security settings or roles: those belong to the
 * incidents.
 */
import type { Builder, Profile } from './builder.ts';
import type { DemoOperationLog } from './model.ts';
import type { Random } from './random.ts';
import { DAY, HOUR, isWeekend, isoSecond, localToUtc } from './time.ts';
import { ROLE } from './users.ts';
import { statusChanged } from './webhooks.ts';

/** Settings an admin may flip without weakening the account's security. */
const ORDINARY_SETTINGS: ReadonlyArray<readonly [string, string]> = [
  ['In Meeting (Basic)', 'Annotation'],
  ['In Meeting (Basic)', 'Whiteboard'],
  ['In Meeting (Basic)', 'Sound notification when someone joins or leaves'],
  ['In Meeting (Basic)', 'Allow users to save chats'],
  ['In Meeting (Advanced)', 'Breakout room'],
  ['In Meeting (Advanced)', 'Virtual background'],
  ['In Meeting (Advanced)', 'Closed captioning'],
  ['Schedule Meeting', 'Host video'],
  ['Schedule Meeting', 'Participants video'],
  ['Recording', 'Cloud recording'],
  ['Recording', 'Automatic recording'],
  ['Recording', 'Record active speaker with shared screen'],
  ['Email Notification', 'When a cloud recording is available'],
  ['Telephone', 'Show international numbers link on the invitation email'],
];

const MEETING_TOPICS = ['Weekly sync', 'Quarterly review', 'Customer onboarding', 'All hands',
  'Sprint planning', 'Design critique', 'Pipeline review', 'Interview debrief'];

/** A time in the operator's working hours on a random working day inside the window. */
function officeHour(rng: Random, builder: Builder, operator: Profile, from = 0): number {
  const days = builder.window.days.slice(from).filter((d) => !isWeekend(d));
  const day = rng.pick(days);
  const minute = rng.int(8 * 60 + 30, 17 * 60 + 30);
  return localToUtc(operator.user.timezone, day, minute) + rng.int(0, 59) * 1000;
}

function entry(
  operator: Profile,
  at: number,
  category: string,
  action: string,
  detail: string,
): DemoOperationLog {
  return {
    time: isoSecond(at),
    operator: operator.user.email,
    category_type: category,
    action,
    operation_detail: detail,
  };
}

/** Keeps each setting's current value so that consecutive changes agree with each other. */
function settingChanges(rng: Random, builder: Builder, admins: Profile[], count: number) {
  const state = new Map<string, string>();
  const changes = Array.from({ length: count }, () => {
    const operator = rng.pick(admins);
    return { operator, at: officeHour(rng, builder, operator) };
  });
  changes.sort((a, b) => a.at - b.at);

  return changes.map(({ operator, at }) => {
    const [section, setting] = rng.pick(ORDINARY_SETTINGS);
    const key = `${section}|${setting}`;
    const from = state.get(key) ?? (rng.chance(0.5) ? 'On' : 'Off');
    const to = from === 'On' ? 'Off' : 'On';
    state.set(key, to);
    const category = rng.chance(0.4) ? 'Account' : 'User Settings';
    const detail = `${section}  - ${setting}: from ${from} to ${to}`;
    return entry(operator, at, category, 'Update', detail);
  });
}

function recordingDeletions(rng: Random, builder: Builder, admins: Profile[], count: number) {
  const members = builder.profiles.filter((p) => p.user.status === 'active');
  return Array.from({ length: count }, () => {
    const operator = rng.pick(admins);
    const owner = rng.pick(members);
    const topic = rng.pick(MEETING_TOPICS);
    const detail = `Delete cloud recording "${topic}" of ${owner.user.email}`;
    return entry(operator, officeHour(rng, builder, operator), 'Recording', 'Delete', detail);
  });
}

/** Basic users upgraded to a licence; the user list shows the final type. */
function licenceChanges(rng: Random, builder: Builder, admins: Profile[]) {
  const basic = builder.profiles.filter((p) => p.user.status === 'active' && p.user.type === 1);
  return rng.sample(basic, Math.min(25, basic.length)).map((target) => {
    target.user.type = 2;
    const operator = rng.pick(admins);
    const detail = `Update user ${target.user.email}: User type from Basic to Licensed`;
    return entry(operator, officeHour(rng, builder, operator), 'User', 'Update', detail);
  });
}

/** "Add user" for everyone created inside the window, at their creation time. */
function creations(rng: Random, builder: Builder, admins: Profile[]) {
  return builder.profiles
    .filter((p) => Date.parse(p.user.created_at) >= builder.window.start)
    .map((p) => {
      const detail = `Add user ${p.user.email}`;
      return entry(rng.pick(admins), Date.parse(p.user.created_at), 'User', 'Add', detail);
    });
}

/**
 * Leavers are deactivated on their last day, or on the Monday after a weekend departure:
 * inside the default change windows, so that only planted changes fall outside them.
 */
function nextWorkingDay(at: number): number {
  let day = at - (at % DAY);
  while (isWeekend(day)) day += DAY;
  return day === at - (at % DAY) ? at : day + 14 * HOUR;
}

/** "Deactivate user" for each user who left during the window, with its webhook. */
function deactivations(rng: Random, builder: Builder, admins: Profile[]) {
  const leavers = builder.profiles.filter(
    (p) => p.user.status === 'inactive' && p.activeUntil > builder.window.start,
  );
  return leavers.map((target) => {
    const operator = rng.pick(admins);
    const at = nextWorkingDay(target.activeUntil) + rng.int(1, 50) * 1000;
    builder.webhooks.push(statusChanged(builder, 'user.deactivated', at + 412, operator.person,
      target));
    return entry(operator, at, 'User', 'Deactivate', `Deactivate user ${target.user.email}`);
  });
}

/** A user deactivated by mistake and activated again ten minutes later. */
function mistakenDeactivation(rng: Random, builder: Builder, admins: Profile[]) {
  const members = builder.profiles.filter(
    (p) => p.user.status === 'active' && p.user.role_id === ROLE.member && !builder.quiet.has(
      p.user.email),
  );
  const target = rng.pick(members);
  const operator = rng.pick(admins);
  const at = officeHour(rng, builder, operator, 5);
  const back = at + 10 * 60_000 + rng.int(0, 59) * 1000;
  builder.webhooks.push(statusChanged(builder, 'user.deactivated', at + 388, operator.person,
    target));
  builder.webhooks.push(statusChanged(builder, 'user.activated', back + 291, operator.person,
    target));
  return [
    entry(operator, at, 'User', 'Deactivate', `Deactivate user ${target.user.email}`),
    entry(operator, back, 'User', 'Activate', `Activate user ${target.user.email}`),
  ];
}

function adminsOf(builder: Builder): Profile[] {
  return builder.profiles.filter(
    (p) => p.user.status === 'active' && (p.user.role_id === ROLE.admin || p.user.role_id === '0'),
  );
}

/** Adds the background operation log: a few hundred ordinary admin actions. */
export function addOperationLog(builder: Builder): void {
  const rng = builder.rng.fork('operation-log');
  const admins = adminsOf(builder);
  builder.operationLogs.push(
    ...settingChanges(rng, builder, admins, 150),
    ...recordingDeletions(rng, builder, admins, 90),
    ...licenceChanges(rng, builder, admins),
    ...creations(rng, builder, admins),
    ...deactivations(rng, builder, admins),
    ...mistakenDeactivation(rng, builder, admins),
  );
}

