/**
 * Reports: sign-in/out activities, the admin operation log and the chat session reports,
 * which are the only place Zoom shows edited and deleted message content account-wide.
 */
import { currentText } from './lookup.ts';
import type { DemoChatSession, DemoMessage } from './model.ts';
import { pageOf } from './paging.ts';
import { param } from './routes-users.ts';
import { inWindow, reportWindow } from './windows.ts';
import type { DayWindow } from './windows.ts';
import { invalidRequest, json, queryValue, zoomError } from './wire.ts';
import type { Route, RouteContext, WireResult } from './wire.ts';

const REPORT_PAGE = { max: 300, default: 30 };

/** Query values of category_type and the display text Zoom puts in each record. */
const OPERATION_CATEGORIES: Record<string, string> = {
  user: 'User',
  user_settings: 'User Settings',
  account: 'Account',
  billing: 'Billing',
  im: 'IM',
  recording: 'Recording',
  phone_contacts: 'Phone Contacts',
  webinar: 'Webinar',
  sub_account: 'Sub Account',
  role: 'Role',
  zoom_rooms: 'Zoom Rooms',
};

export const REPORT_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: '/report/activities',
    category: 'Heavy',
    scope: 'report:read:user_activities:admin',
    handle: listActivities,
  },
  {
    method: 'GET',
    pattern: '/report/operationlogs',
    category: 'Heavy',
    scope: 'report:read:operation_logs:admin',
    handle: listOperationLogs,
  },
  {
    method: 'GET',
    pattern: '/report/chat/sessions',
    category: 'Medium',
    scope: 'report_chat:read:admin',
    handle: listChatSessions,
  },
  {
    method: 'GET',
    pattern: '/report/chat/sessions/:sessionId',
    category: 'Medium',
    scope: 'report_chat:read:admin',
    handle: getChatSession,
  },
];

function listActivities(ctx: RouteContext): WireResult {
  const window = reportWindow(ctx);
  const rows = newestFirst(ctx.data.activities.filter((a) => inWindow(window, Date.parse(a.time))));

  const page = pageOf(ctx, rows, REPORT_PAGE);
  return json(200, { from: window.from, to: window.to, ...page.fields, activity_logs: page.items });
}

function listOperationLogs(ctx: RouteContext): WireResult {
  const window = reportWindow(ctx);
  const category = operationCategory(ctx);
  const rows = ctx.data.operationLogs.filter(
    (log) =>
      inWindow(window, Date.parse(log.time)) &&
      (category === null || log.category_type === category),
  );

  const page = pageOf(ctx, newestFirst(rows), REPORT_PAGE);
  return json(200, {
    from: window.from,
    to: window.to,
    ...page.fields,
    operation_logs: page.items,
  });
}

/** The display text to filter on, or null for `all`. */
function operationCategory(ctx: RouteContext): string | null {
  const value = queryValue(ctx, 'category_type') ?? 'all';
  if (value === 'all') return null;

  const display = OPERATION_CATEGORIES[value];
  if (!display) throw invalidRequest(`Invalid category_type: ${value}.`);
  return display;
}

function newestFirst<T extends { time: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

function listChatSessions(ctx: RouteContext): WireResult {
  const window = reportWindow(ctx);
  const listed = ctx.data.sessions.flatMap((session) => {
    const last = lastActivity(sessionMessages(ctx, session.id), window);
    return last === null ? [] : [sessionItem(session, last)];
  });

  const page = pageOf(ctx, listed, REPORT_PAGE);
  return json(200, { from: window.from, to: window.to, ...page.fields, sessions: page.items });
}

function sessionItem(session: DemoChatSession, lastMs: number): Record<string, unknown> {
  return {
    id: session.id,
    type: session.type,
    name: session.name,
    ...(session.channel_id ? { channel_id: session.channel_id } : {}),
    last_message_sent_time: isoSeconds(lastMs),
  };
}

/** The latest send, edit or delete of these messages inside the window, or null. */
function lastActivity(messages: DemoMessage[], window: DayWindow): number | null {
  const times = messages
    .flatMap((m) => [m.timestamp, ...m.edits.map((e) => e.timestamp), m.deleted_at ?? NaN])
    .filter((t) => inWindow(window, t));
  return times.length === 0 ? null : Math.max(...times);
}

function getChatSession(ctx: RouteContext): WireResult {
  const sessionId = param(ctx, 'sessionId');
  if (!ctx.data.sessions.some((s) => s.id === sessionId)) {
    throw zoomError(404, 5301, `Chat session does not exist: ${sessionId}.`);
  }

  const window = reportWindow(ctx);
  const all = sessionMessages(ctx, sessionId);
  const visible = all.filter((m) => m.deleted_at === undefined && inWindow(window, m.timestamp));
  const page = pageOf(ctx, newestByTimestamp(visible), REPORT_PAGE);

  // Edits and deletions ride on the first page only, so paging never repeats them.
  const firstPage = !ctx.query.get('next_page_token');
  return json(200, {
    from: window.from,
    to: window.to,
    ...page.fields,
    messages: page.items.map(reportMessage),
    ...(firstPage ? modifications(ctx, all, window) : {}),
  });
}

function sessionMessages(ctx: RouteContext, sessionId: string): DemoMessage[] {
  return ctx.data.messages.filter((m) => m.session_id === sessionId);
}

function newestByTimestamp(messages: DemoMessage[]): DemoMessage[] {
  return [...messages].sort((a, b) => b.timestamp - a.timestamp);
}

function reportMessage(message: DemoMessage): Record<string, unknown> {
  return {
    id: message.id,
    message: currentText(message),
    sender: message.sender,
    sender_display_name: message.sender_display_name,
    receiver: message.receiver,
    date_time: message.date_time,
    timestamp: message.timestamp,
    message_type: message.message_type,
    reply_main_message_id: message.reply_main_message_id,
    ...(message.reply_main_message_timestamp === undefined
      ? {}
      : { reply_main_message_timestamp: message.reply_main_message_timestamp }),
    files: message.files,
  };
}

/**
 * edited_messages and deleted_messages as include_fields asks for them. A change counts when
 * the message was sent or the change was made inside the window, so a late edit of an old
 * message is not lost to a sync that only looks at recent days.
 */
function modifications(
  ctx: RouteContext,
  messages: DemoMessage[],
  window: DayWindow,
): Record<string, unknown> {
  const fields = (queryValue(ctx, 'include_fields') ?? '').split(',').map((f) => f.trim());
  const out: Record<string, unknown> = {};

  if (fields.includes('edited_messages')) {
    out.edited_messages = messages.flatMap((m) =>
      m.edits
        .filter((e) => inWindow(window, m.timestamp) || inWindow(window, e.timestamp))
        .map((e) => ({ ...changeBase(m), message: e.message, action_timestamp: e.timestamp })),
    );
  }
  if (fields.includes('deleted_messages')) {
    out.deleted_messages = messages
      .filter((m) => m.deleted_at !== undefined)
      .filter((m) => inWindow(window, m.timestamp) || inWindow(window, m.deleted_at ?? NaN))
      .map((m) => ({ ...changeBase(m), message: currentText(m), action_timestamp: m.deleted_at }));
  }
  return out;
}

function changeBase(message: DemoMessage): Record<string, unknown> {
  return {
    id: message.id,
    sender: message.sender,
    sender_display_name: message.sender_display_name,
    receiver: message.receiver,
    date_time: message.date_time,
    timestamp: message.timestamp,
  };
}

/** Zoom's report times: ISO-8601 UTC to the second. */
function isoSeconds(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
