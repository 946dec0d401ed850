/**
 * Messages that attack whatever displays or exports them: HTML/script injection, spreadsheet
 * formulas, a right-to-left override and a body of about one megabyte. The product must
 * carry them from the API to the report as inert text.
 */
import type { Builder, Conversation, Person } from './builder.ts';
import { makeMessage } from './messages.ts';
import type { Random } from './random.ts';
import { isWeekend, localToUtc } from './time.ts';

export const HOSTILE_TEXTS = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '=HYPERLINK("http://evil.example/x","click")',
  '+1+1',
  '@SUM(A1:A2)',
  'Please check the invoice_\u202Efdp.exe before the call',
];

/** About one megabyte of log paste: one message no list view may render in full. */
export function largeBody(): string {
  const line = 'INFO gateway request served path=/health upstream=ok cache=hit\n';
  return line.repeat(Math.ceil(1_000_000 / line.length));
}

/** A member who was in the channel from its creation and is still active. */
function steadyMember(rng: Random, builder: Builder, conversation: Conversation): Person {
  const info = conversation.channel;
  if (!info) throw new Error('hostile messages go to a channel');

  const steady = info.members.filter((m) => {
    const profile = builder.profiles.find((p) => p.person === m.person);
    return m.joinedAt === info.createdAt && profile?.user.status === 'active' &&
      profile.activeFrom === builder.window.start && !builder.quiet.has(m.person.email);
  });
  return rng.pick(steady).person;
}

function channelConversation(builder: Builder, name: string): Conversation {
  const found = builder.conversations.find((c) => c.channel?.channel.name === name);
  if (!found) throw new Error(`no channel ${name}`);
  return found;
}

/** Posts each hostile text, and the large body, on working days after the channel exists. */
export function addHostileMessages(builder: Builder): void {
  const rng = builder.rng.fork('hostile');
  const random = channelConversation(builder, 'random');
  const workdays = builder.window.days.filter((d) => !isWeekend(d)).slice(5, 15);
  HOSTILE_TEXTS.forEach((text, i) => {
    const sender = steadyMember(rng, builder, random);
    const day = workdays[i % workdays.length] as number;
    const at = localToUtc(sender.timezone, day, 10 * 60 + i * 7) + rng.int(0, 59_999);
    builder.messages.push(makeMessage(rng, random, sender, at, text));
  });

  const engineering = channelConversation(builder, 'engineering');
  const paster = steadyMember(rng, builder, engineering);
  const day = workdays[3] as number;
  const at = localToUtc(paster.timezone, day, 14 * 60 + 12) + rng.int(0, 59_999);
  builder.messages.push(makeMessage(rng, engineering, paster, at, largeBody()));
}
