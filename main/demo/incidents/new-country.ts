/**
 * `signin.new_country`: a sign-in from a country none of the user's earlier sign-ins came
 * from, once the user has a history (5+ sign-ins over 3+ days).
 *
 * Planted: a Berlin user with weeks of German sign-ins signs in from Russia in the small hours
 * of a Sunday, more than a day away from any other sign-in (so the travel detector stays
 * quiet). Look-alike: a user on a Dutch VPN exit every other working day from the first week,
 * whose later sign-ins from either country are nothing new.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoActivity } from '../model.ts';
import type { Random } from '../random.ts';
import { homeOrOffice } from '../signins.ts';
import { DAY, HOUR, isoSecond } from '../time.ts';
import type { Cast } from './common.ts';
import { activityRef, firstWorkdayPair, history, keepCountryChangesApart, signInsOf,
  workdayIndexes } from './common.ts';

/** The last Sunday at least ten days into the window with a working day after it. */
function attackDay(builder: Builder): number {
  const sundays = builder.window.days
    .map((d, i) => (new Date(d).getUTCDay() === 0 ? i : -1))
    .filter((i) => i >= 10 && i <= 27);
  const chosen = sundays[sundays.length - 1];
  if (chosen === undefined) throw new Error('no Sunday to plant the foreign sign-in on');
  return chosen;
}

function attackerSession(builder: Builder, rng: Random, profile: Profile, dayIndex: number) {
  const day = builder.window.days[dayIndex] as number;
  const signIn = day + 2 * HOUR + rng.int(0, 3599) * 1000;
  const ip = builder.ips.allocate('RU');
  const row = (ms: number, type: DemoActivity['type']): DemoActivity => ({
    email: profile.user.email, time: isoSecond(ms), type, ip_address: ip,
    client_type: 'Browser', version: '-',
  });
  return [row(signIn, 'Sign in'), row(signIn + rng.int(18, 35) * 60_000, 'Sign out')];
}

/** Keeps the victim's own sessions a full day away from the attacker's. */
function clearAround(rows: DemoActivity[], at: number): DemoActivity[] {
  return rows.filter((r) => Math.abs(Date.parse(r.time) - at) >= DAY);
}

function plantForeignSignIn(builder: Builder, rng: Random, profile: Profile): void {
  const own = history(builder, rng, profile, 0, () => homeOrOffice);
  const dayIndex = attackDay(builder);
  const attack = attackerSession(builder, rng, profile, dayIndex);
  const signIn = attack[0] as DemoActivity;
  builder.activities.push(...clearAround(own, Date.parse(signIn.time)), ...attack);

  builder.incidents.push({
    id: 'signin-new-country-1',
    detector: 'signin.new_country',
    subject: profile.user.email,
    description: `${profile.user.display_name} has signed in from Germany for weeks; on ` +
      `${signIn.time} a browser session signs in from Russia (${signIn.ip_address}).`,
    records: [activityRef(signIn)],
  });
}

/** Working days alternate between home/office in Germany and a Dutch VPN exit. */
function plantVpnUser(builder: Builder, rng: Random, profile: Profile): void {
  const start = firstWorkdayPair(builder);
  const vpnIp = builder.ips.allocate('NL');
  const order = workdayIndexes(builder);
  const viaVpn = (dayIndex: number) => order.indexOf(dayIndex) % 2 !== order.indexOf(start) % 2;
  const rows = history(builder, rng, profile, start, (i) =>
    viaVpn(i) ? () => vpnIp : homeOrOffice);
  const kept = keepCountryChangesApart(rows, (ip) => builder.ips.intended[ip] ?? '?');
  builder.activities.push(...kept);

  const late = signInsOf(kept).filter((r) => Date.parse(r.time) > builder.window.end - 8 * DAY);
  const lastVpn = late.filter((r) => r.ip_address === vpnIp).pop();
  const lastHome = late.filter((r) => r.ip_address !== vpnIp).pop();
  builder.benign.push({
    id: 'benign-signin-vpn-alternating',
    detector: 'signin.new_country',
    subject: profile.user.email,
    description: `${profile.user.display_name} alternates between Germany and a Dutch VPN exit ` +
      'from the first working days on; neither country is new later in the month.',
    records: [lastVpn, lastHome].filter((r) => r !== undefined).map(activityRef),
  });
}

export function plantNewCountry(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-new-country');
  plantForeignSignIn(builder, rng, cast.newCountry);
  plantVpnUser(builder, rng, cast.vpnUser);
}
