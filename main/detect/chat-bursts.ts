/**
 * What the chat burst detectors share: grouping one person's timed changes, finding the
 * bursts, and the finding that names the conversations they touched.
 */
import type { EventRow } from '../../shared/events.ts';
import { burstsOf, groupBy } from './bursts.ts';
import { formatDuration, formatUtc, listInWords, personKey, plainLabel } from './text.ts';
import type { FindingDraft } from './types.ts';

/** At most this many conversations are named in a sentence; values carry them all. */
const NAMED_PLACES = 3;

/**
 * One person's bursts of changes. A listing's "Edited" or "Deleted" status carries the send
 * time, not the change's, so such events cannot time a burst and are left out.
 */
export function chatBursts(
  events: readonly EventRow[],
  minCount: number,
  windowMinutes: number,
): Array<{ actor: string; burst: EventRow[] }> {
  const byActor = groupBy(events, (event) =>
    event.detail.changeTimeUnknown === true ? null : personKey(event.actorEmail, event.actorId));

  const found: Array<{ actor: string; burst: EventRow[] }> = [];
  for (const [actor, changes] of byActor) {
    for (const burst of burstsOf(changes, (e) => e.occurredAt, minCount, windowMinutes * 60_000)) {
      found.push({ actor, burst });
    }
  }
  return found;
}

/**
 * The finding for one burst. `didWhat` completes "<actor> … within <duration>", e.g.
 * "deleted 10 chat messages".
 */
export function chatBurstDraft(
  actor: string,
  burst: readonly EventRow[],
  didWhat: string,
  extraValues: Record<string, unknown> = {},
): FindingDraft {
  const first = burst[0]!;
  const last = burst.at(-1)!;
  const places = conversationsOf(burst);

  const named = places.slice(0, NAMED_PLACES).map((place) => plainLabel(place, 60));
  const more = places.length > NAMED_PLACES ? ` and ${places.length - NAMED_PLACES} more` : '';
  const where = places.length > 0 ? ` in ${listInWords(named)}${more}` : '';

  return {
    evidenceEventIds: burst.map((event) => event.id),
    values: {
      actor,
      count: burst.length,
      ...extraValues,
      minutes: Math.round((last.occurredAt - first.occurredAt) / 60_000),
      firstAt: new Date(first.occurredAt).toISOString(),
      lastAt: new Date(last.occurredAt).toISOString(),
      conversations: places,
    },
    subject: actor,
    explanation:
      `${plainLabel(actor)} ${didWhat} within ` +
      `${formatDuration(last.occurredAt - first.occurredAt)} (${formatUtc(first.occurredAt)} to ` +
      `${formatUtc(last.occurredAt)})${where}.`,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
  };
}

/** The channels (by name) and 1:1 partners of the burst's messages, first seen first. */
function conversationsOf(burst: readonly EventRow[]): string[] {
  const places = new Set<string>();
  for (const event of burst) {
    const place = event.channelName ?? event.channelId ?? event.targetEmail;
    if (place) places.add(place);
  }
  return [...places];
}
