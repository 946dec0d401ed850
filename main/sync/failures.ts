/**
 * What a refusal from Zoom means for a stream: unavailable on this plan, stopped until the
 * daily limit resets, failed for a missing scope, or the end of the whole run when offline.
 */
import { ZoomApiError } from '../zoom/types.ts';
import type { StreamOutcome } from './types.ts';

export interface StreamFailure {
  status: Exclude<StreamOutcome, 'ok' | 'skipped'>;
  reason: string;
  retryAt: number | null;
  /** True when no other stream can get anywhere either (offline, credentials refused). */
  stopsEverything: boolean;
}

/** Raised by a window that failed on every try; the stream stops there, partly collected. */
export class WindowFailedError extends Error {
  constructor(
    message: string,
    readonly zoomError: ZoomApiError,
  ) {
    super(message);
    this.name = 'WindowFailedError';
  }
}

/** Refusals that a fresh start of the window (from page 1) can get past. */
export function isWindowRetryable(error: unknown): error is ZoomApiError {
  if (!(error instanceof ZoomApiError)) return false;
  return error.category === 'page_token_expired' || error.category === 'server'
    || error.category === 'rate_limited';
}

/** The stream's outcome for an error, or null when the error is not Zoom's (a bug, an abort). */
export function streamFailure(error: unknown): StreamFailure | null {
  if (error instanceof WindowFailedError) {
    return { status: 'partial', reason: error.message, retryAt: null, stopsEverything: false };
  }
  if (!(error instanceof ZoomApiError)) return null;

  switch (error.category) {
    case 'plan':
      return fail('unavailable', `not available on this Zoom plan (Zoom: "${zoomText(error)}")`);
    case 'daily_limit':
      return dailyLimit(error);
    case 'scope':
      return fail('failed', error.message);
    case 'network':
      return { ...fail('failed', 'offline'), stopsEverything: true };
    case 'auth':
    case 'token_conflict':
      return { ...fail('failed', error.message), stopsEverything: true };
    default:
      return fail('failed', error.message);
  }
}

function fail(status: StreamFailure['status'], reason: string): StreamFailure {
  return { status, reason, retryAt: null, stopsEverything: false };
}

function dailyLimit(error: ZoomApiError): StreamFailure {
  const retryAt = error.retryAt ?? nextUtcMidnight(Date.now());
  return {
    status: 'partial',
    reason: dailyLimitReason(retryAt),
    retryAt,
    stopsEverything: false,
  };
}

/** "daily limit reached — resumes 2024-03-15 01:00 (Europe/Berlin) / 2024-03-15 00:00 UTC" */
export function dailyLimitReason(retryAt: number): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(retryAt);
  const utc = new Date(retryAt).toISOString().slice(0, 16).replace('T', ' ');
  return `daily limit reached — resumes ${local} (${zone}) / ${utc} UTC`;
}

function zoomText(error: ZoomApiError): string {
  return error.zoomMessage ?? error.message;
}

function nextUtcMidnight(now: number): number {
  const day = 24 * 60 * 60 * 1000;
  return now - (now % day) + day;
}
