/** The vocabulary of response actions: plans, what running one returns, what it needs. */
import type { Db } from '../store/db.ts';
import type { ActionStatus } from '../store/actions.ts';
import type { HttpMethod, ZoomClient } from '../zoom/types.ts';

export const ACTION_KINDS = ['delete-message'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** One Zoom call as it will be sent: path segments already percent-encoded. */
export interface ZoomCall {
  method: HttpMethod;
  path: string;
  query: Record<string, string>;
}

/** The message a delete-message action is about, as the evidence store knows it. */
export interface MessageTarget {
  messageId: string;
  /** The event the investigator named, or the message's first stored event. */
  eventId: string;
  /** Zoom deletes "a message you previously sent": the call is made as the sender. */
  sender: string;
  senderEmail: string | null;
  toChannel: string | null;
  toContact: string | null;
  channelName: string | null;
  sentAt: number;
  /** The first characters of the stored text, for the confirmation prompt. */
  textPreview: string | null;
  /** When the store already holds a deletion event for this message. */
  knownDeletedAt: number | null;
}

export interface ActionInput {
  kind: ActionKind;
  /** An event id or a Zoom message id from the store. */
  target: string;
  /** Needed only when the same message id is stored for several accounts. */
  instanceId?: number;
}

/** Exactly what executing will do, in data and in words. Nothing is sent while planning. */
export interface ActionPlan {
  kind: ActionKind;
  idempotencyKey: string;
  instance: { id: number; name: string; accountId: string; isDemo: boolean };
  target: MessageTarget;
  /** One line naming the target, for the audit log and lists. */
  targetLabel: string;
  /** The fresh fetch that becomes the pre-action snapshot, and the settling re-fetch. */
  snapshotCall: ZoomCall;
  /** The call that changes something in Zoom. */
  call: ZoomCall;
  /** The steps in the order they will happen, as sentences. */
  steps: string[];
  /** Where an earlier run of the same action stands, if there was one. */
  previous: { status: ActionStatus; updatedAt: number } | null;
}

export interface ExecuteOptions {
  confirmed: boolean;
  dryRun: boolean;
  reason?: string;
}

export interface ActionContext {
  db: Db;
  /** A client for the plan's instance. */
  zoom: ZoomClient;
  now?: () => number;
}

export type ActionOutcome =
  | 'done'
  | 'not_found'
  | 'already_done'
  | 'failed'
  | 'outcome_unknown'
  | 'dry_run';

export interface ActionResult {
  outcome: ActionOutcome;
  /** True when the intended effect holds (done, not found, already done). */
  ok: boolean;
  message: string;
  actionId: number | null;
  /** The audit row that records this run. */
  auditSeq: number;
  /** Zoom's HTTP status for the changing call, when one was made. */
  zoomStatus: number | null;
  snapshotRawId: number | null;
  /** Marks for the evidence: `deleted_by_response_action` once the message is gone. */
  notes: string[];
  plan: ActionPlan;
}

export const DELETED_BY_RESPONSE_ACTION = 'deleted_by_response_action';
