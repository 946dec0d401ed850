/**
 * `signin.inactive_or_unknown_user`: a user deactivated during the month signs in two days
 * later, and an address the users list has never held signs in. Look-alikes: the same
 * leaver's last sign-in before the deactivation, and the user deactivated by mistake signing
 * in after being activated again.
 */
import type { Builder, Profile } from '../builder.ts';
import type { Random } from '../random.ts';
import { DAY, HOUR } from '../time.ts';
import { PRIMARY_DOMAIN } from '../users.ts';
import type { Cast } from './common.ts';
import { activityRef, signInsOf } from './common.ts';
import { browserSession, localAt } from './free-users.ts';

function leaverOf(builder: Builder): Profile {
  const leaver = builder.profiles.find(
    (p) => p.user.status === 'inactive' && p.activeUntil > builder.window.start &&
      p.activeUntil < builder.window.end - 5 * DAY,
  );
  if (!leaver) throw new Error('no user deactivated early enough in the window');
  return leaver;
}

function plantLeaver(builder: Builder, rng: Random, leaver: Profile): void {
  const before = signInsOf(builder.activities.filter((a) => a.email === leaver.user.email));
  const lastBefore = before.at(-1);
  const deactivation = builder.operationLogs.find(
    (o) => o.operation_detail === `Deactivate user ${leaver.user.email}`,
  );
  if (!deactivation) throw new Error(`no deactivation of ${leaver.user.email} in the log`);

  const day = Date.parse(deactivation.time) - (Date.parse(deactivation.time) % DAY) + 2 * DAY;
  const at = localAt(leaver, day, 10 * 60 + rng.int(0, 50)) + rng.int(0, 59) * 1000;
  const session = browserSession(leaver.user.email, at, leaver.homeIp, 14);
  builder.activities.push(...session);
  builder.customSignIns.add(leaver.user.email);

  builder.incidents.push({
    id: 'signin-deactivated-user-1',
    detector: 'signin.inactive_or_unknown_user',
    subject: leaver.user.email,
    description: `${leaver.user.display_name} was deactivated when leaving; two days later, at ` +
      `${session[0].time}, the account signs in from ${leaver.homeIp}.`,
    records: [activityRef(session[0])],
  });
  if (!lastBefore) return;

  builder.benign.push({
    id: 'benign-signin-before-deactivation',
    detector: 'signin.inactive_or_unknown_user',
    subject: leaver.user.email,
    description: `${leaver.user.display_name}'s last sign-in before the deactivation, while ` +
      'the account was still active.',
    records: [activityRef(lastBefore)],
  });
}

function plantUnknown(builder: Builder, rng: Random): void {
  const unknown = `it-helpdesk@${PRIMARY_DOMAIN}`;
  const at = builder.window.end - 6 * DAY + 14 * HOUR + rng.int(0, 3599) * 1000;
  const [signIn, signOut] = browserSession(unknown, at, builder.ips.allocate('US'), 9);
  builder.activities.push(signIn, signOut);

  builder.incidents.push({
    id: 'signin-unknown-user-1',
    detector: 'signin.inactive_or_unknown_user',
    subject: unknown,
    description: `${unknown}, an address the account's users list does not hold, signs in at ` +
      `${signIn.time}.`,
    records: [activityRef(signIn)],
  });
}

/** The user deactivated by mistake signs in an hour after being activated again. */
function plantReactivated(builder: Builder, rng: Random): void {
  const activation = builder.operationLogs.find((o) => o.operation_detail.startsWith('Activate '));
  const email = activation?.operation_detail.slice('Activate user '.length);
  const profile = builder.profiles.find((p) => p.user.email === email);
  if (!activation || !profile) return;

  const at = Date.parse(activation.time) + HOUR + rng.int(0, 1800) * 1000;
  const session = browserSession(profile.user.email, at, profile.homeIp, 30);
  builder.activities.push(...session);
  builder.customSignIns.add(profile.user.email);

  builder.benign.push({
    id: 'benign-signin-after-reactivation',
    detector: 'signin.inactive_or_unknown_user',
    subject: profile.user.email,
    description: `${profile.user.display_name} was deactivated by mistake and activated ten ` +
      'minutes later; an hour after that they sign in.',
    records: [activityRef(session[0])],
  });
}

export function plantInactiveUser(builder: Builder, _cast: Cast): void {
  const rng = builder.rng.fork('incident-inactive-user');
  plantLeaver(builder, rng, leaverOf(builder));
  plantUnknown(builder, rng);
  plantReactivated(builder, rng);
}
