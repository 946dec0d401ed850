/**
 * `signin.shared_address_burst`: one German address never seen before signs in six Berlin
 * users within a quarter of an hour before dawn. Look-alikes: a working morning at the Berlin
 * office, where everyone arrives through one NAT address, and four colleagues on a
 * conference Wi-Fi (below the five-user threshold).
 */
import type { Builder, Profile } from '../builder.ts';
import type { DemoActivity } from '../model.ts';
import type { Random } from '../random.ts';
import { DAY, MINUTE } from '../time.ts';
import type { Cast } from './common.ts';
import { activityRef, signInsOf } from './common.ts';
import { browserSession, localAt, takeFree, workdayFromEnd } from './free-users.ts';

const SPRAYED_USERS = 6;
const CONFERENCE_USERS = 4;

/**
 * The attacker uses an address in the victims' own country (a rented server in Germany), as
 * sprayers do to stay clear of new-country rules; the address itself is what is new.
 */
function plantSpray(builder: Builder, rng: Random): void {
  const berliner = (p: Profile) => p.user.timezone === 'Europe/Berlin';
  const victims = Array.from({ length: SPRAYED_USERS }, () => takeFree(builder, rng, berliner));
  const ip = builder.ips.allocate('DE');
  const first = workdayFromEnd(builder, 2) + 3 * 60 * MINUTE + rng.int(0, 20) * MINUTE;
  const sessions = victims.map((victim, i) =>
    browserSession(victim.user.email, first + i * 2 * MINUTE + rng.int(0, 59) * 1000, ip, 3));
  builder.activities.push(...sessions.flat());

  builder.incidents.push({
    id: 'signin-address-burst-1',
    detector: 'signin.shared_address_burst',
    subject: ip,
    description: `${SPRAYED_USERS} users sign in from ${ip}, an address the account never used, ` +
      `within a quarter of an hour from ${sessions[0]![0].time}.`,
    records: sessions.map(([signIn]) => activityRef(signIn)),
  });
}

/** Sign-ins at the Berlin office's address on one morning: five or more within 30 minutes. */
function officeMorning(builder: Builder): DemoActivity[] {
  const berlin = builder.profiles.find((p) => p.user.timezone === 'Europe/Berlin');
  if (!berlin) return [];

  for (let back = 4; back < 12; back++) {
    const day = workdayFromEnd(builder, back);
    const rows = signInsOf(builder.activities.filter((a) => a.ip_address === berlin.officeIp &&
      Date.parse(a.time) >= day && Date.parse(a.time) < day + DAY));
    const burst = rows.filter((row) => Date.parse(row.time) - Date.parse(rows[0]!.time) <=
      30 * MINUTE);
    if (new Set(burst.map((row) => row.email)).size >= 5) return burst;
  }
  return [];
}

function plantConference(builder: Builder, rng: Random): void {
  const berliner = (p: Profile) => p.user.timezone === 'Europe/Berlin';
  const colleagues = Array.from({ length: CONFERENCE_USERS }, () =>
    takeFree(builder, rng, berliner));
  const ip = builder.ips.allocate('DE');
  const day = workdayFromEnd(builder, 6);
  const sessions = colleagues.map((c, i) =>
    browserSession(c.user.email, localAt(c, day, 9 * 60 + 40 + i * 4) + rng.int(0, 59) * 1000,
      ip, 50));
  builder.activities.push(...sessions.flat());

  builder.benign.push({
    id: 'benign-signin-conference-wifi',
    detector: 'signin.shared_address_burst',
    subject: ip,
    description: `${CONFERENCE_USERS} colleagues from Berlin sign in on a conference Wi-Fi ` +
      `(${ip}) within a quarter of an hour: fewer than five users.`,
    records: sessions.map(([signIn]) => activityRef(signIn)),
  });
}

export function plantAddressBurst(builder: Builder, _cast: Cast): void {
  const rng = builder.rng.fork('incident-address-burst');
  plantSpray(builder, rng);
  plantConference(builder, rng);

  const morning = officeMorning(builder);
  if (morning.length === 0) return;
  builder.benign.push({
    id: 'benign-signin-office-morning',
    detector: 'signin.shared_address_burst',
    subject: morning[0]!.ip_address,
    description: `${new Set(morning.map((r) => r.email)).size} people arrive at the Berlin ` +
      'office within half an hour, all through the office NAT address used all month.',
    records: morning.map(activityRef),
  });
}
