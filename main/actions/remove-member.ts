/**
 * The remove-member action: an (external) member of a channel, removed by the account acting
 * as the channel's owner (DELETE /chat/users/{ownerId}/channels/{channelId}/members/{member}).
 */
import type { Db } from '../store/db.ts';
import { ExpectedError, UsageError } from '../errors.ts';
import { zoomPath } from '../zoom/paths.ts';
import type { MemberTarget, ZoomCall } from './types.ts';
import { describeCall } from './zoom-call.ts';

interface MemberColumns {
  instance_id: number;
  member_key: string;
  email: string | null;
  name: string | null;
  role: string | null;
  is_external: number | null;
}

/** `CHANNEL_ID/MEMBER`: the channel id may contain `/`, so the member is after the last one. */
export function parseMemberTarget(target: string): { channelId: string; member: string } {
  const cut = target.lastIndexOf('/');
  if (cut <= 0 || cut === target.length - 1) {
    throw new UsageError(
      `"${target}" does not name a channel and a member.`,
      'Write it as CHANNEL_ID/MEMBER, the member as an e-mail or member id.',
    );
  }
  return { channelId: target.slice(0, cut), member: target.slice(cut + 1) };
}

/** Resolves the member and the channel's owner from the last channel sync. */
export function findMemberTarget(db: Db, target: string, instanceId?: number): {
  instanceId: number;
  member: MemberTarget;
} {
  const { channelId, member } = parseMemberTarget(target);
  const rows = channelMembers(db, channelId, instanceId);
  const found = rows.find((r) => r.member_key === member ||
    r.email?.toLowerCase() === member.toLowerCase());
  if (!found) throw memberNotInStore(channelId, member);

  const owner = rows.find((r) => r.instance_id === found.instance_id && r.role === 'owner');
  if (!owner) throw noOwner(channelId);
  return { instanceId: found.instance_id, member: toTarget(db, found, owner, channelId) };
}

/** The member list, read as the owner: the snapshot and the settling check. */
export function membersFetchCall(member: MemberTarget): ZoomCall {
  return {
    method: 'GET',
    path: zoomPath`/chat/users/${member.ownerId}/channels/${member.channelId}/members`,
    query: { page_size: '100' },
  };
}

export function memberRemoveCall(member: MemberTarget): ZoomCall {
  const path = zoomPath`/chat/users/${member.ownerId}/channels/${member.channelId}/members/${
    member.identifier}`;
  return { method: 'DELETE', path, query: {} };
}

export function describeMember(member: MemberTarget): string {
  const who = member.memberName ? `${member.memberName} ` : '';
  const external = member.isExternal ? 'external member' : 'member';
  return `${external} ${who}<${member.memberEmail ?? member.identifier}> of channel ` +
    `${member.channelName ?? member.channelId} (${member.channelId})`;
}

export function removeSteps(member: MemberTarget, accountLabel: string): string[] {
  const steps = [
    `In Zoom account ${accountLabel}, list the channel's members as its owner ` +
      `(${describeCall(membersFetchCall(member))}) and keep the answer as evidence.`,
    `Remove ${describeMember(member)}: ${describeCall(memberRemoveCall(member))} (no body). ` +
      'Zoom answers 204 when removed, 404 when the member is already gone; neither is retried.',
    "Record who, when, the request and Zoom's answer in the audit log.",
  ];
  if (member.isExternal === false) {
    steps.push('Note: Zoom does not mark this member as external.');
  }
  return steps;
}

/** True when a member list (one page) names this member. */
export function listNamesMember(body: unknown, member: MemberTarget): boolean {
  const members = (body as { members?: unknown } | null)?.members;
  if (!Array.isArray(members)) return false;
  const wanted = member.identifier.toLowerCase();
  return members.some((m: Record<string, unknown>) =>
    [m.email, m.member_id, m.id].some((v) => typeof v === 'string' && v.toLowerCase() === wanted));
}

function channelMembers(db: Db, channelId: string, instanceId?: number): MemberColumns[] {
  return db
    .prepare(
      `SELECT instance_id, member_key, email, name, role, is_external FROM channel_members
       WHERE channel_id = ? ${instanceId === undefined ? '' : 'AND instance_id = ?'}
       ORDER BY instance_id, member_key`,
    )
    .all(channelId, ...(instanceId === undefined ? [] : [instanceId])) as MemberColumns[];
}

function toTarget(
  db: Db,
  found: MemberColumns,
  owner: MemberColumns,
  channelId: string,
): MemberTarget {
  const channel = db
    .prepare('SELECT name FROM channels WHERE instance_id = ? AND channel_id = ?')
    .get(found.instance_id, channelId) as { name: string | null } | undefined;
  return {
    channelId,
    channelName: channel?.name ?? null,
    ownerId: owner.email ?? owner.member_key,
    identifier: found.email ?? found.member_key,
    memberEmail: found.email,
    memberName: found.name,
    isExternal: found.is_external === null ? null : found.is_external === 1,
  };
}

function memberNotInStore(channelId: string, member: string): ExpectedError {
  return new ExpectedError(
    `No member "${member}" of channel ${channelId} is in the evidence store.`,
    'Sync the channels stream first, or check the id with `events --kind chat.*`.',
  );
}

function noOwner(channelId: string): ExpectedError {
  return new ExpectedError(
    `The stored member list of channel ${channelId} names no owner, and Zoom removes a member ` +
      'only acting as the owner.',
    'Sync the channels stream again so that the owner is known, then plan the action again.',
  );
}
