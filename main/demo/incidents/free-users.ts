/**
 * Users for the incident modules that plant after the background is written: steady active
 * members no other incident is about. Each one taken is marked so that later modules (and the
 * webhook twins, which skip planted sign-ins) leave them alone.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoActivity } from '../model.ts';
import type { Random } from '../random.ts';
import { isoSecond, localToUtc } from '../time.ts';
import { ROLE } from '../users.ts';
import { workdayIndexes } from './common.ts';

/** Takes a steady active member matching `test` that no incident uses yet. */
export function takeFree(builder: Builder, rng: Random, test: (p: Profile) => boolean = () => true):
  Profile {
  const free = builder.profiles.filter(
    (p) => p.user.status === 'active' && p.user.role_id === ROLE.member &&
      p.activeFrom === builder.window.start && !builder.quiet.has(p.user.email) &&
      !builder.customSignIns.has(p.user.email) && test(p),
  );
  const chosen = rng.pick(free);
  builder.quiet.add(chosen.user.email);
  builder.customSignIns.add(chosen.user.email);
  return chosen;
}

/** UTC midnight of the working day `back` working days before the window's last one. */
export function workdayFromEnd(builder: Builder, back: number): number {
  const days = workdayIndexes(builder);
  return builder.window.days[days[days.length - 1 - back] as number] as number;
}

/** The UTC instant of a local time of day (minutes) on `day` in the profile's zone. */
export function localAt(profile: Profile, day: number, minute: number): number {
  return localToUtc(profile.user.timezone, day, minute);
}

/** A sign-in and its sign-out `minutes` later, from `ip` in a browser. */
export function browserSession(email: string, at: number, ip: string, minutes: number):
  [DemoActivity, DemoActivity] {
  const row = (ms: number, type: DemoActivity['type']): DemoActivity => ({
    email, time: isoSecond(ms), type, ip_address: ip,
    client_type: 'Browser', version: '-',
  });
  return [row(at, 'Sign in'), row(at + minutes * 60_000, 'Sign out')];
}
