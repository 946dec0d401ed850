/**
 * One person deletes many chat messages in a short time: a common way to remove evidence
 * after an account is taken over or before someone leaves.
 */
import type { EventRow } from '../../../shared/events.ts';
import {
  formatDuration,
  formatUtc,
  listInWords,
  personKey,
  plainLabel,
  plural,
} from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** At most this many conversations are named in a sentence; values carry them all. */
const NAMED_PLACES = 3;

export const detector: Detector = {
  id: 'chat.delete_burst',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1070', name: 'Indicator Removal' },
  kinds: ['chat.message_deleted'],
  title: 'Burst of deleted chat messages',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const byActor = new Map<string, EventRow[]>();
  for (const event of events) {
    const actor = personKey(event.actorEmail, event.actorId);
    // A deletion seen only as a status in a listing carries the send time, not the deletion's.
    if (!actor || event.detail.changeTimeUnknown === true) continue;

    const list = byActor.get(actor);
    if (list) list.push(event);
    else byActor.set(actor, [event]);
  }

  const drafts: FindingDraft[] = [];
  for (const [actor, deletions] of byActor) {
    for (const burst of findBursts(deletions, context)) drafts.push(toDraft(actor, burst));
  }
  return drafts;
}

/**
 * Slides a window over one actor's deletions (time order). Every window holding enough
 * deletions qualifies; qualifying windows that share a deletion merge into one burst.
 */
export function findBursts(deletions: readonly EventRow[], context: DetectContext): EventRow[][] {
  const windowMs = context.settings.deleteBurstMinutes * 60_000;
  const minCount = context.settings.deleteBurstCount;
  const bursts: Array<{ start: number; end: number }> = [];
  let start = 0;

  for (let end = 0; end < deletions.length; end++) {
    const endAt = deletions[end]!.occurredAt;
    while (endAt - deletions[start]!.occurredAt > windowMs) start++;
    if (end - start + 1 < minCount) continue;

    const last = bursts.at(-1);
    if (last && start <= last.end) last.end = end;
    else bursts.push({ start, end });
  }
  return bursts.map(({ start: from, end: to }) => deletions.slice(from, to + 1));
}

function toDraft(actor: string, burst: readonly EventRow[]): FindingDraft {
  const first = burst[0]!;
  const last = burst.at(-1)!;
  const places = placesOf(burst);

  const named = places.slice(0, NAMED_PLACES).map((place) => plainLabel(place, 60));
  const more = places.length > NAMED_PLACES ? ` and ${places.length - NAMED_PLACES} more` : '';
  const where = places.length > 0 ? ` in ${listInWords(named)}${more}` : '';

  const explanation =
    `${plainLabel(actor)} deleted ${plural(burst.length, 'chat message')} within ` +
    `${formatDuration(last.occurredAt - first.occurredAt)} (${formatUtc(first.occurredAt)} to ` +
    `${formatUtc(last.occurredAt)})${where}.`;

  return {
    evidenceEventIds: burst.map((event) => event.id),
    values: {
      actor,
      count: burst.length,
      minutes: Math.round((last.occurredAt - first.occurredAt) / 60_000),
      firstAt: new Date(first.occurredAt).toISOString(),
      lastAt: new Date(last.occurredAt).toISOString(),
      conversations: places,
    },
    subject: actor,
    explanation,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
  };
}

/** The channels (by name) and 1:1 partners the deleted messages were in, first seen first. */
function placesOf(burst: readonly EventRow[]): string[] {
  const places = new Set<string>();
  for (const event of burst) {
    const place = event.channelName ?? event.channelId ?? event.targetEmail;
    if (place) places.add(place);
  }
  return [...places];
}
