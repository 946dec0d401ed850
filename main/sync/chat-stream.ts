/**
 * Team Chat. The chat report lists sessions per window, then each session's messages with
 * their edits and deletions. Without a paid plan there is no chat report: channel messages
 * are then read per channel through a member, and one-to-one chats cannot be collected.
 */
import type { SessionContext } from '../ingest/common.ts';
import type { IngestItem } from '../ingest/store-records.ts';
import { listChannelMembers, listChannelSnapshots } from '../store/snapshots.ts';
import { zoomPath } from '../zoom/paths.ts';
import { ZoomApiError } from '../zoom/types.ts';
import type { Query } from '../zoom/types.ts';
import type { SyncContext } from './types.ts';
import { storePage } from './windowed.ts';
import type { WindowedStream, WindowTally } from './windowed.ts';
import type { DayWindow } from './windows.ts';

export const NO_ONE_TO_ONE_REASON =
  'one-to-one chats not collected: the chat report needs a paid Zoom plan';

const REPORT_PAGE_SIZE = 300;
const USER_MESSAGES_PAGE_SIZE = 50;

/** Set once the chat report answers "plan": the rest of the run reads channels instead. */
export interface ChatMode {
  fallback: boolean;
}

export function chatStream(ctx: SyncContext, mode: ChatMode): WindowedStream {
  return {
    stream: 'chat',
    windowDays: Math.min(Math.max(ctx.chatWindowDays, 1), 28),
    async fetchWindow(_ctx, window, tally) {
      if (!mode.fallback) {
        try {
          await fetchReportWindow(ctx, window, tally);
          return;
        } catch (error) {
          if (!(error instanceof ZoomApiError) || error.category !== 'plan') throw error;
          mode.fallback = true;
          ctx.log.warn(`chat: the chat report is not on this plan; reading channels instead`);
        }
      }
      await fetchChannelWindow(ctx, window, tally);
    },
  };
}

async function fetchReportWindow(
  ctx: SyncContext,
  window: DayWindow,
  tally: WindowTally,
): Promise<void> {
  const sessions = await listSessions(ctx, window, tally);

  for (const session of sessions) {
    await fetchSession(ctx, window, session, tally);
  }
}

interface ListedSession extends SessionContext {
  lastMessageAt: number | null;
}

/** The window's sessions, stored as evidence; those quiet since before the window are left. */
async function listSessions(
  ctx: SyncContext,
  window: DayWindow,
  tally: WindowTally,
): Promise<ListedSession[]> {
  const query = { from: window.from, to: window.to, page_size: REPORT_PAGE_SIZE };
  const sessions: ListedSession[] = [];

  for await (const page of ctx.client.paginate('/report/chat/sessions', query, 'sessions')) {
    const items = page.items.map((record) => ({ kind: 'chat_session' as const, record }));
    storePage(ctx, 'api.chat_report', page, items, tally);
    sessions.push(...page.items.map(toSession).filter((s) => s !== null));
  }
  return sessions.filter((s) => s.lastMessageAt === null || s.lastMessageAt >= window.startMs);
}

function toSession(record: Record<string, unknown>): ListedSession | null {
  const id = typeof record.id === 'string' ? record.id : null;
  if (!id) return null;

  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : null);
  const last = Date.parse(text('last_message_sent_time') ?? '');
  return {
    id,
    type: text('type'),
    name: text('name'),
    channelId: text('channel_id'),
    lastMessageAt: Number.isNaN(last) ? null : last,
  };
}

async function fetchSession(
  ctx: SyncContext,
  window: DayWindow,
  session: ListedSession,
  tally: WindowTally,
): Promise<void> {
  const query = {
    from: window.from,
    to: window.to,
    page_size: REPORT_PAGE_SIZE,
    include_fields: 'edited_messages,deleted_messages',
  };
  const path = zoomPath`/report/chat/sessions/${session.id}`;

  try {
    for await (const page of ctx.client.paginate(path, query, 'messages')) {
      storePage(ctx, 'api.chat_report', page, sessionItems(page.response.body, session), tally);
    }
  } catch (error) {
    if (!(error instanceof ZoomApiError) || error.category !== 'not_found') throw error;
    tally.notes.push(`chat session ${session.id} vanished before it could be read`);
  }
}

/** A session page's messages, edits and deletions, each with the session it belongs to. */
function sessionItems(body: Record<string, unknown> | null, session: SessionContext): IngestItem[] {
  const list = (key: string): unknown[] => (Array.isArray(body?.[key]) ? (body[key] as []) : []);
  return [
    ...list('messages').map((record) => ({ kind: 'chat_report_message' as const, record,
      session })),
    ...list('edited_messages').map((record) => ({ kind: 'chat_report_edit' as const, record,
      session })),
    ...list('deleted_messages').map((record) => ({ kind: 'chat_report_deletion' as const, record,
      session })),
  ];
}

/** The fallback: each known channel's messages, read as one of its members. */
async function fetchChannelWindow(
  ctx: SyncContext,
  window: DayWindow,
  tally: WindowTally,
): Promise<void> {
  const channels = listChannelSnapshots(ctx.db, ctx.instance.id);
  if (channels.length === 0) tally.notes.push('no channels known yet: run the channels stream');

  for (const channel of channels) {
    const reader = listChannelMembers(ctx.db, ctx.instance.id, channel.channelId)
      .find((member) => member.email !== null);
    if (!reader?.email) {
      tally.notes.push(`channel ${channel.name ?? channel.channelId}: no member to read it as`);
      continue;
    }

    const query = {
      to_channel: channel.channelId,
      from: new Date(window.startMs).toISOString().replace('.000', ''),
      to: new Date(window.endMs - 1000).toISOString().replace('.000', ''),
      include_deleted_and_edited_message: true,
      page_size: USER_MESSAGES_PAGE_SIZE,
    };
    const path = zoomPath`/chat/users/${reader.email}/messages`;
    try {
      await fetchChannelMessages(ctx, path, query, channel, tally);
    } catch (error) {
      if (!isRefusedForOneObject(error)) throw error;
      tally.notes.push(`channel ${channel.name ?? channel.channelId}: ${error.message}`);
    }
  }
}

async function fetchChannelMessages(
  ctx: SyncContext,
  path: string,
  query: Query,
  channel: { channelId: string; name: string | null },
  tally: WindowTally,
): Promise<void> {
  const where = { id: channel.channelId, name: channel.name };
  for await (const page of ctx.client.paginate(path, query, 'messages')) {
    const items = page.items.map((record) => ({ kind: 'chat_user_message' as const, record,
      channel: where }));
    storePage(ctx, 'api.chat_messages', page, items, tally);
  }
}

/** Refusals about one channel or person (gone, not a member): the others are still read. */
export function isRefusedForOneObject(error: unknown): error is ZoomApiError {
  if (!(error instanceof ZoomApiError)) return false;
  return ['not_found', 'invalid_request', 'permission'].includes(error.category);
}
