/** The vocabulary of response actions: plans, what running one returns, what it needs. */
import type { Db } from '../store/db.ts';
import type { ActionStatus } from '../store/actions.ts';
import type { HttpMethod, ZoomClient } from '../zoom/types.ts';

/** Actions that change something in Zoom. */
export const ACTION_KINDS = [
  'delete-message',
  'deactivate-user',
  'reactivate-user',
  'revoke-sso',
  'remove-member',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Actions that send an e-mail through the investigator's SMTP server. */
export const EMAIL_ACTION_KINDS = ['email-list', 'email-user'] as const;
export type EmailActionKind = (typeof EMAIL_ACTION_KINDS)[number];

/** One Zoom call as it will be sent: path segments already percent-encoded. */
export interface ZoomCall {
  method: HttpMethod;
  path: string;
  query: Record<string, string>;
  /** A JSON body, sent as application/json; absent for calls without a body. */
  json?: unknown;
}

/** A user a deactivate, reactivate or revoke-sso action is about, as the store knows them. */
export interface UserTarget {
  userId: string;
  email: string | null;
  displayName: string | null;
  /** The status the last sync saw: active, inactive or pending. */
  status: string | null;
}

/** An external member to remove from a channel, acting as the channel's owner. */
export interface MemberTarget {
  channelId: string;
  channelName: string | null;
  /** The owner's e-mail or user id: account-level member calls act as the channel owner. */
  ownerId: string;
  /** What Zoom's DELETE takes: the member's e-mail, else the member id. */
  identifier: string;
  memberEmail: string | null;
  memberName: string | null;
  isExternal: boolean | null;
}

export type ZoomTarget = MessageTarget | UserTarget | MemberTarget;

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
  /**
   * delete-message: an event id or a Zoom message id; user actions: a user id or e-mail;
   * remove-member: `CHANNEL_ID/MEMBER` (member e-mail or id).
   */
  target: string;
  /** Needed only when the same target is stored for several accounts. */
  instanceId?: number;
}

/** Exactly what executing will do, in data and in words. Nothing is sent while planning. */
export interface ActionPlan {
  kind: ActionKind;
  idempotencyKey: string;
  instance: { id: number; name: string; accountId: string; isDemo: boolean };
  target: ZoomTarget;
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
  /** The scopes the two calls need; each inner list holds equivalent (granular, classic) names. */
  requiredScopes: string[][];
}

export interface ExecuteOptions {
  confirmed: boolean;
  dryRun: boolean;
  reason?: string;
  /**
   * Set by the queue when it drains: the run compares the fresh target with what was confirmed
   * and asks again when it changed.
   */
  fromQueue?: boolean;
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
  | 'dry_run'
  /** The target is already in the intended state (a user already inactive). */
  | 'already_in_effect'
  /** Zoom or the SMTP server could not be reached (or rate-limits us): kept for later. */
  | 'queued'
  /** A queued action whose target changed since it was confirmed: confirm it again. */
  | 'needs_confirmation';

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

/** What a queued row keeps so that the queue can plan it again after a restart. */
export interface QueuedInput {
  kind: ActionKind | EmailActionKind;
  /** The planning input, as given (ActionInput or EmailActionInput). */
  input: Record<string, unknown>;
  /** The target as it was when the investigator confirmed. */
  confirmedTarget: Record<string, unknown>;
  targetLabel: string;
  queuedAt: number;
  why: string;
}

export const DELETED_BY_RESPONSE_ACTION = 'deleted_by_response_action';
