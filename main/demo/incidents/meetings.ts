/**
 * `meeting.external_participant` and `meeting.guest_without_sign_in`.
 *
 * Planted: a personal webmail address joins a finance review hosted by a user; a guest
 * who did not sign in ("iPhone") joins a board-prep meeting. Look-alikes: a colleague from the
 * lab's own domain joins a meeting; a partner who signed in with their own Zoom account joins
 * another (external, but not a guest).
 */
import type { Builder, Person, Profile } from '../builder.ts';
import type { AnswerKeyEntry } from '../model.ts';
import { newMeeting, participantJoined, type Joiner } from '../meetings.ts';
import type { Random } from '../random.ts';
import { MINUTE, localToUtc } from '../time.ts';
import { LAB_DOMAIN } from '../users.ts';
import { externalAt, takeUser, webhookRef, workday } from './people.ts';

/** A meeting of `host` with `joiners` joining a minute apart; returns the joiners' bodies. */
function meetingWith(builder: Builder, rng: Random, host: Profile, topic: string,
  position: number, joiners: Joiner[]) {
  const start = localToUtc(host.user.timezone, workday(builder, position), 14 * 60);
  const meeting = newMeeting(rng, host, topic, start);
  builder.webhooks.push(participantJoined(builder, rng, meeting, { person: host.person }, start));
  return joiners.map((joiner, i) => {
    const body = participantJoined(builder, rng, meeting, joiner, start + (i + 2) * MINUTE);
    builder.webhooks.push(body);
    return body;
  });
}

function entry(id: string, detector: string, host: Profile, description: string,
  bodies: ReturnType<typeof meetingWith>): AnswerKeyEntry {
  return { id, detector, subject: host.user.email, description, records: bodies.map(webhookRef) };
}

function labColleague(builder: Builder): Person {
  const found = builder.profiles.find((p) => p.user.email.endsWith(`@${LAB_DOMAIN}`) &&
    p.user.status === 'active');
  if (!found) throw new Error('no lab colleague');
  return found.person;
}

export function plantMeetings(builder: Builder): void {
  const rng = builder.rng.fork('incident-meetings');
  const host = takeUser(builder, rng);
  const colleague = takeUser(builder, rng, (p) => p !== host);

  const webmail = externalAt(builder, 'mailbox-example.org', 2);
  builder.incidents.push(entry('meeting-external-participant-1', 'meeting.external_participant',
    host, `${webmail.email} joins a finance review hosted by ${host.user.email}.`,
    meetingWith(builder, rng, host, 'Finance review', 10,
      [{ person: colleague.person }, { person: webmail }]).slice(1)));

  builder.incidents.push(entry('meeting-guest-without-sign-in-1', 'meeting.guest_without_sign_in',
    host, 'A guest named "iPhone" joins board prep without signing in.',
    meetingWith(builder, rng, host, 'Board prep', 14, [{ guestName: 'iPhone' }])));

  builder.benign.push(entry('benign-meeting-lab-colleague', 'meeting.external_participant',
    host, `A colleague from ${LAB_DOMAIN}, one of the account's own domains, joins.`,
    meetingWith(builder, rng, host, 'Lab sync', 6, [{ person: labColleague(builder) }])));

  const partner = externalAt(builder, 'fabrikam-example.com', 3);
  builder.benign.push(entry('benign-meeting-partner-signed-in', 'meeting.guest_without_sign_in',
    host, `${partner.email} joins signed in with a Zoom account: external, not a guest.`,
    meetingWith(builder, rng, host, 'Pilot check-in', 8, [{ person: partner }])));
}
