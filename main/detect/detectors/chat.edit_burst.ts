/**
 * One person edits many chat messages in a short time: rewriting what was said is as good a
 * way to remove evidence as deleting it, and leaves the conversation looking intact.
 */
import type { EventRow } from '../../../shared/events.ts';
import { burstsOf, groupBy } from '../bursts.ts';
import { formatDuration, formatUtc, listInWords, personKey, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** At most this many conversations are named in a sentence; values carry them all. */
const NAMED_PLACES = 3;

export const detector: Detector = {
  id: 'chat.edit_burst',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1070', name: 'Indicator Removal' },
  kinds: ['chat.message_updated'],
  title: 'Burst of edited chat messages',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  // A listing's "Edited" status carries the send time, not the edit's: it cannot time a burst.
  const byActor = groupBy(events, (event) =>
    event.detail.changeTimeUnknown === true ? null : personKey(event.actorEmail, event.actorId));

  const windowMs = context.settings.editBurstMinutes * 60_000;
  const drafts: FindingDraft[] = [];
  for (const [actor, edits] of byActor) {
    const bursts = burstsOf(edits, (edit) => edit.occurredAt, context.settings.editBurstCount,
      windowMs);
    for (const burst of bursts) {
      drafts.push(toDraft(actor, burst));
    }
  }
  return drafts;
}

function toDraft(actor: string, burst: readonly EventRow[]): FindingDraft {
  const first = burst[0]!;
  const last = burst.at(-1)!;
  const places = placesOf(burst);
  const messages = new Set(burst.map((event) => event.messageId ?? event.id)).size;

  const named = places.slice(0, NAMED_PLACES).map((place) => plainLabel(place, 60));
  const more = places.length > NAMED_PLACES ? ` and ${places.length - NAMED_PLACES} more` : '';
  const where = places.length > 0 ? ` in ${listInWords(named)}${more}` : '';

  const explanation =
    `${plainLabel(actor)} made ${plural(burst.length, 'chat message edit')} ` +
    `(${plural(messages, 'message')}) within ` +
    `${formatDuration(last.occurredAt - first.occurredAt)} (${formatUtc(first.occurredAt)} to ` +
    `${formatUtc(last.occurredAt)})${where}.`;

  return {
    evidenceEventIds: burst.map((event) => event.id),
    values: {
      actor,
      count: burst.length,
      messages,
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

/** The channels (by name) and 1:1 partners the edited messages were in, first seen first. */
function placesOf(burst: readonly EventRow[]): string[] {
  const places = new Set<string>();
  for (const event of burst) {
    const place = event.channelName ?? event.channelId ?? event.targetEmail;
    if (place) places.add(place);
  }
  return [...places];
}
