/**
 * One address signs in many different users within minutes: password spraying or credential
 * stuffing that succeeded. Offices and VPNs share addresses too, so only an address the
 * account had not used before counts, and only once the data reaches back far enough to tell.
 */
import type { EventRow } from '../../../shared/events.ts';
import { groupBy } from '../bursts.ts';
import { countryName } from '../geo.ts';
import { geoProvenance } from '../signins.ts';
import { formatDuration, formatUtc, listInWords, personKey, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** At most this many users are named in a sentence; values carry them all. */
const NAMED_USERS = 5;

export const detector: Detector = {
  id: 'signin.shared_address_burst',
  version: 1,
  severity: 'high',
  technique: { id: 'T1110', name: 'Brute Force' },
  kinds: ['auth.sign_in'],
  title: 'Many users signed in from one new address',
  detect,
};

interface Attempt {
  event: EventRow;
  user: string;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const dataStart = events[0]?.occurredAt ?? 0;
  const attempts = events.flatMap((event) => {
    const user = personKey(event.actorEmail, event.actorId);
    return user && event.ip ? [{ event, user }] : [];
  });

  const drafts: FindingDraft[] = [];
  for (const [ip, fromIp] of groupBy(attempts, (attempt) => attempt.event.ip)) {
    for (const burst of distinctUserBursts(fromIp, context)) {
      if (isJudgeable(fromIp, burst, dataStart, context)) drafts.push(toDraft(ip, burst, context));
    }
  }
  return drafts;
}

/**
 * Windows of `sharedAddressMinutes` with at least `sharedAddressMinUsers` different users;
 * windows that share a sign-in merge into one burst.
 */
function distinctUserBursts(attempts: readonly Attempt[], context: DetectContext): Attempt[][] {
  const windowMs = context.settings.sharedAddressMinutes * 60_000;
  const inWindow = new Map<string, number>();
  const bursts: Array<{ start: number; end: number }> = [];
  let start = 0;

  for (let end = 0; end < attempts.length; end++) {
    const current = attempts[end]!;
    inWindow.set(current.user, (inWindow.get(current.user) ?? 0) + 1);
    while (current.event.occurredAt - attempts[start]!.event.occurredAt > windowMs) {
      leave(inWindow, attempts[start]!.user);
      start++;
    }
    if (inWindow.size < context.settings.sharedAddressMinUsers) continue;

    const last = bursts.at(-1);
    if (last && start <= last.end) last.end = end;
    else bursts.push({ start, end });
  }
  return bursts.map(({ start: from, end: to }) => attempts.slice(from, to + 1));
}

function leave(inWindow: Map<string, number>, user: string): void {
  const left = (inWindow.get(user) ?? 1) - 1;
  if (left > 0) inWindow.set(user, left);
  else inWindow.delete(user);
}

/**
 * The address must be new (unused until shortly before the burst) and the sign-in data must
 * reach back far enough for "new" to mean something.
 */
function isJudgeable(
  fromIp: readonly Attempt[],
  burst: readonly Attempt[],
  dataStart: number,
  context: DetectContext,
): boolean {
  const burstStart = burst[0]!.event.occurredAt;
  const firstUse = fromIp[0]!.event.occurredAt;
  const known = firstUse < burstStart - context.settings.sharedAddressKnownHours * HOUR_MS;
  const baseline = burstStart - dataStart >= context.settings.sharedAddressBaselineDays * DAY_MS;
  return !known && baseline;
}

function toDraft(ip: string, burst: readonly Attempt[], context: DetectContext): FindingDraft {
  const first = burst[0]!.event;
  const last = burst.at(-1)!.event;
  const users = [...new Set(burst.map((attempt) => attempt.user))];
  const country = context.geo.country(ip);

  const named = users.slice(0, NAMED_USERS).map((user) => plainLabel(user, 60));
  const more = users.length > NAMED_USERS ? ` and ${users.length - NAMED_USERS} more` : '';
  const where = country ? ` (${countryName(country)})` : '';
  const explanation =
    `${plural(users.length, 'different user')} signed in from ${plainLabel(ip, 45)}${where} ` +
    `within ${formatDuration(last.occurredAt - first.occurredAt)} (${formatUtc(
      first.occurredAt,
    )} to ${formatUtc(last.occurredAt)}), an address new to the account: ` +
    `${listInWords(named)}${more}.`;

  return {
    evidenceEventIds: burst.map((attempt) => attempt.event.id),
    values: {
      ip,
      country,
      users,
      userCount: users.length,
      signIns: burst.length,
      minutes: Math.round((last.occurredAt - first.occurredAt) / 60_000),
      geo: geoProvenance(context.geo.database),
    },
    subject: ip,
    explanation,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
  };
}
