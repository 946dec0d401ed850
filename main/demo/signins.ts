/**
 * Sign-ins and sign-outs (GET /report/activities) on working-day patterns in each user's own
 * time zone: one to three sessions a day, from home or the office, desktop or phone.
 */
import type { Builder, ClientType, Profile } from './builder.ts';
import type { DemoActivity } from './model.ts';
import type { Random } from './random.ts';
import { isWeekend, isoSecond, localToUtc } from './time.ts';

export type Place = 'home' | 'office';

/** Chooses the address of one session; incident modules replace it to move a user. */
export type IpChooser = (place: Place, profile: Profile) => string;

export const homeOrOffice: IpChooser = (place, profile) =>
  place === 'home' ? profile.homeIp : profile.officeIp;

interface Session {
  startMinute: number;
  endMinute: number;
  place: Place;
  client: ClientType;
}

function versionOf(profile: Profile, client: ClientType): string {
  if (client === 'Browser') return '-';
  if (client === 'iPhone' || client === 'Android') return profile.mobileVersion;
  return profile.desktopVersion;
}

/** The sessions of one working day, in local minutes after midnight. */
function workdayPlan(rng: Random, profile: Profile): Session[] {
  const place: Place = rng.chance(0.55) ? 'office' : 'home';
  const morningStart = rng.int(7 * 60 + 15, 9 * 60 + 30);
  const desktop = rng.chance(0.05) ? 'Browser' : profile.desktop;
  const plan: Session[] = [];
  const split = rng.chance(0.55);
  if (split) {
    plan.push({ startMinute: morningStart, endMinute: rng.int(690, 780), place, client: desktop });
    plan.push({ startMinute: rng.int(790, 850), endMinute: rng.int(1010, 1110), place,
      client: profile.desktop });
  } else {
    plan.push({ startMinute: morningStart, endMinute: rng.int(990, 1110), place, client: desktop });
  }

  if (rng.chance(0.3)) {
    plan.push({ startMinute: rng.int(1150, 1260), endMinute: 0, place: 'home',
      client: profile.phone });
    const last = plan[plan.length - 1] as Session;
    last.endMinute = last.startMinute + rng.int(8, 45);
  }
  return plan;
}

/** A short weekend check-in by people on call. */
function weekendPlan(rng: Random, profile: Profile): Session[] {
  const startMinute = rng.int(9 * 60, 20 * 60);
  return [{ startMinute, endMinute: startMinute + rng.int(10, 70), place: 'home',
    client: rng.chance(0.5) ? profile.phone : profile.desktop }];
}

function activity(
  profile: Profile,
  ms: number,
  type: DemoActivity['type'],
  ip: string,
  client: ClientType,
): DemoActivity {
  return {
    email: profile.user.email,
    time: isoSecond(ms),
    type,
    ip_address: ip,
    client_type: client,
    version: versionOf(profile, client),
  };
}

/**
 * Sign-in/sign-out pairs of one profile on the local date whose midnight is `dayMs`, kept
 * inside the user's active span and the window.
 */
export function sessionsForDay(
  builder: Builder,
  rng: Random,
  profile: Profile,
  dayMs: number,
  chooseIp: IpChooser = homeOrOffice,
): DemoActivity[] {
  const weekend = isWeekend(dayMs);
  if (weekend && !(profile.weekendWork && rng.chance(0.3))) return [];
  if (!weekend && rng.chance(0.07)) return [];

  const plan = weekend ? weekendPlan(rng, profile) : workdayPlan(rng, profile);
  const lower = Math.max(builder.window.start, profile.activeFrom);
  const upper = Math.min(builder.window.end, profile.activeUntil);
  const out: DemoActivity[] = [];
  for (const session of plan) {
    const tz = profile.user.timezone;
    const signIn = localToUtc(tz, dayMs, session.startMinute) + rng.int(0, 59) * 1000;
    const signOut = localToUtc(tz, dayMs, session.endMinute) + rng.int(0, 59) * 1000;
    if (signIn < lower || signOut >= upper) continue;

    const ip = chooseIp(session.place, profile);
    out.push(activity(profile, signIn, 'Sign in', ip, session.client));
    out.push(activity(profile, signOut, 'Sign out', ip, session.client));
  }
  return out;
}

/** Background sign-ins for every user whose history no incident module writes. */
export function addBackgroundSignIns(builder: Builder): void {
  const rng = builder.rng.fork('sign-ins');
  for (const profile of builder.profiles) {
    if (builder.customSignIns.has(profile.user.email)) continue;

    for (const day of builder.window.days) {
      builder.activities.push(...sessionsForDay(builder, rng, profile, day));
    }
  }
}
