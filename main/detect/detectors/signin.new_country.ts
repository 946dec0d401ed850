/**
 * A user signs in from a country none of their earlier sign-ins came from, once they have
 * enough history for "new" to mean something.
 */
import type { EventRow } from '../../../shared/events.ts';
import { countryName } from '../geo.ts';
import { byUser, geoProvenance, locateSignIns, type LocatedSignIn } from '../signins.ts';
import { formatDuration, listInWords, plainLabel, plural, roundTo } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const DAY_MS = 86_400_000;

export const detector: Detector = {
  id: 'signin.new_country',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1078', name: 'Valid Accounts' },
  kinds: ['auth.sign_in'],
  title: 'Sign-in from a new country',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const trusted = new Set(context.settings.trustedCountries);

  for (const signIns of byUser(locateSignIns(events, context.geo)).values()) {
    drafts.push(...newCountriesOfUser(signIns, trusted, context));
  }
  return drafts;
}

/** Walks one user's sign-ins in time order, remembering the countries seen so far. */
function newCountriesOfUser(
  signIns: readonly LocatedSignIn[],
  trusted: ReadonlySet<string>,
  context: DetectContext,
): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  const seen = new Set<string>();
  const first = signIns[0];

  signIns.forEach((signIn, index) => {
    const isNew = !seen.has(signIn.country);
    seen.add(signIn.country);
    if (!isNew || !first || trusted.has(signIn.country)) return;

    const spanMs = (signIns[index - 1]?.event.occurredAt ?? 0) - first.event.occurredAt;
    const baselineMet =
      index >= context.settings.newCountryMinSignIns &&
      spanMs >= context.settings.newCountryMinDays * DAY_MS;
    if (!baselineMet) return;

    const known = [...seen].filter((country) => country !== signIn.country);
    drafts.push(toDraft(signIn, signIns[index - 1]!, known, index, spanMs, context));
  });
  return drafts;
}

function toDraft(
  signIn: LocatedSignIn,
  previous: LocatedSignIn,
  knownCountries: string[],
  earlierCount: number,
  spanMs: number,
  context: DetectContext,
): FindingDraft {
  const values = {
    user: signIn.user,
    country: signIn.country,
    countryName: countryName(signIn.country),
    ip: signIn.ip,
    knownCountries,
    earlierSignIns: earlierCount,
    baselineDays: roundTo(spanMs / DAY_MS, 1),
    previousSignIn: { eventId: previous.event.id, ip: previous.ip, country: previous.country },
    geo: geoProvenance(context.geo.database),
  };

  const history = `${plural(earlierCount, 'earlier sign-in')} over ${formatDuration(spanMs)}`;
  const explanation =
    `${plainLabel(signIn.user)} signed in from ${countryName(signIn.country)} ` +
    `(${plainLabel(signIn.ip, 45)}) for the first time; the ${history} came only from ` +
    `${listInWords(knownCountries.map(countryName))}.`;

  return {
    evidenceEventIds: [signIn.event.id],
    values,
    subject: signIn.user,
    explanation,
    firstEventAt: signIn.event.occurredAt,
    lastEventAt: signIn.event.occurredAt,
  };
}
