/**
 * One operator creates or deletes many users within minutes: accounts made for persistence,
 * or people locked out by removing them.
 */
import type { EventRow } from '../../../shared/events.ts';
import type { Technique } from '../../../shared/findings.ts';
import { burstsOf, groupBy } from '../bursts.ts';
import { formatDuration, formatUtc, listInWords, personKey, plainLabel, plural } from '../text.ts';
import type { DetectContext, Detector, FindingDraft } from '../types.ts';

/** At most this many users are named in a sentence; values carry them all. */
const NAMED_USERS = 5;

const CREATE_ACCOUNT: Technique = { id: 'T1136.003', name: 'Create Account: Cloud Account' };
const ACCESS_REMOVAL: Technique = { id: 'T1531', name: 'Account Access Removal' };

export const detector: Detector = {
  id: 'oplog.bulk_user_change',
  version: 1,
  severity: 'high',
  technique: ACCESS_REMOVAL,
  kinds: ['admin.user_created', 'admin.user_deleted'],
  title: 'Users created or deleted in bulk',
  detect,
};

function detect(events: readonly EventRow[], context: DetectContext): FindingDraft[] {
  const { bulkUserChangeCount, bulkUserChangeMinutes } = context.settings;
  const groups = groupBy(events, (event) => {
    const operator = personKey(event.actorEmail, event.actorId);
    return operator ? `${event.kind}\u0000${operator}` : null;
  });

  const drafts: FindingDraft[] = [];
  for (const changes of groups.values()) {
    const bursts = burstsOf(
      changes,
      (event) => event.occurredAt,
      bulkUserChangeCount,
      bulkUserChangeMinutes * 60_000,
    );
    drafts.push(...bursts.map(toDraft));
  }
  return drafts;
}

function toDraft(burst: readonly EventRow[]): FindingDraft {
  const first = burst[0]!;
  const last = burst.at(-1)!;
  const operator = personKey(first.actorEmail, first.actorId);
  const created = first.kind === 'admin.user_created';
  const users = [...new Set(burst.map((event) => event.targetEmail ?? event.targetId ?? '?'))];

  const named = users.slice(0, NAMED_USERS).map((user) => plainLabel(user, 60));
  const more = users.length > NAMED_USERS ? ` and ${users.length - NAMED_USERS} more` : '';
  const explanation =
    `${plainLabel(operator)} ${created ? 'created' : 'deleted'} ` +
    `${plural(burst.length, 'user')} within ` +
    `${formatDuration(last.occurredAt - first.occurredAt)} ` +
    `(${formatUtc(first.occurredAt)} to ${formatUtc(last.occurredAt)}): ` +
    `${listInWords(named)}${more}.`;

  return {
    evidenceEventIds: burst.map((event) => event.id),
    values: {
      operator,
      change: created ? 'created' : 'deleted',
      count: burst.length,
      users,
      minutes: Math.round((last.occurredAt - first.occurredAt) / 60_000),
    },
    subject: operator,
    explanation,
    firstEventAt: first.occurredAt,
    lastEventAt: last.occurredAt,
    technique: created ? CREATE_ACCOUNT : ACCESS_REMOVAL,
  };
}
