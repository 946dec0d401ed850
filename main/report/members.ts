/**
 * The channel membership a finding rests on: for every channel a finding is about (its
 * subject or a channel of its evidence), the member rows as the last sync saw them, each with
 * the raw record Zoom sent, so that a claim like "external members" can be checked.
 */
import type { FindingWithEvidence } from '../../shared/findings.ts';
import type { Db } from '../store/db.ts';
import type { EventWithSeq } from '../store/events.ts';

export interface ChannelMemberEvidence {
  channelId: string;
  channelName: string | null;
  memberKey: string;
  email: string | null;
  name: string | null;
  role: string | null;
  isExternal: boolean | null;
  lastSeenAt: number;
  rawId: number;
  rawSha256: string;
}

interface MemberColumns {
  channelId: string;
  channelName: string | null;
  memberKey: string;
  email: string | null;
  name: string | null;
  role: string | null;
  isExternal: number | null;
  lastSeenAt: number;
  rawId: number;
  rawSha256: string;
}

/** Members of the finding's channels, by channel then member key. */
export function findingChannelMembers(
  db: Db,
  finding: FindingWithEvidence,
  evidence: EventWithSeq[],
): ChannelMemberEvidence[] {
  return candidateChannels(finding, evidence)
    .flatMap((channelId) => channelMembers(db, finding.instanceId, channelId));
}

/** A subject is a channel only when members are stored for it, so any string may be tried. */
function candidateChannels(finding: FindingWithEvidence, evidence: EventWithSeq[]): string[] {
  const named = finding.values.channelId;
  const candidates = [
    finding.subject,
    typeof named === 'string' ? named : null,
    ...evidence.map((e) => e.channelId),
  ];
  return [...new Set(candidates.filter((c): c is string => typeof c === 'string' && c !== ''))]
    .sort();
}

function channelMembers(db: Db, instanceId: number, channelId: string): ChannelMemberEvidence[] {
  const rows = db
    .prepare(
      `SELECT m.channel_id AS channelId, c.name AS channelName, m.member_key AS memberKey,
         m.email, m.name, m.role, m.is_external AS isExternal, m.last_seen_at AS lastSeenAt,
         m.raw_id AS rawId, r.sha256 AS rawSha256
       FROM channel_members m
       JOIN raw_records r ON r.id = m.raw_id
       LEFT JOIN channels c ON c.instance_id = m.instance_id AND c.channel_id = m.channel_id
       WHERE m.instance_id = ? AND m.channel_id = ?
       ORDER BY m.member_key`,
    )
    .all(instanceId, channelId) as MemberColumns[];
  return rows.map((row) => ({
    ...row,
    isExternal: row.isExternal === null ? null : row.isExternal === 1,
  }));
}
