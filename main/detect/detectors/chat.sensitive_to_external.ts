/**
 * A chat message carrying a card number, a cloud or API key or a private key goes to someone
 * outside the account: a 1:1 with an external contact, or a channel with an external member.
 */
import type { EventRow } from '../../../shared/events.ts';
import { findSensitive, type SensitiveMatch } from '../secrets.ts';
import { emailDomain, listInWords, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** At most this many external members are listed in values; the count is always given. */
const LISTED_MEMBERS = 10;

export const detector: Detector = {
  id: 'chat.sensitive_to_external',
  version: 1,
  severity: 'high',
  technique: { id: 'T1567', name: 'Exfiltration Over Web Service' },
  kinds: ['chat.message_sent', 'chat.message_replied', 'chat.message_updated'],
  title: 'Sensitive data sent outside the account',
  detect,
};

type Audience =
  | { kind: 'contact'; email: string; domain: string }
  | { kind: 'channel'; id: string; name: string | null; external: string[] };

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  // An edit that keeps the same secret is the same disclosure: report each value once.
  const reported = new Set<string>();

  for (const event of events) {
    if (!event.text || isOutside(event.actorEmail, context)) continue;

    const audience = externalAudience(event, context);
    if (!audience) continue;

    const message = event.messageId ?? event.id;
    const fresh = findSensitive(event.text).filter(
      (match) => !reported.has(`${message}\0${match.type}\0${match.fingerprint}`),
    );
    if (fresh.length === 0) continue;

    fresh.forEach((match) => reported.add(`${message}\0${match.type}\0${match.fingerprint}`));
    drafts.push(toDraft(event, fresh, audience, context));
  }
  return drafts;
}

/** Who outside the account received the message, or null when everyone is inside. */
function externalAudience(event: EventRow, context: DetectContext): Audience | null {
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
function isOutside(email: string | null | undefined, context: DetectContext): boolean {
  const domain = emailDomain(email);
  if (!domain || context.ownDomains.size === 0) return false;

  for (const own of context.ownDomains) {
    if (domain === own || domain.endsWith(`.${own}`)) return false;
  }
  return true;
}

function toDraft(
  event: EventRow,
  matches: readonly SensitiveMatch[],
  audience: Audience,
  context: DetectContext,
): FindingDraft {
  const sender = event.actorEmail?.toLowerCase() ?? event.actorId;
  const what = listInWords(matches.map((match) => match.masked));
  const verb =
    event.kind === 'chat.message_updated'
      ? 'edited a chat message to contain'
      : 'sent a chat message containing';
  const explanation = `${plainLabel(sender)} ${verb} ${what} ${audienceInWords(audience)}.`;

  return {
    evidenceEventIds: [event.id],
    values: {
      sender,
      matches: matches.map(({ type, masked }) => ({ type, masked })),
      ...audienceValues(audience, context),
      messageId: event.messageId,
    },
    subject: sender,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
  };
}

function audienceInWords(audience: Audience): string {
  if (audience.kind === 'contact') {
    return `to ${plainLabel(audience.email)}, outside the account's domains`;
  }

  const count = audience.external.length;
  const members = count === 1 ? 'an external member' : `${count} external members`;
  return `into channel ${plainLabel(audience.name ?? audience.id, 60)}, which has ${members}`;
}

function audienceValues(audience: Audience, context: DetectContext): Record<string, unknown> {
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
