/**
 * What the incident modules share: the cast of users they are about, record references for
 * the answer key, and sign-in histories written on purpose.
 */
import type { Builder, Conversation, Person, Profile } from '../builder.ts';
import type { DemoActivity, DemoMessage, DemoOperationLog, RecordRef } from '../model.ts';
import type { Random } from '../random.ts';
import { addPair } from '../channels.ts';
import { sessionsForDay } from '../signins.ts';
import type { IpChooser } from '../signins.ts';
import { HOUR, isWeekend } from '../time.ts';
import { ROLE } from '../users.ts';

/** The users each planted incident or look-alike is about. */
export interface Cast {
  newCountry: Profile;
  traveller: Profile;
  vpnUser: Profile;
  tripper: Profile;
  burstDeleter: Profile;
  fewDeleter: Profile;
  spreadDeleter: Profile;
  cardLeaker: Profile;
  keyLeaker: Profile;
  badLuhnSender: Profile;
  internalCardSender: Profile;
  rogueAdmin: Profile;
  fixingAdmin: Profile;
}

function steady(builder: Builder): Profile[] {
  return builder.profiles.filter(
    (p) => p.user.status === 'active' && p.user.role_id === ROLE.member &&
      p.activeFrom === builder.window.start,
  );
}

/** Takes a user matching `test` who has no part yet. */
function takeOne(rng: Random, pool: Profile[], taken: Set<Profile>,
  test: (p: Profile) => boolean): Profile {
  const free = pool.filter((p) => !taken.has(p) && test(p));
  const chosen = rng.pick(free);
  taken.add(chosen);
  return chosen;
}

function externalChannelMember(builder: Builder, p: Profile): boolean {
  const info = builder.channels.find((c) => c.channel.name === 'ext-fabrikam-rollout');
  return !!info?.members.some((m) => m.person === p.person && m.joinedAt === info.createdAt);
}

/** Chooses the cast and keeps the background generators away from them. */
export function chooseCast(builder: Builder): Cast {
  const rng = builder.rng.fork('cast');
  const pool = steady(builder);
  const taken = new Set<Profile>();
  const berliner = (p: Profile) => p.user.timezone === 'Europe/Berlin';
  const any = () => true;
  const admins = builder.profiles.filter((p) => p.user.role_id === ROLE.admin);
  const cast: Cast = {
    newCountry: takeOne(rng, pool, taken, berliner),
    traveller: takeOne(rng, pool, taken, berliner),
    vpnUser: takeOne(rng, pool, taken, berliner),
    tripper: takeOne(rng, pool, taken, berliner),
    burstDeleter: takeOne(rng, pool, taken, any),
    fewDeleter: takeOne(rng, pool, taken, any),
    spreadDeleter: takeOne(rng, pool, taken, any),
    cardLeaker: takeOne(rng, pool, taken, (p) => p.user.dept === 'Sales'),
    keyLeaker: takeOne(rng, pool, taken, (p) => externalChannelMember(builder, p)),
    badLuhnSender: takeOne(rng, pool, taken, (p) => p.user.dept === 'Customer Success'),
    internalCardSender: takeOne(rng, pool, taken, (p) => p.user.dept === 'Finance'),
    rogueAdmin: takeOne(rng, admins, taken, berliner),
    fixingAdmin: takeOne(rng, admins, taken, any),
  };

  for (const profile of Object.values(cast)) {
    builder.quiet.add(profile.user.email);
    profile.weekendWork = false;
  }
  for (const p of [cast.newCountry, cast.traveller, cast.vpnUser, cast.tripper]) {
    builder.customSignIns.add(p.user.email);
  }
  return cast;
}

export function activityRef(row: DemoActivity): RecordRef {
  return { stream: 'activities', email: row.email, time: row.time, type: row.type };
}

export function messageRef(message: DemoMessage, version: 'sent' | 'updated' | 'deleted'):
  RecordRef {
  return { stream: 'chat', message_id: message.id, version };
}

export function oplogRef(row: DemoOperationLog): RecordRef {
  return {
    stream: 'operation_logs',
    operator: row.operator,
    time: row.time,
    operation_detail: row.operation_detail,
  };
}

/** Indexes (into the window's days) of working days. */
export function workdayIndexes(builder: Builder): number[] {
  return builder.window.days.map((d, i) => (isWeekend(d) ? -1 : i)).filter((i) => i >= 0);
}

/** The first of two consecutive working days: a history that starts there spans one day. */
export function firstWorkdayPair(builder: Builder): number {
  const days = workdayIndexes(builder);
  const first = days.find((i) => days.includes(i + 1));
  if (first === undefined) throw new Error('no two consecutive working days in the window');
  return first;
}

/** Sign-ins of one profile, day by day from `fromDay`, with an address chosen per day. */
export function history(
  builder: Builder,
  rng: Random,
  profile: Profile,
  fromDay: number,
  chooserFor: (dayIndex: number) => IpChooser,
): DemoActivity[] {
  const out: DemoActivity[] = [];
  builder.window.days.forEach((day, i) => {
    if (i >= fromDay) out.push(...sessionsForDay(builder, rng, profile, day, chooserFor(i)));
  });
  return out;
}

/** Sign-ins only, oldest first. */
export function signInsOf(rows: DemoActivity[]): DemoActivity[] {
  return rows.filter((r) => r.type === 'Sign in').sort((a, b) => a.time.localeCompare(b.time));
}

/**
 * Drops whole sessions until any two consecutive sign-ins from different addresses'
 * countries lie at least `minGap` apart: look-alikes must stay far from the travel detector.
 */
export function keepCountryChangesApart(
  rows: DemoActivity[],
  countryOf: (ip: string) => string,
  minGap = 12 * HOUR,
): DemoActivity[] {
  let current = rows.slice().sort((a, b) => a.time.localeCompare(b.time));
  for (;;) {
    const ins = signInsOf(current);
    const clash = ins.findIndex((row, i) => {
      const next = ins[i + 1];
      return !!next && countryOf(row.ip_address) !== countryOf(next.ip_address) &&
        Date.parse(next.time) - Date.parse(row.time) < minGap;
    });
    if (clash < 0) return current;

    current = dropSession(current, ins[clash] as DemoActivity);
  }
}

/** Removes a sign-in and the sign-out that follows it. */
function dropSession(rows: DemoActivity[], signIn: DemoActivity): DemoActivity[] {
  const index = rows.indexOf(signIn);
  const out = rows.filter((_, i) => i !== index);
  const signOut = out.findIndex(
    (r, i) => i >= index && r.type === 'Sign out' && r.ip_address === signIn.ip_address,
  );
  return signOut < 0 ? out : out.filter((_, i) => i !== signOut);
}

/** A 1:1 conversation between two people, created if they had none. */
export function directConversation(builder: Builder, rng: Random, a: Person, b: Person):
  Conversation {
  return addPair(builder, rng, a, b, 0);
}
