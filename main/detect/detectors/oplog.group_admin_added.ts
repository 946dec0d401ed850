/**
 * Someone is made an administrator of a user group: group admins manage the group's users
 * and settings, a quieter privilege than an account admin role. Removals never fire.
 */
import type { EventRow } from '../../../shared/events.ts';
import { formatUtc, plainLabel } from '../text.ts';
import type { Detector, FindingDraft } from '../types.ts';

const MAX_VALUE = 300;

export const detector: Detector = {
  id: 'oplog.group_admin_added',
  version: 1,
  severity: 'medium',
  technique: { id: 'T1098', name: 'Account Manipulation' },
  kinds: ['admin.operation', 'admin.setting_changed', 'admin.role_changed'],
  title: 'Group admin added',
  detect,
};

const GROUP_ADMIN = /\bgroup\s+admin(?:istrator)?s?\b/i;
const ADDING = /\b(?:add|added|assign|assigned|grant|granted|set|make|made|promote|promoted)\b/i;
const REMOVING = /^\s*(?:remove|removed|delete|deleted|revoke|revoked|unassign|unassigned)\b/i;

/** "... to group Sales" or "... of group "Sales"": the group's name when the sentence has it. */
const GROUP_NAME = /\b(?:to|of|in|for)\s+(?:the\s+)?group\s+"?([^"]{1,80}?)"?\s*$/i;

function detect(events: readonly EventRow[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  for (const event of events) {
    const sentence = event.text?.slice(0, 1000) ?? '';
    if (GROUP_ADMIN.test(sentence) && ADDING.test(sentence) && !REMOVING.test(sentence)) {
      drafts.push(toDraft(event, sentence));
    }
  }
  return drafts;
}

function toDraft(event: EventRow, sentence: string): FindingDraft {
  const operator = event.actorEmail?.toLowerCase() ?? null;
  const target = event.targetEmail?.toLowerCase() ?? null;
  const group = GROUP_NAME.exec(sentence)?.[1]?.trim() ?? null;
  const ofGroup = group ? ` of group "${plainLabel(group, 60)}"` : '';
  const explanation =
    `${plainLabel(operator)} made ${plainLabel(target)} a group admin${ofGroup} at ` +
    `${formatUtc(event.occurredAt)} ("${plainLabel(sentence, 160)}").`;

  return {
    evidenceEventIds: [event.id],
    values: { operator, target, group, sentence: sentence.slice(0, MAX_VALUE) },
    subject: target ?? operator,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
  };
}
