/**
 * The list streams: users (every status) and channels with their members. Zoom gives these
 * lists no times, so they are stored as snapshots with first and last seen.
 */
import { inTransaction } from '../store/db.ts';
import { listUserSnapshots } from '../store/snapshots.ts';
import { recordCoverage } from '../store/sync-state.ts';
import { zoomPath } from '../zoom/paths.ts';
import { isRefusedForOneObject } from './chat-stream.ts';
import type { StreamName, StreamReport, SyncContext } from './types.ts';
import { addTally, checkAborted, emptyTally, storePage } from './windowed.ts';
import type { WindowTally } from './windowed.ts';

const USER_STATUSES = ['active', 'inactive', 'pending'] as const;

export async function runUsersStream(ctx: SyncContext, report: StreamReport): Promise<void> {
  const tally = emptyTally();

  for (const status of USER_STATUSES) {
    const pages = ctx.client.paginate('/users', { status, page_size: 300 }, 'users');
    for await (const page of pages) {
      const items = page.items.map((record) => ({ kind: 'user' as const, record }));
      const counts = storePage(ctx, 'api.users', page, items, tally);
      noteStatusChanges(ctx, counts.userChanges, tally);
    }
  }

  finishSnapshot(ctx, 'users', tally, report, `${tally.records} users`);
}

function noteStatusChanges(
  ctx: SyncContext,
  changes: ReadonlyArray<{ email: string | null; userId: string; isNew: boolean;
    previousStatus: string | null; status: string | null }>,
  tally: WindowTally,
): void {
  for (const change of changes) {
    if (change.isNew) continue;
    const line = `users: ${change.email ?? change.userId} is now ${change.status ?? 'unknown'} ` +
      `(was ${change.previousStatus ?? 'unknown'})`;
    ctx.log.info(line);
    tally.notes.push(line);
  }
}

/** Channels as each active user sees them, deduplicated, then each channel's members. */
export async function runChannelsStream(ctx: SyncContext, report: StreamReport): Promise<void> {
  const tally = emptyTally();
  const readers = new Map<string, string>();

  for (const user of listUserSnapshots(ctx.db, ctx.instance.id)) {
    if (user.status !== 'active') continue;
    checkAborted(ctx);
    await listChannelsOf(ctx, user.userId, readers, tally);
  }
  for (const [channelId, reader] of readers) {
    checkAborted(ctx);
    await listMembersOf(ctx, channelId, reader, tally);
  }

  finishSnapshot(ctx, 'channels', tally, report, `${readers.size} channels`);
}

/** Remembers, per channel, a user who can read it (the owner where the list says). */
async function listChannelsOf(
  ctx: SyncContext,
  userId: string,
  readers: Map<string, string>,
  tally: WindowTally,
): Promise<void> {
  const path = zoomPath`/chat/users/${userId}/channels`;
  try {
    for await (const page of ctx.client.paginate(path, { page_size: 50 }, 'channels')) {
      const fresh = page.items.filter((c) => typeof c.id === 'string' && !readers.has(c.id));
      for (const channel of fresh) {
        const owner = typeof channel.owner_id === 'string' ? channel.owner_id : userId;
        readers.set(channel.id as string, owner);
      }
      const items = page.items.map((record) => ({ kind: 'channel' as const, record }));
      storePage(ctx, 'api.channels', page, items, tally);
    }
  } catch (error) {
    if (!isRefusedForOneObject(error)) throw error;
    tally.notes.push(`channels of ${userId}: ${error.message}`);
  }
}

async function listMembersOf(
  ctx: SyncContext,
  channelId: string,
  reader: string,
  tally: WindowTally,
): Promise<void> {
  const path = zoomPath`/chat/users/${reader}/channels/${channelId}/members`;
  const name = channelName(ctx, channelId);
  try {
    for await (const page of ctx.client.paginate(path, { page_size: 100 }, 'members')) {
      const items = page.items.map((record) => ({ kind: 'channel_member' as const, record,
        channel: { id: channelId, name } }));
      storePage(ctx, 'api.channels', page, items, tally);
    }
  } catch (error) {
    if (!isRefusedForOneObject(error)) throw error;
    tally.notes.push(`members of channel ${name ?? channelId}: ${error.message}`);
  }
}

function channelName(ctx: SyncContext, channelId: string): string | null {
  const row = ctx.db
    .prepare('SELECT name FROM channels WHERE instance_id = ? AND channel_id = ?')
    .get(ctx.instance.id, channelId) as { name: string | null } | undefined;
  return row?.name ?? null;
}

/** A snapshot is one "window" at the time it was taken. */
function finishSnapshot(
  ctx: SyncContext,
  stream: StreamName,
  tally: WindowTally,
  report: StreamReport,
  what: string,
): void {
  const now = ctx.now();
  inTransaction(ctx.db, () =>
    recordCoverage(ctx.db, ctx.instance.id, {
      stream,
      windowStart: now,
      windowEnd: now,
      status: 'ok',
      pages: tally.pages,
      records: tally.records,
      note: null,
      completedAt: now,
    }),
  );
  addTally(report, tally);

  const message = `${stream}: ${what}, ${tally.records} records, ${tally.pages} pages, ` +
    `${tally.notes.length} notes`;
  ctx.log.info(message);
  ctx.progress({ stream, phase: 'window', pages: tally.pages, records: tally.records,
    inserted: tally.inserted, message });
}
