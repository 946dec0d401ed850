/**
 * Snapshots of Zoom's lists (users, channels, channel members). Zoom gives no creation times
 * here, so what we know is when we first and last saw each row; nothing else is invented.
 */
import type { Db } from './db.ts';
import type { RawRef } from './raw.ts';

type Json = Record<string, unknown>;

export interface UserSnapshotChange {
  userId: string;
  email: string | null;
  isNew: boolean;
  previousStatus: string | null;
  status: string | null;
}

/** Stores the user's current row; says what its status was before, for the sync log. */
export function upsertUser(
  db: Db,
  instanceId: number,
  user: Json,
  raw: RawRef,
  now: number,
): UserSnapshotChange | null {
  const userId = text(user.id);
  if (!userId) return null;

  const before = db
    .prepare('SELECT status FROM users WHERE instance_id = ? AND user_id = ?')
    .get(instanceId, userId) as { status: string | null } | undefined;

  db.prepare(
    `INSERT INTO users (instance_id, user_id, email, display_name, status, type, role_id,
       timezone, raw_id, first_seen_at, last_seen_at)
     VALUES (@instanceId, @userId, @email, @displayName, @status, @type, @roleId, @timezone,
       @rawId, @now, @now)
     ON CONFLICT (instance_id, user_id) DO UPDATE SET email = excluded.email,
       display_name = excluded.display_name, status = excluded.status, type = excluded.type,
       role_id = excluded.role_id, timezone = excluded.timezone, raw_id = excluded.raw_id,
       last_seen_at = excluded.last_seen_at`,
  ).run({
    instanceId,
    userId,
    email: text(user.email),
    displayName: text(user.display_name) ?? joinName(user),
    status: text(user.status),
    type: typeof user.type === 'number' ? Math.trunc(user.type) : null,
    roleId: text(user.role_id),
    timezone: text(user.timezone),
    rawId: raw.id,
    now,
  });

  return {
    userId,
    email: text(user.email),
    isNew: before === undefined,
    previousStatus: before?.status ?? null,
    status: text(user.status),
  };
}

export function upsertChannel(
  db: Db,
  instanceId: number,
  channel: Json,
  raw: RawRef,
  now: number,
): boolean {
  const channelId = text(channel.id);
  if (!channelId) return false;

  db.prepare(
    `INSERT INTO channels (instance_id, channel_id, name, type, raw_id, first_seen_at,
       last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (instance_id, channel_id) DO UPDATE SET name = excluded.name,
       type = excluded.type, raw_id = excluded.raw_id, last_seen_at = excluded.last_seen_at`,
  ).run(
    instanceId,
    channelId,
    text(channel.name),
    typeof channel.type === 'number' ? Math.trunc(channel.type) : null,
    raw.id,
    now,
    now,
  );
  return true;
}

/** A member is keyed by member id, else user id, else e-mail (externals may have only that). */
export function upsertChannelMember(
  db: Db,
  instanceId: number,
  channelId: string,
  member: Json,
  raw: RawRef,
  now: number,
): boolean {
  const key = text(member.member_id) ?? text(member.id) ?? text(member.email)?.toLowerCase();
  if (!key) return false;

  db.prepare(
    `INSERT INTO channel_members (instance_id, channel_id, member_key, email, name, role,
       is_external, raw_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (instance_id, channel_id, member_key) DO UPDATE SET email = excluded.email,
       name = excluded.name, role = excluded.role, is_external = excluded.is_external,
       raw_id = excluded.raw_id, last_seen_at = excluded.last_seen_at`,
  ).run(
    instanceId,
    channelId,
    key,
    text(member.email),
    text(member.name) ?? joinName(member),
    text(member.role),
    typeof member.is_external === 'boolean' ? Number(member.is_external) : null,
    raw.id,
    now,
    now,
  );
  return true;
}

export interface UserRow {
  userId: string;
  email: string | null;
  status: string | null;
}

export function listUserSnapshots(db: Db, instanceId: number): UserRow[] {
  return db
    .prepare(
      `SELECT user_id AS userId, email, status FROM users WHERE instance_id = ?
       ORDER BY user_id`,
    )
    .all(instanceId) as UserRow[];
}

export interface ChannelRow {
  channelId: string;
  name: string | null;
}

export function listChannelSnapshots(db: Db, instanceId: number): ChannelRow[] {
  return db
    .prepare(
      `SELECT channel_id AS channelId, name FROM channels WHERE instance_id = ?
       ORDER BY channel_id`,
    )
    .all(instanceId) as ChannelRow[];
}

export interface MemberRow {
  memberKey: string;
  email: string | null;
  role: string | null;
}

/** Owners first: they are the ones account-level channel calls act for. */
export function listChannelMembers(db: Db, instanceId: number, channelId: string): MemberRow[] {
  return db
    .prepare(
      `SELECT member_key AS memberKey, email, role FROM channel_members
       WHERE instance_id = ? AND channel_id = ?
       ORDER BY CASE role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, member_key`,
    )
    .all(instanceId, channelId) as MemberRow[];
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

function joinName(record: Json): string | null {
  const parts = [text(record.first_name), text(record.last_name)].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}
