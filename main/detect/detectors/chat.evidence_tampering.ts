/**
 * A chat message is edited or deleted after a finding cited it, or soon after its sender
 * signed in from a country they had never signed in from: someone may be rewriting the record.
 */
import type { EventRow } from '../../../shared/events.ts';
import type { Citation } from '../citations.ts';
import { countryName } from '../geo.ts';
import { byUser, locateSignIns, type LocatedSignIn } from '../signins.ts';
import { formatDuration, formatUtc, personKey, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const detector: Detector = {
  id: 'chat.evidence_tampering',
  version: 1,
  severity: 'high',
  technique: { id: 'T1070', name: 'Indicator Removal' },
  kinds: ['auth.sign_in', 'chat.message_updated', 'chat.message_deleted'],
  title: 'Chat evidence changed',
  readsFindings: true,
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const newCountries = newCountrySignIns(events, context);
  const drafts: FindingDraft[] = [];

  for (const change of events) {
    if (!isTimedChange(change, context)) continue;

    const citation = earlierCitation(change, context);
    if (citation) drafts.push(citedDraft(change, citation));

    const signIn = recentNewCountry(change, newCountries, context);
    if (signIn) drafts.push(newCountryDraft(change, signIn));
  }
  return drafts;
}

/** An edit or deletion with its own time, not made by one of our response actions. */
function isTimedChange(event: EventRow, context: DetectContext): boolean {
  if (event.kind !== 'chat.message_updated' && event.kind !== 'chat.message_deleted') {
    return false;
  }
  if (event.detail.changeTimeUnknown === true || !event.messageId) return false;

  const ours = event.kind === 'chat.message_deleted' &&
    context.deletedByActions?.has(event.messageId) === true;
  return !ours;
}

/** The first finding of another detector citing an earlier version of this message. */
function earlierCitation(change: EventRow, context: DetectContext): Citation | null {
  const citations = context.citedMessages?.get(change.messageId ?? '') ?? [];
  const earlier = citations.find(
    (citation) =>
      citation.detectorId !== detector.id &&
      citation.eventId !== change.id &&
      citation.eventAt < change.occurredAt,
  );
  return earlier ?? null;
}

/**
 * Each user's first sign-in from a country, once the user has the history the new-country
 * rule asks for (same settings), trusted countries left out. Keyed by user, time order.
 */
function newCountrySignIns(events: readonly EventRow[], context: DetectContext):
  Map<string, LocatedSignIn[]> {
  const trusted = new Set(context.settings.trustedCountries);
  const out = new Map<string, LocatedSignIn[]>();

  for (const [user, signIns] of byUser(locateSignIns(events, context.geo))) {
    const first = signIns[0];
    const seen = new Set<string>();
    const fresh = signIns.filter((signIn, index) => {
      const isNew = !seen.has(signIn.country);
      seen.add(signIn.country);
      const span = (signIns[index - 1]?.event.occurredAt ?? 0) - (first?.event.occurredAt ?? 0);
      return isNew && !trusted.has(signIn.country) &&
        index >= context.settings.newCountryMinSignIns &&
        span >= context.settings.newCountryMinDays * DAY_MS;
    });
    if (fresh.length > 0) out.set(user, fresh);
  }
  return out;
}

/** The latest new-country sign-in of the sender within the window before the change. */
function recentNewCountry(
  change: EventRow,
  newCountries: ReadonlyMap<string, readonly LocatedSignIn[]>,
  context: DetectContext,
): LocatedSignIn | null {
  const sender = personKey(change.actorEmail, change.actorId);
  const windowMs = context.settings.tamperAfterNewCountryHours * HOUR_MS;
  const candidates = (sender ? newCountries.get(sender) : undefined) ?? [];

  const within = candidates.filter((signIn) => {
    const gap = change.occurredAt - signIn.event.occurredAt;
    return gap >= 0 && gap <= windowMs;
  });
  return within.at(-1) ?? null;
}

function verbOf(change: EventRow): string {
  return change.kind === 'chat.message_deleted' ? 'deleted' : 'edited';
}

function citedDraft(change: EventRow, citation: Citation): FindingDraft {
  const actor = personKey(change.actorEmail, change.actorId);
  const afterDetection = change.occurredAt > citation.detectedAt;
  const explanation =
    `${plainLabel(actor)} ${verbOf(change)} chat message ${plainLabel(change.messageId, 60)} ` +
    `at ${formatUtc(change.occurredAt)}, ${formatDuration(change.occurredAt - citation.eventAt)} ` +
    `after the version that finding ${citation.findingId.slice(0, 12)} ` +
    `(${plainLabel(citation.detectorId, 60)}) cites as evidence` +
    `${afterDetection ? ', and after that finding was made' : ''}.`;

  return {
    evidenceEventIds: [citation.eventId, change.id],
    values: {
      reason: 'cited_by_finding',
      actor,
      change: verbOf(change),
      messageId: change.messageId,
      citedBy: { findingId: citation.findingId, detectorId: citation.detectorId },
      citedEventId: citation.eventId,
      afterDetection,
      changedAt: new Date(change.occurredAt).toISOString(),
    },
    subject: actor,
    explanation,
    firstEventAt: citation.eventAt,
    lastEventAt: change.occurredAt,
  };
}

function newCountryDraft(change: EventRow, signIn: LocatedSignIn): FindingDraft {
  const explanation =
    `${plainLabel(signIn.user)} ${verbOf(change)} chat message ` +
    `${plainLabel(change.messageId, 60)} at ${formatUtc(change.occurredAt)}, ` +
    `${formatDuration(change.occurredAt - signIn.event.occurredAt)} after signing in from ` +
    `${countryName(signIn.country)} (${plainLabel(signIn.ip, 45)}) for the first time.`;

  return {
    evidenceEventIds: [signIn.event.id, change.id],
    values: {
      reason: 'after_new_country_sign_in',
      actor: signIn.user,
      change: verbOf(change),
      messageId: change.messageId,
      country: signIn.country,
      ip: signIn.ip,
      signInEventId: signIn.event.id,
      hoursAfterSignIn: Math.round((change.occurredAt - signIn.event.occurredAt) / HOUR_MS),
    },
    subject: signIn.user,
    explanation,
    firstEventAt: signIn.event.occurredAt,
    lastEventAt: change.occurredAt,
  };
}
