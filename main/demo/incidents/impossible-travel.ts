/**
 * `signin.impossible_travel`: consecutive sign-ins of one user from countries more than
 * 500 km apart, closer in time than a 900 km/h journey allows.
 *
 * Planted: a Berlin user signs in at the office on a Friday morning and, 40 minutes later, a
 * sign-in from Brazil follows; the user's next own sign-in is on Monday. The Brazilian
 * sign-in is also a new country for this user, so the answer key lists that finding too.
 * Look-alike: a user who started the month at a Paris conference and travels to Paris again
 * mid-month, with at least 12 hours between the last German and the first French sign-in.
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoActivity } from '../model.ts';
import type { Random } from '../random.ts';
import { homeOrOffice } from '../signins.ts';
import { DAY, HOUR, MINUTE, isoSecond, localToUtc } from '../time.ts';
import type { Cast } from './common.ts';
import { activityRef, firstWorkdayPair, history, keepCountryChangesApart, signInsOf,
  workdayIndexes } from './common.ts';

/** A Friday in the second half of the window with the following Monday inside it too. */
function attackFriday(builder: Builder): number {
  const fridays = builder.window.days
    .map((d, i) => (new Date(d).getUTCDay() === 5 ? i : -1))
    .filter((i) => i >= 12 && i <= 26);
  const chosen = fridays[0];
  if (chosen === undefined) throw new Error('no Friday to plant the travel incident on');
  return chosen;
}

function row(profile: Profile, ms: number, type: DemoActivity['type'], ip: string,
  client: string, version: string): DemoActivity {
  return { email: profile.user.email, time: isoSecond(ms), type, ip_address: ip,
    client_type: client, version };
}

/** The victim's Friday: one office session; the attacker's Brazilian session inside it. */
function attackDayRows(builder: Builder, rng: Random, profile: Profile, day: number) {
  const tz = profile.user.timezone;
  const morning = localToUtc(tz, day, 9 * 60 + rng.int(0, 20)) + rng.int(0, 59) * 1000;
  const evening = localToUtc(tz, day, 17 * 60 + rng.int(10, 40)) + rng.int(0, 59) * 1000;
  const remote = morning + 40 * MINUTE + rng.int(0, 59) * 1000;
  const foreignIp = builder.ips.allocate('BR');
  const desktop = profile.desktop;
  const version = profile.desktopVersion;
  const away = remote + rng.int(12, 25) * MINUTE;
  const foreignVersion = '6.1.0.40123';
  return [
    row(profile, morning, 'Sign in', profile.officeIp, desktop, version),
    row(profile, remote, 'Sign in', foreignIp, 'Windows', foreignVersion),
    row(profile, away, 'Sign out', foreignIp, 'Windows', foreignVersion),
    row(profile, evening, 'Sign out', profile.officeIp, desktop, version),
  ];
}

function plantTravel(builder: Builder, rng: Random, profile: Profile): void {
  const friday = attackFriday(builder);
  const own = history(builder, rng, profile, 0, () => homeOrOffice);
  const day = builder.window.days[friday] as number;
  const otherDays = own.filter((r) => {
    const t = Date.parse(r.time);
    return t < day - 6 * HOUR || t >= day + DAY + 6 * HOUR;
  });
  const friRows = attackDayRows(builder, rng, profile, day);
  builder.activities.push(...otherDays, ...friRows);

  const [home, foreign] = friRows as [DemoActivity, DemoActivity];
  const records = [activityRef(home), activityRef(foreign)];
  builder.incidents.push({
    id: 'signin-impossible-travel-1',
    detector: 'signin.impossible_travel',
    subject: profile.user.email,
    description: `${profile.user.display_name} signs in at the Berlin office at ${home.time}; ` +
      `40 minutes later a sign-in comes from Brazil (${foreign.ip_address}).`,
    records,
  });
  builder.incidents.push({
    id: 'signin-new-country-2',
    detector: 'signin.new_country',
    subject: profile.user.email,
    description: `The Brazilian sign-in of ${profile.user.display_name} at ${foreign.time} ` +
      'is also the first from that country.',
    records: [activityRef(foreign)],
  });
}

/** First two working days and two mid-month working days in Paris, the rest in Germany. */
function plantTrips(builder: Builder, rng: Random, profile: Profile): void {
  const start = firstWorkdayPair(builder);
  const order = workdayIndexes(builder);
  const tripStart = order.find((i) => i >= 15 && order.includes(i + 1)) ?? start;
  const hotelIp = builder.ips.allocate('FR');
  const inParis = (i: number) =>
    i === start || i === start + 1 || i === tripStart || i === tripStart + 1;
  const rows = history(builder, rng, profile, start, (i) =>
    inParis(i) ? () => hotelIp : homeOrOffice);
  const kept = keepCountryChangesApart(rows, (ip) => builder.ips.intended[ip] ?? '?');
  builder.activities.push(...kept);

  const ins = signInsOf(kept);
  const tripDay = builder.window.days[tripStart] as number;
  const arrival = ins.findIndex((r) => Date.parse(r.time) >= tripDay - 6 * HOUR &&
    r.ip_address === hotelIp);
  const before = ins[arrival - 1];
  const after = ins[arrival];
  builder.benign.push({
    id: 'benign-signin-trip-to-paris',
    detector: 'signin.impossible_travel',
    subject: profile.user.email,
    description: `${profile.user.display_name} travels from Germany to Paris with at least ` +
      '12 hours between the last German and the first French sign-in.',
    records: [before, after].filter((r) => r !== undefined).map(activityRef),
  });
}

export function plantImpossibleTravel(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-impossible-travel');
  plantTravel(builder, rng, cast.traveller);
  plantTrips(builder, rng, cast.tripper);
}
