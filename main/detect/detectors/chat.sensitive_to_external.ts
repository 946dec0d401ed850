/**
 * A chat message carrying a card number, a national id (US SSN, UK NI number), an IBAN, a
 * cloud or API key or a private key goes to someone outside the account: a 1:1 with an
 * external contact, or a channel with an external member.
 */
import type { EventRow } from '../../../shared/events.ts';
import {
  audienceInWords,
  audienceValues,
  externalAudience,
  isOutside,
  type Audience,
} from '../audience.ts';
import { findSensitive, type SensitiveMatch } from '../secrets.ts';
import { listInWords, plainLabel } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

export const detector: Detector = {
  id: 'chat.sensitive_to_external',
  version: 2,
  severity: 'high',
  technique: { id: 'T1567', name: 'Exfiltration Over Web Service' },
  kinds: ['chat.message_sent', 'chat.message_replied', 'chat.message_updated'],
  title: 'Sensitive data sent outside the account',
  detect,
};

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
  const to = audienceInWords(audience, plainLabel);
  const explanation = `${plainLabel(sender)} ${verb} ${what} ${to}.`;

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
