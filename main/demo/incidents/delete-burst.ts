/**
 * `chat.delete_burst`: one user deletes five or more messages within ten minutes.
 *
 * Planted: a user tells a colleague, over a working day, about a customer export taken home,
 * then deletes ten of those messages within five minutes. Look-alikes: a user deleting three
 * typo-ridden messages within ten minutes; another deleting six messages spread over a day.
 */
import type { Builder, Conversation, Person, Profile } from '../builder.ts';
import type { DemoMessage } from '../model.ts';
import { makeMessage } from '../messages.ts';
import type { Random } from '../random.ts';
import { MINUTE, localToUtc } from '../time.ts';
import type { Cast } from './common.ts';
import { directConversation, messageRef, workdayIndexes } from './common.ts';

const CONFESSION = [
  'ok so I pulled the full customer export before the access review',
  'it is on my personal drive now, nobody checks that',
  'the file has every contract value and contact in it',
  'I will take it with me when I start at the new place',
  'they already asked for the enterprise list in the interview',
  'do not mention it to anyone on the team',
  'I also grabbed the pricing sheet from the finance folder',
  'if IT asks, I was just cleaning up my downloads',
  'the zip is called holiday-photos so it does not stand out',
  'delete this chat on your side too please',
];

const TYPOS = ['teh deploy is dnoe', 'wrong chanel sorry', 'ignroe that'];

const SPREAD = ['draft: agenda for friday', 'old link, ignore', 'posted in the wrong thread',
  'duplicate of above', 'outdated numbers, will repost', 'meant for someone else'];

/** A colleague who is an active user from the start of the window and not in the cast. */
function colleague(builder: Builder, rng: Random, of: Profile): Person {
  const pool = builder.profiles.filter((p) => p !== of && p.user.status === 'active' &&
    p.activeFrom === builder.window.start && !builder.quiet.has(p.user.email));
  const nearby = pool.filter((p) => p.user.timezone === of.user.timezone);
  return rng.pick(nearby.length > 0 ? nearby : pool).person;
}

function workday(builder: Builder, position: number): number {
  const days = workdayIndexes(builder);
  return builder.window.days[days[position] as number] as number;
}

/** Posts `texts` one by one from `first`, `gap` minutes apart (local working time). */
function post(rng: Random, conversation: Conversation, sender: Person, first: number,
  gapMinutes: number, texts: readonly string[]): DemoMessage[] {
  return texts.map((text, i) =>
    makeMessage(rng, conversation, sender, first + i * gapMinutes * MINUTE + rng.int(0, 50_000),
      text));
}

function plantBurst(builder: Builder, rng: Random, profile: Profile): void {
  const day = workday(builder, 14);
  const friend = colleague(builder, rng, profile);
  const conversation = directConversation(builder, rng, profile.person, friend);
  const start = localToUtc(profile.user.timezone, day, 10 * 60 + 5);
  const sent = post(rng, conversation, profile.person, start, 31, CONFESSION);
  const reply = makeMessage(rng, conversation, friend, start + 20 * MINUTE, 'wait, seriously?');
  const deleteFrom = localToUtc(profile.user.timezone, day, 16 * 60 + 48);
  sent.forEach((m, i) => {
    m.deleted_at = deleteFrom + i * 28_000 + rng.int(0, 900);
  });
  builder.messages.push(...sent, reply);

  builder.incidents.push({
    id: 'chat-delete-burst-1',
    detector: 'chat.delete_burst',
    subject: profile.user.email,
    description: `${profile.user.display_name} deletes ${sent.length} messages to ` +
      `${friend.displayName} within five minutes, after describing a customer data export.`,
    records: sent.map((m) => messageRef(m, 'deleted')),
  });
}

function plantFewDeletions(builder: Builder, rng: Random, profile: Profile): void {
  const day = workday(builder, 9);
  const friend = colleague(builder, rng, profile);
  const conversation = directConversation(builder, rng, profile.person, friend);
  const start = localToUtc(profile.user.timezone, day, 11 * 60 + 20);
  const sent = post(rng, conversation, profile.person, start, 1, TYPOS);
  sent.forEach((m, i) => {
    m.deleted_at = start + 4 * MINUTE + i * 2 * MINUTE + rng.int(0, 30_000);
  });
  builder.messages.push(...sent);

  builder.benign.push({
    id: 'benign-chat-three-deletions',
    detector: 'chat.delete_burst',
    subject: profile.user.email,
    description: `${profile.user.display_name} deletes three mistyped messages within ten ` +
      'minutes: fewer than five.',
    records: sent.map((m) => messageRef(m, 'deleted')),
  });
}

function plantSpreadDeletions(builder: Builder, rng: Random, profile: Profile): void {
  const day = workday(builder, 11);
  const friend = colleague(builder, rng, profile);
  const conversation = directConversation(builder, rng, profile.person, friend);
  const start = localToUtc(profile.user.timezone, day, 8 * 60 + 40);
  const sent = post(rng, conversation, profile.person, start, 90, SPREAD);
  sent.forEach((m) => {
    m.deleted_at = m.timestamp + 15 * MINUTE + rng.int(0, 60_000);
  });
  builder.messages.push(...sent);

  builder.benign.push({
    id: 'benign-chat-spread-deletions',
    detector: 'chat.delete_burst',
    subject: profile.user.email,
    description: `${profile.user.display_name} deletes six messages about ninety minutes ` +
      'apart over one working day: never five within ten minutes.',
    records: sent.map((m) => messageRef(m, 'deleted')),
  });
}

export function plantDeleteBurst(builder: Builder, cast: Cast): void {
  const rng = builder.rng.fork('incident-delete-burst');
  plantBurst(builder, rng, cast.burstDeleter);
  plantFewDeletions(builder, rng, cast.fewDeleter);
  plantSpreadDeletions(builder, rng, cast.spreadDeleter);
}
