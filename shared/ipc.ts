/**
 * The bridge contract: every request, response and event that crosses between the renderer and
 * main, as runtime schemas. Main validates every request against these before any service sees
 * it; the preload and the renderer derive their types from the same schemas.
 */
import { z } from 'zod';

import { EventKind, EventRow } from './events.ts';
import { Finding, FindingStatus, Severity } from './findings.ts';

const Id = z.string().min(1).max(512);
const Epoch = z.number().int().min(0).max(8_640_000_000_000_000);
const InstanceName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const HttpUrl = z.string().max(2048).refine(isHttpUrl, 'must be an http or https URL');
const Email = z.string().min(3).max(320).regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');

function isHttpUrl(value: string): boolean {
  try {
    const protocol = new URL(value).protocol;
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A connected account as the renderer sees it: never a secret. */
export const InstanceSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  accountId: z.string(),
  clientId: z.string(),
  adminEmail: z.string(),
  apiBaseUrl: z.string(),
  oauthBaseUrl: z.string(),
  isDemo: z.boolean(),
  createdAt: Epoch,
  hasSecret: z.boolean(),
  eventCount: z.number().int(),
});
export type InstanceSummary = z.infer<typeof InstanceSummary>;

export const InstanceInput = z.strictObject({
  name: InstanceName,
  accountId: z.string().min(1).max(128),
  clientId: z.string().min(1).max(128),
  /** Written to the keychain and never sent back. */
  clientSecret: z.string().min(1).max(4096),
  adminEmail: Email,
  apiBaseUrl: HttpUrl.optional(),
  oauthBaseUrl: HttpUrl.optional(),
});
export type InstanceInput = z.infer<typeof InstanceInput>;

export const InstanceEdit = z.strictObject({
  name: InstanceName,
  accountId: z.string().min(1).max(128),
  clientId: z.string().min(1).max(128),
  adminEmail: Email,
  apiBaseUrl: HttpUrl,
  oauthBaseUrl: HttpUrl,
  /** Absent or empty: keep the stored secret. */
  clientSecret: z.string().max(4096).optional(),
});
export type InstanceEdit = z.infer<typeof InstanceEdit>;

/** Zoom's answer to a connection test, in plain words with what to do. */
export const ConnectionTest = z.object({
  ok: z.boolean(),
  message: z.string(),
  hint: z.string().nullable(),
  scopes: z.array(z.string()),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;

/** The timeline's filters. All optional; absent means "everything". */
export const EventFilter = z.strictObject({
  instanceId: z.number().int().positive().optional(),
  kinds: z.array(EventKind).max(EventKind.options.length).optional(),
  actor: z.string().min(1).max(320).optional(),
  search: z.string().min(1).max(500).optional(),
  since: Epoch.optional(),
  until: Epoch.optional(),
  /** Only these events (an anomaly's evidence). */
  eventIds: z.array(Id).max(5000).optional(),
});
export type EventFilter = z.infer<typeof EventFilter>;

/** Keyset position: the (time, seq) of a row. Newest-first order. */
export const Cursor = z.strictObject({ occurredAt: Epoch, seq: z.number().int().min(0) });
export type Cursor = z.infer<typeof Cursor>;

export const TimelineRow = EventRow.extend({ seq: z.number().int() });
export type TimelineRow = z.infer<typeof TimelineRow>;

export const EventPageRequest = z.strictObject({
  filter: EventFilter,
  /** Rows strictly older than this (scrolling down). */
  before: Cursor.optional(),
  /** Rows strictly newer than this (scrolling back up a window that dropped its head). */
  after: Cursor.optional(),
  limit: z.number().int().min(1).max(1000),
});
export type EventPageRequest = z.infer<typeof EventPageRequest>;

export const EventPage = z.object({ rows: z.array(TimelineRow), hasMore: z.boolean() });
export type EventPage = z.infer<typeof EventPage>;

export const HistogramRequest = z.strictObject({
  filter: EventFilter,
  bucketMs: z.number().int().min(60_000).max(31 * 86_400_000),
});

export const Histogram = z.object({
  bucketMs: z.number().int(),
  /** Bucket start times (UTC epoch ms) and counts, ascending. */
  starts: z.array(z.number()),
  counts: z.array(z.number().int()),
  /** Whether the per-hour table kept during ingest answered (false: counted from events). */
  fromHourTable: z.boolean(),
});
export type Histogram = z.infer<typeof Histogram>;

export const RawEvidence = z.object({
  rawId: z.number().int(),
  sha256: z.string(),
  source: z.string(),
  firstSeenAt: z.number().int(),
  /** The record as Zoom sent it. Displayed as text, never parsed into markup. */
  json: z.string(),
});
export type RawEvidence = z.infer<typeof RawEvidence>;

export const EventDetail = z.object({
  event: TimelineRow,
  instanceName: z.string(),
  evidence: z.array(RawEvidence),
  /** Every stored version of the same chat message, oldest first. */
  versions: z.array(TimelineRow),
  sameUser: z.array(TimelineRow),
  sameChannel: z.array(TimelineRow),
  findings: z.array(Finding),
});
export type EventDetail = z.infer<typeof EventDetail>;

export const PersonRequest = z.strictObject({
  email: Email,
  around: Epoch,
  /** Half the window, either side of `around`. */
  spanMs: z.number().int().min(60_000).max(90 * 86_400_000),
});

export const PersonView = z.object({
  email: z.string(),
  accounts: z.array(z.object({ instanceName: z.string(), displayName: z.string().nullable() })),
  signIns: z.array(TimelineRow),
  chat: z.array(TimelineRow),
  channels: z.array(TimelineRow),
  admin: z.array(TimelineRow),
});
export type PersonView = z.infer<typeof PersonView>;

export const FindingSummary = Finding.extend({ evidenceCount: z.number().int() });
export type FindingSummary = z.infer<typeof FindingSummary>;

export const FindingDetail = Finding.extend({ evidence: z.array(TimelineRow) });
export type FindingDetail = z.infer<typeof FindingDetail>;

export const FindingListRequest = z.strictObject({
  instanceId: z.number().int().positive().optional(),
  status: FindingStatus.optional(),
  severity: Severity.optional(),
});

export const TriageRequest = z.strictObject({
  id: Id,
  status: FindingStatus,
  note: z.string().max(4000).optional(),
});

export const DetectionSummary = z.object({
  findings: z.number().int(),
  new: z.number().int(),
  instances: z.number().int(),
});

/** Every response action the CLI offers: the Zoom ones, the e-mail ones and the incident. */
export const ACTION_KIND_NAMES = [
  'delete-message',
  'deactivate-user',
  'reactivate-user',
  'revoke-sso',
  'remove-member',
  'email-list',
  'email-user',
  'incident',
] as const;
export const ActionKindName = z.enum(ACTION_KIND_NAMES);
export type ActionKindName = z.infer<typeof ActionKindName>;

const MailAddress = z.string().min(3).max(320).regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/);

const ACTION_REQUEST_SHAPE = {
  kind: ActionKindName,
  /**
   * As the CLI takes it: an event id (delete-message), a user id or e-mail (user actions),
   * `CHANNEL_ID/MEMBER` (remove-member) or a finding id (e-mail actions, incident).
   */
  target: Id,
  /** email-list: the recipients; the settings' default list when absent. */
  to: z.array(MailAddress).min(1).max(50).optional(),
  /** email-user: the user, when the finding is not about one (id or e-mail). */
  user: Id.optional(),
};

/** `to` and `user` belong to one e-mail kind each; a channel/member pair needs both halves. */
function checkActionRequest(
  request: { kind: ActionKindName; target: string; to?: string[]; user?: string },
  ctx: z.RefinementCtx,
): void {
  if (request.to !== undefined && request.kind !== 'email-list') {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'Only email-list takes recipients.' });
  }
  if (request.user !== undefined && request.kind !== 'email-user') {
    ctx.addIssue({ code: 'custom', path: ['user'], message: 'Only email-user takes a user.' });
  }
  if (request.kind === 'remove-member' && !/^[^/]+\/[^/]+$/.test(request.target)) {
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'Use CHANNEL_ID/MEMBER.' });
  }
}

export const ActionRequest = z.strictObject(ACTION_REQUEST_SHAPE).superRefine(checkActionRequest);
export type ActionRequest = z.infer<typeof ActionRequest>;

/** The e-mail exactly as it would be handed to the SMTP server, for the confirmation. */
export const EmailPreview = z.object({
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  server: z.string(),
});
export type EmailPreview = z.infer<typeof EmailPreview>;

/** What the confirmation dialog shows: the exact target and the exact Zoom call. */
export const ActionPreview = z.object({
  kind: ActionKindName,
  target: Id,
  instanceName: z.string().nullable(),
  /** The Zoom account id the action changes; null for local records. */
  accountId: z.string().nullable(),
  targetLabel: z.string(),
  /** `DELETE /v2/chat/users/.../messages/...` or "none: local only". */
  zoomCall: z.string(),
  steps: z.array(z.string()),
  previous: z.string().nullable(),
  /** For the e-mail kinds: the rendered message. */
  email: EmailPreview.nullable(),
  /** Set when the account's app lacks a scope: the action is refused and not offered. */
  refusal: z.string().nullable(),
});
export type ActionPreview = z.infer<typeof ActionPreview>;

export const ExecuteRequest = z.strictObject({
  ...ACTION_REQUEST_SHAPE,
  /** The renderer sends true only after the investigator confirmed the preview. */
  confirmed: z.literal(true),
  reason: z.string().max(2000).optional(),
}).superRefine(checkActionRequest);

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  osUser: z.string(),
  action: z.string(),
  target: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  request: z.string().nullable(),
  response: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ActionOutcome = z.object({
  ok: z.boolean(),
  outcome: z.string(),
  message: z.string(),
  zoomStatus: z.number().int().nullable(),
  audit: AuditEntry.nullable(),
});
export type ActionOutcome = z.infer<typeof ActionOutcome>;

export const SYNC_STATUSES = [
  'never', 'running', 'ok', 'partial', 'failed', 'unavailable',
] as const;

export const StreamStatus = z.object({
  instanceId: z.number().int(),
  instanceName: z.string(),
  stream: z.string(),
  status: z.enum(SYNC_STATUSES),
  reason: z.string().nullable(),
  lastRunAt: z.number().int().nullable(),
  lastOkAt: z.number().int().nullable(),
});
export type StreamStatus = z.infer<typeof StreamStatus>;

export const SyncOverview = z.object({
  streams: z.array(StreamStatus),
  running: z.array(z.string()),
  offline: z.boolean(),
});
export type SyncOverview = z.infer<typeof SyncOverview>;

export const SyncStarted = z.object({ runId: z.string(), instanceName: z.string() });

/** Progress of one stream of one running sync or import. */
export const SyncProgress = z.object({
  runId: z.string(),
  instanceName: z.string(),
  stream: z.string(),
  phase: z.enum(['started', 'progress', 'done', 'failed', 'unavailable']),
  records: z.number().int(),
  message: z.string().nullable(),
  at: z.number().int(),
});
export type SyncProgress = z.infer<typeof SyncProgress>;

export const SyncFinished = z.object({
  runId: z.string(),
  instanceName: z.string(),
  ok: z.boolean(),
  message: z.string(),
});
export type SyncFinished = z.infer<typeof SyncFinished>;

export const LinkResult = z.object({ opened: z.boolean(), reason: z.string().nullable() });
export type LinkResult = z.infer<typeof LinkResult>;

const Empty = z.strictObject({});
const Ok = z.object({ ok: z.literal(true) });

/** Every request channel: its request schema and its response schema. */
export const CHANNELS = {
  'instances.list': { request: Empty, response: z.array(InstanceSummary) },
  'instances.add': { request: InstanceInput, response: InstanceSummary },
  'instances.edit': { request: InstanceEdit, response: InstanceSummary },
  'instances.remove': {
    request: z.strictObject({ name: InstanceName, purge: z.boolean() }),
    response: Ok,
  },
  'instances.test': { request: z.strictObject({ name: InstanceName }), response: ConnectionTest },
  'demo.start': { request: Empty, response: InstanceSummary },
  'sync.start': { request: z.strictObject({ name: InstanceName }), response: SyncStarted },
  'sync.overview': { request: Empty, response: SyncOverview },
  'events.page': { request: EventPageRequest, response: EventPage },
  'events.histogram': { request: HistogramRequest, response: Histogram },
  'events.detail': { request: z.strictObject({ id: Id }), response: EventDetail },
  'person.view': { request: PersonRequest, response: PersonView },
  'findings.list': { request: FindingListRequest, response: z.array(FindingSummary) },
  'findings.detail': { request: z.strictObject({ id: Id }), response: FindingDetail },
  'findings.triage': { request: TriageRequest, response: Finding },
  'detect.run': { request: Empty, response: DetectionSummary },
  'actions.preview': { request: ActionRequest, response: ActionPreview },
  'actions.execute': { request: ExecuteRequest, response: ActionOutcome },
  'audit.list': {
    request: z.strictObject({ limit: z.number().int().min(1).max(1000) }),
    response: z.array(AuditEntry),
  },
  'links.open': { request: z.strictObject({ url: z.string().max(8192) }), response: LinkResult },
} as const;

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

export type RequestOf<C extends Channel> = z.infer<(typeof CHANNELS)[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<(typeof CHANNELS)[C]['response']>;

/** Events main pushes to the renderer. */
export const EVENTS = {
  'sync.progress': SyncProgress,
  'sync.finished': SyncFinished,
} as const;

export type EventChannel = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventChannel[];
export type EventPayloadOf<E extends EventChannel> = z.infer<(typeof EVENTS)[E]>;

/** A failure that crossed the bridge: readable, with what to do next. */
export const BridgeError = z.object({
  message: z.string(),
  hint: z.string().nullable(),
  kind: z.enum(['invalid_request', 'expected', 'internal', 'timeout']),
});
export type BridgeError = z.infer<typeof BridgeError>;

/** Every reply is an envelope, so that a readable error survives the trip. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** The one API the preload exposes as `window.zi`. */
export interface ZiApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Envelope<ResponseOf<C>>>;
  /** Returns the unsubscribe. */
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloadOf<E>) => void): () => void;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(CHANNELS, value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.hasOwn(EVENTS, value);
}
