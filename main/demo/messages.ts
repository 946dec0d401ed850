/**
 * Background Team Chat traffic: bursts of conversation in working hours, some thread
 * replies, a few edits, rare deletions and file shares.
 */
import type { Builder, Conversation, Person } from './builder.ts';
import type { DemoMessage } from './model.ts';
import type { Random } from './random.ts';
import { editedLine, fileName, openingLine, replyLine } from './texts.ts';
import { DAY, isWeekend, isoSecond, localHour, localToUtc } from './time.ts';

export interface MessageOptions {
  replyTo?: DemoMessage;
  files?: DemoMessage['files'];
}

/** The other party of a 1:1 conversation. */
function counterpart(conversation: Conversation, sender: Person): Person {
  const [a, b] = conversation.pair ?? [];
  if (!a || !b) throw new Error('not a 1:1 conversation');
  return a === sender ? b : a;
}

/** A message record as the chat report returns it, addressed like Zoom addresses it. */
export function makeMessage(
  rng: Random,
  conversation: Conversation,
  sender: Person,
  timestamp: number,
  text: string,
  options: MessageOptions = {},
): DemoMessage {
  const channel = conversation.channel?.channel;
  const contact = channel ? undefined : counterpart(conversation, sender);
  const message: DemoMessage = {
    id: rng.uuid(),
    session_id: conversation.session.id,
    sender: sender.email,
    sender_user_id: sender.id,
    sender_display_name: sender.displayName,
    send_member_id: sender.memberId,
    ...(channel ? { to_channel: channel.id } : { to_contact: contact?.email ?? '' }),
    receiver: channel ? channel.name : (contact?.email ?? ''),
    date_time: isoSecond(timestamp),
    timestamp,
    message: text,
    message_type: 'plain_text_message',
    reply_main_message_id: options.replyTo?.id ?? '',
    ...(options.replyTo ? { reply_main_message_timestamp: options.replyTo.timestamp } : {}),
    files: options.files ?? [],
    edits: [],
  };
  return message;
}

/** When each person may post: channel membership and account activity. */
interface Presence {
  from: number;
  until: number;
}

function presenceMap(builder: Builder, conversation: Conversation): Map<Person, Presence> {
  const out = new Map<Person, Presence>();
  const span = (p: Person) => builder.profiles.find((x) => x.person === p);
  const people = conversation.channel
    ? conversation.channel.members.map((m) => [m.person, m.joinedAt] as const)
    : (conversation.pair ?? []).map((p) => [p, builder.window.start] as const);
  for (const [person, joined] of people) {
    const profile = span(person);
    const from = Math.max(joined, profile?.activeFrom ?? builder.window.start);
    out.set(person, { from, until: profile?.activeUntil ?? builder.window.end });
  }
  return out;
}

function canPost(presence: Map<Person, Presence>, person: Person, at: number): boolean {
  const span = presence.get(person);
  if (!span || at < span.from || at >= span.until) return false;

  const hour = localHour(person.timezone, at);
  return hour >= 7.5 && hour < 19.5;
}

/** A poster for the next line: someone present and at work, else nobody. */
function nextSender(rng: Random, people: Person[], presence: Map<Person, Presence>,
  previous: Person, at: number): Person | undefined {
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = rng.pick(people);
    if (candidate !== previous && canPost(presence, candidate, at)) return candidate;
  }
  return undefined;
}

function poisson(rng: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let product = rng.next();
  let count = 0;
  while (product > limit) {
    count++;
    product *= rng.next();
  }
  return count;
}

interface Burst {
  conversation: Conversation;
  presence: Map<Person, Presence>;
  people: Person[];
  roots: DemoMessage[];
}

/** One short exchange: an opener, then replies (in a thread, sometimes) minutes apart. */
function burst(rng: Random, builder: Builder, ctx: Burst, day: number): DemoMessage[] {
  const starter = rng.pick(ctx.people);
  let at = localToUtc(starter.timezone, day, rng.int(8 * 60 + 30, 17 * 60 + 30)) +
    rng.int(0, 59_999);
  if (!canPost(ctx.presence, starter, at)) return [];

  const earlier = ctx.roots.slice(-20).filter((root) => root.timestamp < at);
  const threadRoot = ctx.conversation.channel && earlier.length > 0 && rng.chance(0.15)
    ? rng.pick(earlier)
    : undefined;
  const other = ctx.people.find((p) => p !== starter) ?? starter;
  const out: DemoMessage[] = [];
  let sender: Person | undefined = starter;
  for (let i = rng.int(2, 9); i > 0 && sender && at < builder.window.end; i--) {
    const first = out.length === 0 && !threadRoot;
    const text = first ? openingLine(rng, other.firstName) : replyLine(rng);
    const files = rng.chance(0.012)
      ? [{ file_id: rng.uuid(), file_name: fileName(rng), file_size: rng.int(12_000, 4_800_000) }]
      : undefined;
    out.push(makeMessage(rng, ctx.conversation, sender, at, text,
      { ...(threadRoot ? { replyTo: threadRoot } : {}), ...(files ? { files } : {}) }));
    at += rng.int(20, 420) * 1000 + rng.int(0, 999);
    sender = nextSender(rng, ctx.people, ctx.presence, sender, at);
  }

  if (!threadRoot && out[0]) ctx.roots.push(out[0]);
  return out;
}

/** Gives a few messages a later correction. */
function addEdits(rng: Random, builder: Builder, messages: DemoMessage[]): void {
  for (const message of messages) {
    if (!rng.chance(0.03)) continue;

    let at = message.timestamp;
    for (let i = rng.int(1, 2); i > 0; i--) {
      at += rng.int(30, 1200) * 1000 + rng.int(0, 999);
      if (at >= builder.window.end) break;
      const previous = message.edits[message.edits.length - 1]?.message ?? message.message;
      message.edits.push({ message: editedLine(rng, previous), timestamp: at });
    }
  }
}

/**
 * Rare deletions, at most one per sender per day, never by the people the planted incidents
 * and look-alikes are about: no background user comes near a deletion burst.
 */
function addDeletions(rng: Random, builder: Builder, messages: DemoMessage[]): void {
  const used = new Set<string>();
  for (const message of messages) {
    if (builder.quiet.has(message.sender) || !rng.chance(0.003)) continue;

    const at = message.timestamp + rng.int(60, 3 * 3600) * 1000 + rng.int(0, 999);
    const last = message.edits[message.edits.length - 1]?.timestamp ?? message.timestamp;
    const key = `${message.sender}|${Math.floor(at / DAY)}`;
    if (at >= builder.window.end || at <= last || used.has(key)) continue;

    used.add(key);
    message.deleted_at = at;
  }
}

/** Tunes overall chat volume (about 30,000 messages a month) without touching every rate. */
const VOLUME = 2.2;

function conversationMessages(rng: Random, builder: Builder, c: Conversation): DemoMessage[] {
  const presence = presenceMap(builder, c);
  const ctx: Burst = { conversation: c, presence, people: [...presence.keys()], roots: [] };
  const out: DemoMessage[] = [];
  for (const day of builder.window.days) {
    const mean = (isWeekend(day) ? c.rate * 0.03 : c.rate) * VOLUME;
    for (let n = poisson(rng, mean); n > 0; n--) out.push(...burst(rng, builder, ctx, day));
  }
  return out.filter((m) => m.timestamp >= builder.window.start && m.timestamp < builder.window.end);
}

/** Adds the background messages of every conversation. */
export function addBackgroundMessages(builder: Builder): void {
  const rng = builder.rng.fork('messages');
  const all: DemoMessage[] = [];
  for (const conversation of builder.conversations) {
    all.push(...conversationMessages(rng, builder, conversation));
  }

  addEdits(rng, builder, all);
  addDeletions(rng, builder, all);
  builder.messages.push(...all);
}

