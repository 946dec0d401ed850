/**
 * Someone joins a meeting the account's users host without signing in to Zoom: no user id
 * and no e-mail, only a name they typed. Anyone with the link can be that name.
 */
import type { EventRow } from '../../../shared/events.ts';
import { hostedMeetings, meetingLabel, text, type Meeting } from '../meetings.ts';
import { formatUtc, listInWords, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** At most this many guests are named in a sentence; values carry them all. */
const NAMED = 3;

export const detector: Detector = {
  id: 'meeting.guest_without_sign_in',
  version: 1,
  severity: 'low',
  technique: null,
  kinds: ['meeting.participant_joined'],
  title: 'Guest joined a meeting without signing in',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const meeting of hostedMeetings(events, context)) {
    const guests = meeting.joins.filter(isGuest);
    if (guests.length > 0) drafts.push(toDraft(meeting, guests));
  }
  return drafts;
}

/** Neither a Zoom user id nor an e-mail: the participant did not sign in. */
function isGuest(join: EventRow): boolean {
  return text(join.detail.participantUserId) === null && !join.actorEmail;
}

function toDraft(meeting: Meeting, guests: readonly EventRow[]): FindingDraft {
  const names = guests.map((guest) => text(guest.detail.participantName) ?? '(no name)');
  const named = [...new Set(names)].slice(0, NAMED).map((name) => `"${plainLabel(name, 60)}"`);
  const more = names.length > NAMED ? ` and ${names.length - NAMED} more` : '';
  const first = guests[0]!;

  const explanation =
    `${plural(guests.length, 'guest')} who had not signed in to Zoom (${listInWords(named)}` +
    `${more}) joined ${meetingLabel(meeting, plainLabel)}, hosted by the account's user ` +
    `${plainLabel(meeting.hostId)}, first at ${formatUtc(first.occurredAt)}.`;

  return {
    evidenceEventIds: guests.map((guest) => guest.id),
    values: {
      meetingId: meeting.meetingId,
      meetingUuid: meeting.key,
      topic: meeting.topic,
      hostId: meeting.hostId,
      guests: guests.map((guest) => ({
        name: text(guest.detail.participantName),
        ip: guest.ip,
        joinedAt: new Date(guest.occurredAt).toISOString(),
      })),
    },
    subject: meeting.key,
    explanation,
    firstEventAt: first.occurredAt,
    lastEventAt: guests.at(-1)!.occurredAt,
  };
}
