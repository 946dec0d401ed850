/**
 * Who outside the account a chat message reached: the external contact of a 1:1, or the
 * external members of a channel. Shared by the detectors that judge what was sent out.
 */
import type { EventRow } from '../../shared/events.ts';
import { emailDomain } from './text.ts';
import type { DetectContext } from './types.ts';

export type Audience =
  | { kind: 'contact'; email: string; domain: string }
  | { kind: 'channel'; id: string; name: string | null; external: string[] };

/** Who outside the account received the message, or null when everyone is inside. */
export function externalAudience(event: EventRow, context: DetectContext): Audience | null {
  const target = event.targetEmail?.trim().toLowerCase();
  if (target && isOutside(target, context)) {
    return { kind: 'contact', email: target, domain: emailDomain(target) ?? '' };
  }
  if (!event.channelId) return null;

  const members = context.channelMembers.get(event.channelId) ?? [];
  const external = members
    .filter((member) => member.isExternal === true || isOutside(member.email, context))
    .map((member) => member.email?.toLowerCase() ?? member.name ?? member.memberKey);
  if (external.length === 0) return null;

  return { kind: 'channel', id: event.channelId, name: event.channelName, external };
}

/**
 * Outside the account's own domains (a subdomain of an own domain is inside). Without known
 * own domains nothing can be judged outside by its address.
 */
export function isOutside(email: string | null | undefined, context: DetectContext): boolean {
  const domain = emailDomain(email);
  if (!domain || context.ownDomains.size === 0) return false;

  for (const own of context.ownDomains) {
    if (domain === own || domain.endsWith(`.${own}`)) return false;
  }
  return true;
}

/** `to x@y, outside the account's domains` or `into channel c, which has 2 external members`. */
export function audienceInWords(audience: Audience, label: (text: string, max?: number) => string):
  string {
  if (audience.kind === 'contact') {
    return `to ${label(audience.email)}, outside the account's domains`;
  }

  const count = audience.external.length;
  const members = count === 1 ? 'an external member' : `${count} external members`;
  return `into channel ${label(audience.name ?? audience.id, 60)}, which has ${members}`;
}

/** At most this many external members are listed in values; the count is always given. */
const LISTED_MEMBERS = 10;

export function audienceValues(audience: Audience, context: DetectContext):
  Record<string, unknown> {
  const partners = new Set(context.settings.knownExternalDomains);
  if (audience.kind === 'contact') {
    return {
      recipient: audience.email,
      recipientDomain: audience.domain,
      knownExternalDomain: partners.has(audience.domain),
    };
  }

  return {
    channelId: audience.id,
    channelName: audience.name,
    externalMemberCount: audience.external.length,
    externalMembers: audience.external.slice(0, LISTED_MEMBERS),
  };
}
