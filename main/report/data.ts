/**
 * Gathering what a bundle is about: the accounts, the time window, the findings with their
 * evidence, the sources, the response actions and the state of the audit chain. Events
 * themselves are streamed later (there can be millions); this reads only what is small.
 */
import type { FindingWithEvidence } from '../../shared/findings.ts';
import { auditHead, verifyAuditChain } from '../actions/audit.ts';
import type { AuditVerification } from '../actions/audit.ts';
import { DELETED_BY_RESPONSE_ACTION } from '../actions/types.ts';
import { UsageError } from '../errors.ts';
import { listActionRecords } from '../store/actions.ts';
import type { ActionRecord } from '../store/actions.ts';
import type { Db } from '../store/db.ts';
import { getEventsByIds, iterateEvents } from '../store/events.ts';
import type { EventWithSeq } from '../store/events.ts';
import { getFinding, listFindings } from '../store/findings.ts';
import { getInstanceById, listInstances } from '../store/instances.ts';
import type { Instance } from '../store/instances.ts';
import { findingChannelMembers } from './members.ts';
import type { ChannelMemberEvidence } from './members.ts';
import { sourceStatuses } from './sources.ts';
import type { SourceStatus } from './sources.ts';

export interface BundleRequest {
  instanceId?: number;
  since?: number;
  until?: number;
  /** A bundle about one finding: its evidence events, in its own time span by default. */
  findingId?: string;
  outDir: string;
  now?: number;
}

export interface ReportFinding extends FindingWithEvidence {
  evidence: EventWithSeq[];
  /** Members of the channels the finding is about, as the last sync saw them. */
  channelMembers: ChannelMemberEvidence[];
}

export interface BundleData {
  generatedAt: number;
  window: { since: number | null; until: number | null };
  instances: Instance[];
  findingId: string | null;
  findings: ReportFinding[];
  sources: SourceStatus[];
  actions: ActionRecord[];
  audit: AuditVerification & { headSeq: number | null; headHash: string | null };
  /** `instanceId:messageId` of messages a response action deleted, with when. */
  deletedByAction: Map<string, number>;
  /** The events in the bundle, oldest first; call again to read them again. */
  events: () => Iterable<EventWithSeq>;
}

export function collectBundleData(db: Db, request: BundleRequest): BundleData {
  const finding = request.findingId ? requireFinding(db, request.findingId) : null;
  const instanceId = finding?.instanceId ?? request.instanceId;
  const instances =
    instanceId === undefined ? listInstances(db) : [getInstanceById(db, instanceId)];
  const window = windowOf(request, finding);

  const head = auditHead(db);
  return {
    generatedAt: request.now ?? Date.now(),
    window,
    instances,
    findingId: finding?.id ?? null,
    findings: finding ? [withEvidence(db, finding)] : findingsInWindow(db, instanceId, window),
    sources: instances.flatMap((instance) => sourceStatuses(db, instance.id, window)),
    actions: listActionRecords(db, instanceId === undefined ? {} : { instanceId }),
    audit: { ...verifyAuditChain(db), headSeq: head?.seq ?? null, headHash: head?.hash ?? null },
    deletedByAction: deletedMessages(db),
    events: finding
      ? () => withEvidence(db, finding).evidence
      : () => iterateEvents(db, { instanceId, ...definedWindow(window) }),
  };
}

/** The key deletedByAction uses for one event's message. */
export function messageKey(event: EventWithSeq): string | null {
  return event.messageId === null ? null : `${event.instanceId}:${event.messageId}`;
}

function requireFinding(db: Db, id: string): FindingWithEvidence {
  const finding = getFinding(db, id);
  if (!finding) {
    throw new UsageError(`There is no finding ${id}.`, 'Run `finding list` to see their ids.');
  }
  return finding;
}

function windowOf(
  request: BundleRequest,
  finding: FindingWithEvidence | null,
): { since: number | null; until: number | null } {
  const since = request.since ?? finding?.firstEventAt ?? null;
  // A finding's last event is inside its span: the exclusive end is one millisecond later.
  const until = request.until ?? (finding ? finding.lastEventAt + 1 : null);
  if (since !== null && until !== null && until <= since) {
    throw new UsageError('The report window ends before it starts.', 'Swap --since and --until.');
  }
  return { since, until };
}

function definedWindow(window: { since: number | null; until: number | null }) {
  return {
    ...(window.since === null ? {} : { since: window.since }),
    ...(window.until === null ? {} : { until: window.until }),
  };
}

/** Findings whose evidence span overlaps the window. */
function findingsInWindow(
  db: Db,
  instanceId: number | undefined,
  window: { since: number | null; until: number | null },
): ReportFinding[] {
  const all = listFindings(db, { ...(instanceId === undefined ? {} : { instanceId }),
    limit: 100_000 });
  return all
    .filter((f) => window.since === null || f.lastEventAt >= window.since)
    .filter((f) => window.until === null || f.firstEventAt < window.until)
    .map((f) => withEvidence(db, getFinding(db, f.id)!));
}

function withEvidence(db: Db, finding: FindingWithEvidence): ReportFinding {
  const evidence = getEventsByIds(db, finding.evidenceEventIds)
    .sort((a, b) => a.occurredAt - b.occurredAt || a.seq - b.seq);
  return { ...finding, evidence, channelMembers: findingChannelMembers(db, finding, evidence) };
}

function deletedMessages(db: Db): Map<string, number> {
  const deleted = new Map<string, number>();
  for (const action of listActionRecords(db, { kind: 'delete-message', statuses: ['done'] })) {
    const notes = action.result?.notes;
    if (!Array.isArray(notes) || !notes.includes(DELETED_BY_RESPONSE_ACTION)) continue;
    deleted.set(`${action.instanceId}:${String(action.target.messageId)}`, action.updatedAt);
  }
  return deleted;
}
