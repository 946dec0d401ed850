/**
 * Meetings as webhook bodies: meeting.participant_joined for each person who joins, in the
 * shape of Zoom's sample (meeting id as a string, host_id, participant with id, user_id,
 * user_name, email, join_time). Background meetings are internal, everyone signed in.
 */
import type { Builder, Person, Profile } from './builder.ts';
import type { DemoWebhook } from './model.ts';
import type { Random } from './random.ts';
import { MINUTE, isWeekend, isoSecond, localToUtc } from './time.ts';

const BACKGROUND_MEETINGS = 40;

const TOPICS = ['Weekly sync', 'Pipeline review', 'Sprint planning', 'Design critique',
  'Interview debrief', '1:1', 'Quarterly review', 'Customer onboarding prep'];

export interface DemoMeeting {
  id: string;
  uuid: string;
  topic: string;
  host: Profile;
  startAt: number;
}

/** Someone joining: a signed-in person, or a guest with only a typed name. */
export type Joiner = { person: Person } | { guestName: string };

export function newMeeting(rng: Random, host: Profile, topic: string, startAt: number):
  DemoMeeting {
  return { id: String(rng.int(81_000_000, 99_999_999)) + String(rng.int(100, 999)),
    uuid: `${rng.zoomId(22)}==`, topic, host, startAt };
}

/** One meeting.participant_joined body; event_ts a moment after the join. */
export function participantJoined(builder: Builder, rng: Random, meeting: DemoMeeting,
  joiner: Joiner, joinAt: number): DemoWebhook {
  const signedIn = 'person' in joiner;
  const participant: Record<string, unknown> = {
    id: signedIn ? joiner.person.id : '',
    user_id: String(rng.int(16_778_000, 16_799_999)),
    participant_uuid: rng.zoomId(22),
    user_name: signedIn ? joiner.person.displayName : joiner.guestName,
    join_time: isoSecond(joinAt),
  };
  if (signedIn) participant.email = joiner.person.email;

  return {
    event: 'meeting.participant_joined',
    event_ts: joinAt + 200 + rng.int(0, 700),
    payload: {
      account_id: builder.accountId,
      object: {
        id: meeting.id,
        uuid: meeting.uuid,
        host_id: meeting.host.user.id,
        topic: meeting.topic,
        type: 2,
        start_time: isoSecond(meeting.startAt),
        timezone: meeting.host.user.timezone,
        duration: 30,
        participant,
      },
    },
  };
}

/** Internal meetings of active users, everyone signed in with their own account. */
export function addBackgroundMeetings(builder: Builder): void {
  const rng = builder.rng.fork('meetings');
  const pool = builder.profiles.filter((p) => p.user.status === 'active' &&
    p.activeFrom === builder.window.start && !builder.quiet.has(p.user.email));
  const days = builder.window.days.filter((d) => !isWeekend(d));

  for (let i = 0; i < BACKGROUND_MEETINGS; i++) {
    const host = rng.pick(pool);
    const start = localToUtc(host.user.timezone, rng.pick(days), rng.int(9 * 60, 16 * 60));
    const meeting = newMeeting(rng, host, rng.pick(TOPICS), start);
    const others = rng.sample(pool.filter((p) => p !== host), rng.int(1, 5));
    [host, ...others].forEach((p, n) => {
      const at = start + n * rng.int(10, 90) * 1000 + rng.int(0, 2) * MINUTE;
      builder.webhooks.push(participantJoined(builder, rng, meeting, { person: p.person }, at));
    });
  }
}
