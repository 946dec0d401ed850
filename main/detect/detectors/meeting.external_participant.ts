/**
 * People from outside the account's domains join a meeting one of the account's users hosts:
 * one finding per meeting, naming every external participant. Partner domains are named
 * as known, never left out.
 */
import type { EventRow } from '../../../shared/events.ts';
import { isOutside } from '../audience.ts';
import { hostedMeetings, meetingLabel, text, type Meeting } from '../meetings.ts';
import { emailDomain, formatUtc, listInWords, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** At most this many participants are named in a sentence; values carry them all. */
const NAMED = 3;

export const detector: Detector = {
  id: 'meeting.external_participant',
  version: 1,
  severity: 'low',
  technique: null,
  kinds: ['meeting.participant_joined'],
  title: 'External participant in a meeting',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const meeting of hostedMeetings(events, context)) {
    const external = meeting.joins.filter((join) => isOutside(join.actorEmail, context));
    if (external.length > 0) drafts.push(toDraft(meeting, external, context));
  }
  return drafts;
}

function toDraft(meeting: Meeting, joins: readonly EventRow[], context: DetectContext):
  FindingDraft {
  const emails = [...new Set(joins.map((join) => join.actorEmail!.toLowerCase()))];
  const partners = new Set(context.settings.knownExternalDomains);
  const named = emails.slice(0, NAMED).map((email) => plainLabel(email));
  const more = emails.length > NAMED ? ` and ${emails.length - NAMED} more` : '';
  const first = joins[0]!;
  const last = joins.at(-1)!;

  const explanation =
    `${plural(emails.length, 'participant')} from outside the account's domains ` +
    `(${listInWords(named)}${more}) joined ${meetingLabel(meeting, plainLabel)}, hosted by ` +
    `the account's user ${plainLabel(meeting.hostId)}, first at ${formatUtc(first.occurredAt)}.`;

  return {
    evidenceEventIds: joins.map((join) => join.id),
    values: {
      meetingId: meeting.meetingId,
      meetingUuid: meeting.key,
      topic: meeting.topic,
      hostId: meeting.hostId,
      participants: joins.map((join) => ({
        email: join.actorEmail?.toLowerCase(),
        name: text(join.detail.participantName),
        knownExternalDomain: partners.has(emailDomain(join.actorEmail) ?? ''),
        joinedAt: new Date(join.occurredAt).toISOString(),
      })),
    },
    subject: meeting.key,
    explanation,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
  };
}
