/**
 * Team Chat structure: channels with owners, members (a few external), their creation and
 * later invitations (with the matching webhooks), and the chat sessions the report lists.
 */
import type { Builder, ChannelInfo, Conversation, Membership, Person, Profile } from './builder.ts';
import type { DemoChannel, DemoChannelMember, DemoChatSession } from './model.ts';
import type { Random } from './random.ts';
import { DAY, HOUR, isWeekend, localToUtc } from './time.ts';
import { channelCreated, memberInvited } from './webhooks.ts';

type Audience =
  | { kind: 'everyone' }
  | { kind: 'dept'; dept: string }
  | { kind: 'office'; timezone: string }
  | { kind: 'random'; size: number }
  | { kind: 'external'; domain: string; size: number };

interface ChannelPlan {
  name: string;
  type: number;
  rate: number;
  audience: Audience;
}

/**
 * The channel list. One name carries a right-to-left override so that it reads as a
 * harmless file name on screen; renderers and exports must show it for what it is.
 */
const PLANS: readonly ChannelPlan[] = [
  { name: 'general', type: 3, rate: 3, audience: { kind: 'everyone' } },
  { name: 'random', type: 3, rate: 2, audience: { kind: 'random', size: 90 } },
  { name: 'engineering', type: 2, rate: 3, audience: { kind: 'dept', dept: 'Engineering' } },
  { name: 'sales', type: 2, rate: 2.5, audience: { kind: 'dept', dept: 'Sales' } },
  { name: 'marketing', type: 2, rate: 2, audience: { kind: 'dept', dept: 'Marketing' } },
  { name: 'customer-success', type: 2, rate: 2.5,
    audience: { kind: 'dept', dept: 'Customer Success' } },
  { name: 'finance', type: 2, rate: 1.5, audience: { kind: 'dept', dept: 'Finance' } },
  { name: 'product', type: 2, rate: 2, audience: { kind: 'dept', dept: 'Product' } },
  { name: 'operations', type: 2, rate: 1.5, audience: { kind: 'dept', dept: 'Operations' } },
  { name: 'legal', type: 2, rate: 1, audience: { kind: 'dept', dept: 'Legal' } },
  { name: 'people-team', type: 2, rate: 1, audience: { kind: 'dept', dept: 'People' } },
  { name: 'it-helpdesk', type: 3, rate: 2, audience: { kind: 'random', size: 60 } },
  { name: 'berlin-office', type: 3, rate: 1.5,
    audience: { kind: 'office', timezone: 'Europe/Berlin' } },
  { name: 'nyc-office', type: 3, rate: 1.2,
    audience: { kind: 'office', timezone: 'America/New_York' } },
  { name: 'london-office', type: 3, rate: 1,
    audience: { kind: 'office', timezone: 'Europe/London' } },
  { name: 'singapore-office', type: 3, rate: 1,
    audience: { kind: 'office', timezone: 'Asia/Singapore' } },
  { name: 'sf-bay-office', type: 3, rate: 1,
    audience: { kind: 'office', timezone: 'America/Los_Angeles' } },
  { name: 'release-train', type: 1, rate: 2, audience: { kind: 'random', size: 25 } },
  { name: 'incident-response', type: 1, rate: 1, audience: { kind: 'random', size: 18 } },
  { name: 'q3-planning', type: 1, rate: 1.5, audience: { kind: 'random', size: 20 } },
  { name: 'design-reviews', type: 1, rate: 1.2, audience: { kind: 'random', size: 16 } },
  { name: 'security-champions', type: 1, rate: 0.8, audience: { kind: 'random', size: 12 } },
  { name: 'deal-desk', type: 1, rate: 1.5, audience: { kind: 'random', size: 14 } },
  { name: 'mobile-app', type: 1, rate: 1.5, audience: { kind: 'random', size: 15 } },
  { name: 'data-platform', type: 1, rate: 1.5, audience: { kind: 'random', size: 15 } },
  { name: 'onboarding-buddies', type: 1, rate: 0.6, audience: { kind: 'random', size: 22 } },
  { name: 'offsite-\u202Egnp.scr', type: 1, rate: 0.5, audience: { kind: 'random', size: 10 } },
  { name: 'ext-fabrikam-rollout', type: 2, rate: 1.5,
    audience: { kind: 'external', domain: 'fabrikam-example.com', size: 10 } },
  { name: 'ext-adatum-counsel', type: 2, rate: 0.8,
    audience: { kind: 'external', domain: 'adatum-law-example.net', size: 6 } },
];

/** People who could belong to a channel: active users and those who left during the window. */
function candidates(builder: Builder): Profile[] {
  return builder.profiles.filter(
    (p) => p.user.status !== 'pending' && p.activeUntil > builder.window.start,
  );
}

function internalAudience(rng: Random, builder: Builder, audience: Audience): Person[] {
  const pool = candidates(builder);
  switch (audience.kind) {
    case 'everyone':
      return pool.map((p) => p.person);
    case 'dept':
      return pool.filter((p) => p.user.dept === audience.dept).map((p) => p.person);
    case 'office':
      return pool.filter((p) => p.user.timezone === audience.timezone).map((p) => p.person);
    case 'random':
    case 'external':
      return rng.sample(pool, audience.size).map((p) => p.person);
  }
}

/** When the channel was made: most in the first working days, some later in the month. */
function creationTime(rng: Random, builder: Builder, owner: Person): number {
  const early = rng.chance(0.75);
  const days = builder.window.days.filter((d) => !isWeekend(d));
  const day = early ? (days[rng.int(0, 1)] as number) : (days[rng.int(3, 12)] as number);
  const at = localToUtc(owner.timezone, day, rng.int(8 * 60 + 30, 11 * 60)) + rng.int(0, 59_999);
  return Math.max(at, builder.window.start + rng.int(60, 3600) * 1000);
}

function activeFromOf(builder: Builder, person: Person): number {
  return builder.profiles.find((p) => p.person === person)?.activeFrom ?? builder.window.start;
}

/** Joining time: at creation for most; later (an invitation) for some and for newcomers. */
function joinTime(rng: Random, builder: Builder, person: Person, createdAt: number): number {
  const activeFrom = activeFromOf(builder, person);
  const latest = builder.window.end - 3 * DAY;
  if (activeFrom > createdAt) return Math.min(activeFrom + rng.int(1, 20) * HOUR, latest);
  if (!rng.chance(0.12) || createdAt + DAY > latest) return createdAt;

  return createdAt + rng.int(DAY / 1000, (latest - createdAt) / 1000) * 1000;
}

function memberships(rng: Random, builder: Builder, plan: ChannelPlan, owner: Person,
  createdAt: number): Membership[] {
  const internal = internalAudience(rng, builder, plan.audience).filter((p) => p !== owner);
  const out: Membership[] = [{ person: owner, joinedAt: createdAt, invitedBy: owner }];
  for (const person of internal) {
    out.push({ person, joinedAt: joinTime(rng, builder, person, createdAt), invitedBy: owner });
  }

  if (plan.audience.kind === 'external') {
    const domain = plan.audience.domain;
    const guests = builder.externals.filter((e) => e.email.endsWith(`@${domain}`));
    guests.forEach((person, i) => {
      // Partners are invited once the channel is set up, days after its creation: a guest
      // added at once is what chat.external_channel_soon_after_creation looks for.
      const joinedAt = i === 0 ? createdAt + 2 * DAY
        : createdAt + rng.int(2, 6) * DAY + rng.int(0, 9) * HOUR;
      out.push({ person, joinedAt, invitedBy: owner });
    });
  }
  return out;
}

function memberRecord(m: Membership, owner: Person, admin: Person | undefined): DemoChannelMember {
  const role = m.person === owner ? 'owner' : m.person === admin ? 'admin' : 'member';
  return {
    id: m.person.id,
    member_id: m.person.memberId,
    email: m.person.email,
    first_name: m.person.firstName,
    last_name: m.person.lastName,
    name: m.person.displayName,
    role,
    is_external: m.person.external,
  };
}

function buildChannel(rng: Random, builder: Builder, plan: ChannelPlan): ChannelInfo {
  const pool = internalAudience(rng, builder, plan.audience);
  const owner = rng.pick(pool.filter((p) => activeFromOf(builder, p) <= builder.window.start));
  const createdAt = creationTime(rng, builder, owner);
  const members = memberships(rng, builder, plan, owner, createdAt);
  const admin = members.find((m) => m.person !== owner && !m.person.external)?.person;
  const id = rng.hex(32);
  const channel: DemoChannel = {
    id,
    jid: `${id}@conference.xmpp.zoom.us`,
    name: plan.name,
    type: plan.type,
    owner_id: owner.id,
    members: members.map((m) => memberRecord(m, owner, admin)),
  };
  return { channel, createdAt, owner, members };
}

/** One member_invited webhook per channel and invitation day (Zoom batches invitations). */
function invitationWebhooks(builder: Builder, info: ChannelInfo): void {
  const later = info.members.filter((m) => m.joinedAt !== info.createdAt);
  const byTime = new Map<number, Membership[]>();
  for (const m of later) byTime.set(m.joinedAt, [...(byTime.get(m.joinedAt) ?? []), m]);

  const times = [...byTime.keys()].sort((a, b) => a - b);
  for (const at of times) {
    const group = byTime.get(at) ?? [];
    const people = group.map((m) => m.person);
    builder.webhooks.push(memberInvited(builder, info, at, info.owner, people));
  }
}

function channelSession(info: ChannelInfo): DemoChatSession {
  return { id: info.channel.id, type: 'Group', name: info.channel.name,
    channel_id: info.channel.id };
}

/** Adds every channel, its Group session and its webhooks. */
export function addChannels(builder: Builder): void {
  const rng = builder.rng.fork('channels');
  for (const plan of PLANS) {
    const info = buildChannel(rng, builder, plan);
    builder.channels.push(info);
    builder.webhooks.push(channelCreated(builder, info));
    invitationWebhooks(builder, info);
    builder.conversations.push({ session: channelSession(info), channel: info, rate: plan.rate });
  }
}

function pairSession(rng: Random, a: Person, b: Person): DemoChatSession {
  return { id: rng.hex(32), type: '1:1', name: `${a.displayName}, ${b.displayName}`,
    participants: [a.email, b.email] };
}

/** Adds a 1:1 conversation between two people unless they already have one. */
export function addPair(builder: Builder, rng: Random, a: Person, b: Person, rate: number):
  Conversation {
  const existing = builder.conversations.find(
    (c) => c.pair && c.pair.includes(a) && c.pair.includes(b),
  );
  if (existing) return existing;

  const conversation: Conversation = { session: pairSession(rng, a, b), pair: [a, b], rate };
  builder.conversations.push(conversation);
  return conversation;
}

/** Adds 1:1 conversations: colleagues, mostly in the same department, and external contacts. */
export function addDirectConversations(builder: Builder): void {
  const rng = builder.rng.fork('direct');
  const pool = candidates(builder);
  for (const profile of pool) {
    const sameDept = pool.filter((p) => p.user.dept === profile.user.dept && p !== profile);
    for (let i = rng.int(1, 2); i > 0; i--) {
      const other = rng.chance(0.6) && sameDept.length > 0 ? rng.pick(sameDept) : rng.pick(pool);
      if (other !== profile) addPair(builder, rng, profile.person, other.person, 0.45);
    }
  }

  for (const external of builder.externals) {
    for (const contact of rng.sample(pool, rng.int(1, 3))) {
      addPair(builder, rng, contact.person, external, 0.3);
    }
  }
}
