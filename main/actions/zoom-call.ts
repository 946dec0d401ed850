/**
 * Making one Zoom call for an action and turning every answer, refusal or silence into data
 * the audit log can keep. Nothing here decides what an answer means for the action.
 */
import { errorMessage } from '../errors.ts';
import { queryString } from '../zoom/paths.ts';
import type { ZoomClient } from '../zoom/types.ts';
import { ZoomApiError } from '../zoom/types.ts';
import type { ZoomCall } from './types.ts';

/** Zoom's answer, or why there was none. */
export type CallOutcome =
  | {
      kind: 'answered';
      status: number;
      text: string;
      body: unknown;
      receivedAt: number;
      /** Zoom's x-zm-trackingid header: what Zoom support asks for. */
      trackingId: string | null;
    }
  | {
      kind: 'refused';
      status: number | null;
      text: string | null;
      zoomCode: number | null;
      message: string;
      category: ZoomApiError['category'];
    }
  /** No answer we can trust: the change may or may not have happened. */
  | { kind: 'silent'; message: string; category: 'network' | 'server' | null };

/** The call as one line: `DELETE /chat/users/a%40b/messages/%7B1%7D?to_channel=c`. */
export function describeCall(call: ZoomCall): string {
  return `${call.method} ${call.path}${queryString(call.query)}`;
}

/** What the audit log keeps of a request: no headers, so never a token. */
export function auditRequest(call: ZoomCall): Record<string, unknown> {
  const line = describeCall(call);
  const base = { method: call.method, path: call.path, query: call.query, line };
  return call.json === undefined ? base : { ...base, json: call.json };
}

/** What the audit log keeps of an answer: Zoom's status and body text as received. */
export function auditResponse(outcome: CallOutcome): Record<string, unknown> {
  if (outcome.kind === 'answered') {
    return { status: outcome.status, body: outcome.text, trackingId: outcome.trackingId };
  }
  if (outcome.kind === 'refused') {
    return { status: outcome.status, body: outcome.text, zoomCode: outcome.zoomCode,
      error: outcome.message };
  }
  return { status: null, body: null, error: outcome.message };
}

export async function performCall(zoom: ZoomClient, call: ZoomCall): Promise<CallOutcome> {
  try {
    const response = await zoom.request(call.method, call.path, {
      query: call.query,
      ...(call.json === undefined ? {} : { json: call.json }),
    });
    return {
      kind: 'answered',
      status: response.status,
      text: response.text,
      body: response.body,
      receivedAt: response.receivedAt,
      trackingId: response.headers['x-zm-trackingid'] ?? null,
    };
  } catch (error) {
    return failedCall(error);
  }
}

/**
 * True for a 404 that says the object itself is gone. A 404 about the user or the channel in
 * the path says nothing about the message, so it is a failure, not "already deleted".
 */
export function isGone(outcome: CallOutcome): boolean {
  if (outcome.kind !== 'refused' || outcome.status !== 404) return false;
  return outcome.zoomCode === null || !OTHER_THING_MISSING.has(outcome.zoomCode);
}

/** 1001: user does not exist; 4130: channel does not exist. */
const OTHER_THING_MISSING: ReadonlySet<number> = new Set([1001, 4130]);

/** Network trouble and 5xx leave the outcome open; every other refusal is Zoom's final word. */
function failedCall(error: unknown): CallOutcome {
  if (!(error instanceof ZoomApiError)) {
    return { kind: 'silent', message: errorMessage(error), category: null };
  }
  if (error.category === 'network' || error.category === 'server') {
    return { kind: 'silent', message: error.message, category: error.category };
  }

  return {
    kind: 'refused',
    status: error.httpStatus,
    text: error.responseText,
    zoomCode: error.zoomCode,
    message: error.zoomMessage ?? error.message,
    category: error.category,
  };
}

/** Nothing was changed and Zoom can be asked later: offline, or rate limits in the way. */
export function isRetryLater(outcome: CallOutcome): boolean {
  if (outcome.kind === 'silent') return outcome.category === 'network';
  return outcome.kind === 'refused' &&
    (outcome.category === 'rate_limited' || outcome.category === 'daily_limit');
}
