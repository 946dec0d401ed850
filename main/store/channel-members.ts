/** Reads of the channel membership snapshot (written by sync from the channel member lists). */
import type { Db } from './db.ts';

export interface ChannelMember {
  channelId: string;
  memberKey: string;
  email: string | null;
  name: string | null;
  /** Zoom's own flag; null when the list did not say. */
  isExternal: boolean | null;
}

/** Every member of every channel of one instance, grouped by channel id. */
export function channelMembersByChannel(
  db: Db,
  instanceId: number,
): Map<string, ChannelMember[]> {
  const rows = db
    .prepare(
      `SELECT channel_id, member_key, email, name, is_external FROM channel_members
       WHERE instance_id = ? ORDER BY channel_id, member_key`,
    )
    .all(instanceId) as MemberRow[];

  const byChannel = new Map<string, ChannelMember[]>();
  for (const row of rows) {
    const members = byChannel.get(row.channel_id) ?? [];
    members.push(toMember(row));
    byChannel.set(row.channel_id, members);
  }
  return byChannel;
}

interface MemberRow {
  channel_id: string;
  member_key: string;
  email: string | null;
  name: string | null;
  is_external: number | null;
}

function toMember(row: MemberRow): ChannelMember {
  return {
    channelId: row.channel_id,
    memberKey: row.member_key,
    email: row.email,
    name: row.name,
    isExternal: row.is_external === null ? null : row.is_external === 1,
  };
}
