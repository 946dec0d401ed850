/** Meeting participants as the meeting detectors read them, one meeting at a time. */
import type { EventRow } from '../../shared/events.ts';
import { groupBy } from './bursts.ts';
import type { DetectContext } from './types.ts';

export interface Meeting {
  key: string;
  meetingId: string | null;
  topic: string | null;
  hostId: string | null;
  joins: EventRow[];
}

/** Joins grouped by meeting instance (uuid, else id), for meetings the account's users host. */
export function hostedMeetings(events: readonly EventRow[], context: DetectContext): Meeting[] {
  const joins = events.filter((event) => event.kind === 'meeting.participant_joined');
  const byMeeting = groupBy(joins, (event) =>
    text(event.detail.meetingUuid) ?? text(event.detail.meetingId));

  const hosts = new Set([...context.users.values()].map((user) => user.userId));
  const meetings: Meeting[] = [];
  for (const [key, list] of byMeeting) {
    const first = list[0]!;
    const hostId = text(first.detail.hostId);
    // Without a users list every meeting the account's webhooks report counts as its own.
    if (hosts.size > 0 && hostId !== null && !hosts.has(hostId)) continue;

    meetings.push({
      key,
      meetingId: text(first.detail.meetingId),
      topic: text(first.detail.topic),
      hostId,
      joins: list,
    });
  }
  return meetings;
}

/** `"Weekly sync" (meeting 123)` for sentences. */
export function meetingLabel(meeting: Meeting, label: (text: string, max?: number) => string):
  string {
  const id = meeting.meetingId ?? meeting.key;
  return meeting.topic ? `"${label(meeting.topic, 60)}" (meeting ${label(id, 30)})`
    : `meeting ${label(id, 30)}`;
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
