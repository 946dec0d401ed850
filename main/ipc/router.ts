/**
 * The IPC router: the only door from the renderer into main. It checks every request against
 * the contract in shared/ipc.ts, refuses the rest with a logged, readable error, and hands the
 * parsed request to the data worker (or, for links, to the system browser after the policy and
 * a prompt). Electron-free, so that Node tests and the browser tests drive the real thing.
 */
import type { z } from 'zod';

import { CHANNELS, isChannel } from '../../shared/ipc.ts';
import type { BridgeError, Channel, Envelope, LinkResult } from '../../shared/ipc.ts';
import { errorMessage } from '../errors.ts';
import { createLogger } from '../log/logger.ts';
import type { Logger } from '../log/logger.ts';
import { describeUrl, externalLinkDecision } from '../shell/policies.ts';
import { BridgeFailure } from '../worker/client.ts';

/** Where validated requests go: the data worker client in the app and in tests. */
export interface Backend {
  call(op: Channel, payload: unknown): Promise<unknown>;
}

export interface RouterDeps {
  backend: Backend;
  /** Hands an allowed link to the system browser (Electron's shell.openExternal). */
  openExternal(url: string): Promise<void>;
  /** Asks the investigator before a link leaves the app; false means they declined. */
  confirmExternal(url: string): Promise<boolean>;
  /** Also validate responses against the contract (tests; costs time on big pages). */
  checkResponses?: boolean;
  log?: Logger;
}

export interface Router {
  handle(channel: unknown, payload: unknown): Promise<Envelope<unknown>>;
}

/** Zod's issues as one sentence an investigator (or a developer) can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(request)'}: ${issue.message}`)
    .join('; ');
}

function refused(message: string, hint: string | null): Envelope<never> {
  return { ok: false, error: { kind: 'invalid_request', message, hint } };
}

export function createRouter(deps: RouterDeps): Router {
  const log = deps.log ?? createLogger('ipc');

  async function handle(channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
    if (!isChannel(channel)) {
      log.warn(`refused an IPC call on unknown channel ${JSON.stringify(String(channel))}`);
      return refused('The app asked for something that does not exist.', null);
    }

    const parsed = CHANNELS[channel].request.safeParse(payload);
    if (!parsed.success) {
      const detail = describeIssues(parsed.error.issues);
      log.warn(`refused ${channel}: invalid request (${detail})`);
      return refused(`The request "${channel}" was refused: ${detail}.`,
        'Correct the highlighted values and try again.');
    }

    try {
      const value = channel === 'links.open'
        ? await openLink(deps, log, (parsed.data as { url: string }).url)
        : await deps.backend.call(channel, parsed.data);
      return { ok: true, value: deps.checkResponses ? checkResponse(channel, value) : value };
    } catch (error) {
      return { ok: false, error: asBridgeError(error, channel, log) };
    }
  }

  return { handle };
}

function checkResponse(channel: Channel, value: unknown): unknown {
  const parsed = CHANNELS[channel].response.safeParse(value);
  if (!parsed.success) {
    const detail = describeIssues(parsed.error.issues);
    throw new Error(`response of ${channel} breaks the contract: ${detail}`);
  }
  return parsed.data;
}

function asBridgeError(error: unknown, channel: Channel, log: Logger): BridgeError {
  if (error instanceof BridgeFailure) {
    if (error.bridge.kind !== 'expected') log.warn(`${channel} failed: ${error.bridge.message}`);
    return error.bridge;
  }
  log.error(`${channel} failed: ${error instanceof Error ? error.stack : String(error)}`);
  return {
    kind: 'internal',
    message: `Something went wrong: ${errorMessage(error)}`,
    hint: 'The log file in the data folder has the details.',
  };
}

/** Opens a link from chat text: scheme policy first, then the investigator's yes. */
async function openLink(deps: RouterDeps, log: Logger, raw: string): Promise<LinkResult> {
  const decision = externalLinkDecision(raw);
  if (!decision.open) {
    log.warn(`blocked a link (${describeUrl(raw)}): ${decision.reason}`);
    return { opened: false, reason: decision.reason };
  }

  if (!(await deps.confirmExternal(decision.url))) {
    return { opened: false, reason: 'You chose not to open the link.' };
  }
  await deps.openExternal(decision.url);
  log.info(`opened ${describeUrl(decision.url)} in the system browser`);
  return { opened: true, reason: null };
}
