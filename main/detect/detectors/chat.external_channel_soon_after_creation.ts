/**
 * A channel is created and external members are added at once or soon after: a quick way to
 * open a room to outsiders and move data through it. Reads channel webhooks (created,
 * member invited or joined); "external" is an address outside the account's own domains or
 * Zoom's is_external flag in the channel's member list.
 */
import type { EventRow } from '../../../shared/events.ts';
import type { ChannelMember } from '../../store/channel-members.ts';
import { isOutside } from '../audience.ts';
import { formatDuration, formatUtc, listInWords, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

const HOUR_MS = 3_600_000;

/** At most this many external members are named in a sentence; values carry them all. */
const NAMED_MEMBERS = 3;

export const detector: Detector = {
  id: 'chat.external_channel_soon_after_creation',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1567', name: 'Exfiltration Over Web Service' },
  kinds: ['chat.channel_created', 'chat.member_added'],
  title: 'External members added to a new channel',
  detect,
};

interface Member {
  id: string | null;
  email: string | null;
  name: string | null;
}

interface Addition {
  event: EventRow;
  member: Member;
}

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const created = new Map<string, EventRow>();
  for (const event of events) {
    if (event.kind === 'chat.channel_created' && event.channelId && !created.has(event.channelId)) {
      created.set(event.channelId, event);
    }
  }

  const drafts: FindingDraft[] = [];
  for (const [channelId, creation] of created) {
    const soon = soonExternalAdditions(creation, events, context);
    if (soon.length > 0) drafts.push(toDraft(channelId, creation, soon, context));
  }
  return drafts;
}

/** External members present at creation or added within the window after it. */
function soonExternalAdditions(
  creation: EventRow,
  events: readonly EventRow[],
  context: DetectContext,
): Addition[] {
  const until = creation.occurredAt + context.settings.externalChannelSoonHours * HOUR_MS;
  const snapshot = context.channelMembers.get(creation.channelId ?? '') ?? [];
  const atCreation = membersAtCreation(creation).map((member) => ({ event: creation, member }));
  const later = events
    .filter((event) =>
      event.kind === 'chat.member_added' &&
      event.channelId === creation.channelId &&
      event.occurredAt >= creation.occurredAt &&
      event.occurredAt <= until)
    .map((event) => ({ event, member: addedMember(event) }));

  return [...atCreation, ...later].filter(({ member }) => isExternal(member, snapshot, context));
}

function membersAtCreation(creation: EventRow): Member[] {
  const listed = Array.isArray(creation.detail.members) ? creation.detail.members : [];
  return listed.filter(isRecord).map((member) => ({
    id: text(member.id),
    email: text(member.email),
    name: text(member.displayName),
  }));
}

function addedMember(event: EventRow): Member {
  return { id: event.targetId, email: event.targetEmail, name: text(event.detail.memberName) };
}

/** By address, else by Zoom's flag on the same person in the channel's member list. */
function isExternal(
  member: Member,
  snapshot: readonly ChannelMember[],
  context: DetectContext,
): boolean {
  if (member.email) {
    if (isOutside(member.email, context)) return true;
    const known = snapshot.find((m) => m.email?.toLowerCase() === member.email?.toLowerCase());
    return known?.isExternal === true;
  }

  const same = snapshot.find((m) => m.memberKey === member.id ||
    (member.name !== null && m.name === member.name));
  return same?.isExternal === true || isOutside(same?.email, context);
}

function toDraft(
  channelId: string,
  creation: EventRow,
  additions: readonly Addition[],
  context: DetectContext,
): FindingDraft {
  const creator = creation.actorEmail?.toLowerCase() ?? creation.actorId;
  const labels = [...new Set(additions.map(({ member }) => labelOf(member)))];
  const last = additions.reduce((a, b) => (b.event.occurredAt > a.event.occurredAt ? b : a));
  const delay = last.event.occurredAt - creation.occurredAt;

  const named = labels.slice(0, NAMED_MEMBERS).map((label) => plainLabel(label));
  const more = labels.length > NAMED_MEMBERS ? ` and ${labels.length - NAMED_MEMBERS} more` : '';
  const when = delay < 60_000
    ? 'when creating it'
    : `within ${formatDuration(delay)} of creating it`;
  const explanation =
    `${plainLabel(creator)} created channel ${plainLabel(creation.channelName ?? channelId, 60)} ` +
    `at ${formatUtc(creation.occurredAt)} and added ` +
    `${plural(labels.length, 'external member')} (${listInWords(named)}${more}) ${when}.`;

  const partners = new Set(context.settings.knownExternalDomains);
  return {
    evidenceEventIds: [creation.id, ...additions.map(({ event }) => event.id)],
    values: {
      channelId,
      channelName: creation.channelName,
      creator,
      externalMembers: labels,
      minutesAfterCreation: Math.round(delay / 60_000),
      knownExternalDomains: labels.filter((label) => partners.has(domainOf(label))),
    },
    subject: channelId,
    explanation,
    firstEventAt: creation.occurredAt,
    lastEventAt: last.event.occurredAt,
  };
}

function labelOf(member: Member): string {
  return member.email?.toLowerCase() ?? member.name ?? member.id ?? '(unknown)';
}

function domainOf(label: string): string {
  return label.includes('@') ? label.slice(label.lastIndexOf('@') + 1) : '';
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
