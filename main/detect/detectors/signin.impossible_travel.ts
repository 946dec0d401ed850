/**
 * Two consecutive sign-ins of one user from countries so far apart that nobody could have
 * travelled between them in the time between the sign-ins.
 */
import type { EventRow } from '../../../shared/events.ts';
import { countryDistanceKm, countryName } from '../geo.ts';
import { byUser, geoProvenance, locateSignIns, type LocatedSignIn } from '../signins.ts';
import { formatCount, formatDuration, plainLabel, roundTo } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const HOUR_MS = 3_600_000;

/** Sign-ins less than a minute apart are timed as a minute, so that speed stays finite. */
const MIN_INTERVAL_MS = 60_000;

export const detector: Detector = {
  id: 'signin.impossible_travel',
  version: 1,
  severity: 'high',
  technique: { id: 'T1078', name: 'Valid Accounts' },
  kinds: ['auth.sign_in'],
  title: 'Impossible travel between sign-ins',
  detect,
};

interface Leg {
  from: LocatedSignIn;
  to: LocatedSignIn;
  km: number;
  hours: number;
  kmh: number;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];

  for (const signIns of byUser(locateSignIns(events, context.geo)).values()) {
    for (let i = 1; i < signIns.length; i++) {
      const leg = measureLeg(signIns[i - 1]!, signIns[i]!);
      if (leg && isImpossible(leg, context)) drafts.push(toDraft(leg, context));
    }
  }
  return drafts;
}

function measureLeg(from: LocatedSignIn, to: LocatedSignIn): Leg | null {
  if (from.country === to.country) return null;

  const km = countryDistanceKm(from.country, to.country);
  if (km === null) return null;

  const elapsed = Math.max(to.event.occurredAt - from.event.occurredAt, MIN_INTERVAL_MS);
  const hours = elapsed / HOUR_MS;
  return { from, to, km, hours, kmh: km / hours };
}

function isImpossible(leg: Leg, context: DetectContext): boolean {
  return (
    leg.km > context.settings.impossibleTravelMinKm &&
    leg.kmh > context.settings.impossibleTravelKmh
  );
}

function toDraft(leg: Leg, context: DetectContext): FindingDraft {
  const { from, to } = leg;
  const values = {
    user: to.user,
    from: from.country,
    to: to.country,
    fromIp: from.ip,
    toIp: to.ip,
    km: Math.round(leg.km),
    hours: roundTo(leg.hours, 2),
    kmh: Math.round(leg.kmh),
    geo: geoProvenance(context.geo.database),
  };

  const elapsed = formatDuration(to.event.occurredAt - from.event.occurredAt);
  const explanation =
    `${plainLabel(to.user)} signed in from ${countryName(to.country)} ` +
    `(${plainLabel(to.ip, 45)}) ${elapsed} after signing in from ${countryName(from.country)} ` +
    `(${plainLabel(from.ip, 45)}); the ${formatCount(leg.km)} km between them would need ` +
    `${formatCount(leg.kmh)} km/h.`;

  return {
    evidenceEventIds: [from.event.id, to.event.id],
    values,
    subject: to.user,
    explanation,
    firstEventAt: from.event.occurredAt,
    lastEventAt: to.event.occurredAt,
  };
}
