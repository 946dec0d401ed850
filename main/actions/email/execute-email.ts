/**
 * Sending a planned e-mail exactly once. The row moves planned → running → done | failed, or to
 * outcome_unknown when the server's answer was lost (or the process died while sending). An
 * unknown outcome is never re-sent on its own: only an investigator's explicit `resendUnknown`
 * sends it again, with the same Message-ID.
 */
import { ExpectedError, EXIT } from '../../errors.ts';
import {
  claimAction,
  ensureActionRecord,
  setActionSnapshot,
  setActionStatus,
} from '../../store/actions.ts';
import type { ActionRecord, ActionStatus } from '../../store/actions.ts';
import type { Db } from '../../store/db.ts';
import { getFinding } from '../../store/findings.ts';
import { insertRawRecord } from '../../store/raw.ts';
import { appendAudit } from '../audit.ts';
import type { ActionOutcome, QueuedInput } from '../types.ts';
import { classifySendError } from './send.ts';
import type { SendFailure } from './send.ts';
import type { EmailPlan, Mailer, MailReceipt } from './types.ts';
import { auditBase, clock } from '../audit-fields.ts';

export const EMAIL_SNAPSHOT_SOURCE = 'action.snapshot.email';

export interface EmailContext {
  db: Db;
  /** Opened only when something is really sent (not for dry runs or repeats). */
  mailer: () => Promise<Mailer>;
  now?: () => number;
}

export interface EmailExecuteOptions {
  confirmed: boolean;
  dryRun: boolean;
  reason?: string;
  /** Send an outcome_unknown e-mail again: an investigator's explicit choice, never automatic. */
  resendUnknown?: boolean;
}

export interface EmailResult {
  outcome: ActionOutcome;
  ok: boolean;
  message: string;
  actionId: number | null;
  auditSeq: number;
  /** The SMTP server's final reply, when there was one. */
  smtpResponse: string | null;
  messageId: string;
  plan: EmailPlan;
}

export async function executeEmail(
  ctx: EmailContext,
  plan: EmailPlan,
  options: EmailExecuteOptions,
): Promise<EmailResult> {
  if (options.dryRun) return recordDryRun(ctx, plan, options);
  if (!options.confirmed) throw refuse(ctx, plan, options);

  const record = ensureActionRecord(ctx.db, newRecord(plan, options), clock(ctx));
  if (record.status === 'done') return repeat(ctx, plan, record, options);
  if (isUnsettled(record.status) && !options.resendUnknown) {
    return markUnknown(ctx, plan, record, options);
  }
  return send(ctx, plan, record, options);
}

/** A row left running, or known to be unknown: the message may be in a mailbox already. */
function isUnsettled(status: ActionStatus): boolean {
  return status === 'running' || status === 'outcome_unknown';
}

async function send(
  ctx: EmailContext,
  plan: EmailPlan,
  record: ActionRecord,
  options: EmailExecuteOptions,
): Promise<EmailResult> {
  // Built before the row is claimed: a missing password must not leave it 'running'.
  const mailer = await ctx.mailer();
  if (!claimAction(ctx.db, record.id, record.status, options.reason ?? null, clock(ctx))) {
    throw new ExpectedError(
      `The e-mail ${plan.email.messageId} is being sent right now by another command.`,
      'Wait for it to finish, then check it with `queue list` or `audit list`.',
    );
  }
  keepSnapshot(ctx, plan, record);
  appendAudit(ctx.db, { ...auditBase(ctx, plan, options), outcome: 'started',
    request: auditRequest(plan) });

  try {
    const receipt = await mailer.send(plan.email);
    return finish(ctx, plan, record, options, sentEnding(plan, receipt));
  } catch (error) {
    return finish(ctx, plan, record, options, failureEnding(plan, classifySendError(error)));
  }
}

interface Ending {
  status: ActionStatus;
  outcome: ActionOutcome;
  message: string;
  response: Record<string, unknown>;
  smtpResponse: string | null;
}

function sentEnding(plan: EmailPlan, receipt: MailReceipt): Ending {
  const partial = receipt.rejected.length > 0
    ? ` The server refused ${receipt.rejected.join(', ')}.`
    : '';
  return {
    status: 'done',
    outcome: receipt.accepted.length > 0 ? 'done' : 'failed',
    message: `Sent ${plan.email.messageId} to ${receipt.accepted.join(', ')}; the SMTP server ` +
      `answered "${receipt.response}".${partial}`,
    response: { ...receipt },
    smtpResponse: receipt.response,
  };
}

function failureEnding(plan: EmailPlan, failure: SendFailure): Ending {
  if (failure.kind === 'refused') {
    return {
      status: 'failed',
      outcome: 'failed',
      message: `The SMTP server refused the e-mail: ${failure.response ?? failure.message}. ` +
        'Nothing was delivered. Check the SMTP settings (`settings smtp show`), the sender ' +
        'and the recipients, then run the action again.',
      response: { ...failure },
      smtpResponse: failure.response,
    };
  }
  if (failure.kind === 'tls') {
    return {
      status: 'failed',
      outcome: 'failed',
      message: `No secure connection to the SMTP server: ${failure.message}. Nothing was sent. ` +
        'Check --security and the port (tls: 465, starttls: 587) and that the server\'s ' +
        'certificate is valid for its host, then run the action again.',
      response: { ...failure },
      smtpResponse: null,
    };
  }
  if (failure.kind === 'unreachable') {
    return {
      status: 'queued',
      outcome: 'queued',
      message: `The SMTP server could not be reached (${failure.message}); nothing was sent. ` +
        'The e-mail waits in the queue: `queue run` sends it, `queue cancel` drops it.',
      response: { ...failure },
      smtpResponse: null,
    };
  }
  return unknownEnding(plan, failure.message);
}

function unknownEnding(plan: EmailPlan, why: string): Ending {
  return {
    status: 'outcome_unknown',
    outcome: 'outcome_unknown',
    message: `Outcome unknown: ${why}. The e-mail ${plan.email.messageId} may have been ` +
      'delivered, so it is not sent again automatically. Ask a recipient or the mail server ' +
      'for that Message-ID; to send it anyway, run the action again with --resend-unknown.',
    response: { error: why },
    smtpResponse: null,
  };
}

function markUnknown(
  ctx: EmailContext,
  plan: EmailPlan,
  record: ActionRecord,
  options: EmailExecuteOptions,
): EmailResult {
  const why = record.status === 'running'
    ? 'an earlier run stopped while sending, before the server\'s answer was recorded'
    : 'the earlier run never got the server\'s answer';
  return finish(ctx, plan, record, options, unknownEnding(plan, why));
}

function finish(
  ctx: EmailContext,
  plan: EmailPlan,
  record: ActionRecord,
  options: EmailExecuteOptions,
  ending: Ending,
): EmailResult {
  const now = clock(ctx);
  const queue = ending.status === 'queued' ? queuedInput(plan, ending.message, now) : undefined;
  setActionStatus(ctx.db, record.id, ending.status, now, {
    result: { outcome: ending.outcome, message: ending.message, messageId: plan.email.messageId,
      smtpResponse: ending.smtpResponse, at: new Date(now).toISOString(),
      ...(queue ? { queue } : {}) },
  });
  const audit = appendAudit(ctx.db, {
    ...auditBase(ctx, plan, options),
    outcome: ending.outcome,
    request: auditRequest(plan),
    response: ending.response,
    at: now,
  });
  return {
    outcome: ending.outcome, ok: ending.outcome === 'done', message: ending.message,
    actionId: record.id, auditSeq: audit.seq, smtpResponse: ending.smtpResponse,
    messageId: plan.email.messageId, plan,
  };
}

function repeat(
  ctx: EmailContext,
  plan: EmailPlan,
  record: ActionRecord,
  options: EmailExecuteOptions,
): EmailResult {
  const message = `Already sent on ${new Date(record.updatedAt).toISOString()} ` +
    `(${plan.email.messageId}). Nothing was sent again.`;
  const audit = appendAudit(ctx.db, { ...auditBase(ctx, plan, options), outcome: 'already_done',
    request: { note: 'no e-mail sent' } });
  return { outcome: 'already_done', ok: true, message, actionId: record.id, auditSeq: audit.seq,
    smtpResponse: null, messageId: plan.email.messageId, plan };
}

function recordDryRun(
  ctx: EmailContext,
  plan: EmailPlan,
  options: EmailExecuteOptions,
): EmailResult {
  const audit = appendAudit(ctx.db, { ...auditBase(ctx, plan, options), outcome: 'dry_run',
    request: auditRequest(plan) });
  return { outcome: 'dry_run', ok: true, message: 'Dry run: no e-mail was sent.',
    actionId: null, auditSeq: audit.seq, smtpResponse: null, messageId: plan.email.messageId,
    plan };
}

function refuse(ctx: EmailContext, plan: EmailPlan, options: EmailExecuteOptions): ExpectedError {
  appendAudit(ctx.db, { ...auditBase(ctx, plan, options), outcome: 'refused',
    request: { ...auditRequest(plan), note: 'not confirmed; nothing sent' } });
  return new ExpectedError(
    `Refused: the ${plan.targetLabel} was not confirmed. Nothing was sent.`,
    'Read the plan (--dry-run), then run it again with --yes to confirm.',
    EXIT.usage,
  );
}

/** The finding as it stood and the message as sent: what the investigator acted on. */
function keepSnapshot(ctx: EmailContext, plan: EmailPlan, record: ActionRecord): void {
  const finding = getFinding(ctx.db, plan.target.findingId);
  const json = JSON.stringify({ finding, email: plan.email });
  const raw = insertRawRecord(ctx.db, json, EMAIL_SNAPSHOT_SOURCE, null, clock(ctx));
  setActionSnapshot(ctx.db, record.id, raw.id, clock(ctx));
}

function queuedInput(plan: EmailPlan, why: string, now: number): QueuedInput {
  return { kind: plan.kind, input: { ...plan.input }, confirmedTarget: { ...plan.target },
    targetLabel: plan.targetLabel, queuedAt: now, why };
}

/** What the audit keeps of an e-mail: envelope, subject and Message-ID; never a password. */
function auditRequest(plan: EmailPlan): Record<string, unknown> {
  return {
    smtp: plan.smtp,
    from: plan.email.from,
    to: plan.email.to,
    subject: plan.email.subject,
    messageId: plan.email.messageId,
  };
}

function newRecord(plan: EmailPlan, options: EmailExecuteOptions) {
  return {
    idempotencyKey: plan.idempotencyKey,
    instanceId: plan.instance.id,
    kind: plan.kind,
    target: { ...plan.target, messageId: plan.email.messageId },
    reason: options.reason ?? null,
  };
}
