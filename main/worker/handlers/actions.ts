/**
 * Response actions from the app: a preview that names the exact target and Zoom call, then the
 * run, its outcome and the audit row it wrote. Execution requires the renderer's explicit
 * confirmation flag, which the schema already demanded.
 */
import type { FindingWithEvidence } from '../../../shared/findings.ts';
import type {
  ActionKindName,
  ActionOutcome,
  ActionPreview,
  ActionRequest,
  AuditEntry,
} from '../../../shared/ipc.ts';
import { executeEmail } from '../../actions/email/execute-email.ts';
import { planEmail } from '../../actions/email/plan-email.ts';
import { createSmtpMailer } from '../../actions/email/send.ts';
import type { EmailPlan } from '../../actions/email/types.ts';
import { openIncident } from '../../actions/incidents.ts';
import { availableActions, missingScopeError } from '../../actions/scopes.ts';
import { ACTION_KINDS, EMAIL_ACTION_KINDS } from '../../actions/types.ts';
import type { ActionKind, EmailActionKind } from '../../actions/types.ts';
import type { AppContext } from '../../app/context.ts';
import { ExpectedError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { ZoomClient } from '../../zoom/types.ts';
import { getFinding } from '../../store/findings.ts';
import { listAudit } from '../../actions/audit.ts';
import type { AuditRow } from '../../actions/audit.ts';
import { executeAction } from '../../actions/execute.ts';
import { planAction } from '../../actions/plan.ts';
import type { ActionPlan } from '../../actions/types.ts';
import { describeCall } from '../../actions/zoom-call.ts';
import { getInstanceById } from '../../store/instances.ts';
import { createZoomClient } from '../../zoom/client.ts';
import type { HandlerTable } from './types.ts';

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    osUser: row.os_user,
    action: row.action,
    target: row.target,
    outcome: row.outcome,
    reason: row.reason,
    request: row.request_json,
    response: row.response_json,
    hash: row.hash,
  };
}

/** The preview of a Zoom action's plan: the account, the target and the exact call. */
function previewOf(
  plan: ActionPlan,
  apiBaseUrl: string,
  target: string,
  refusal: string | null,
): ActionPreview {
  const base = new URL(apiBaseUrl);
  return {
    kind: plan.kind,
    target,
    instanceName: plan.instance.name,
    accountId: plan.instance.accountId,
    targetLabel: plan.targetLabel,
    zoomCall: `${plan.call.method} ${base.host}${base.pathname}${describeCall(plan.call)
      .slice(plan.call.method.length + 1)}`,
    steps: plan.steps,
    previous: plan.previous
      ? `An earlier run of this action is ${plan.previous.status} ` +
        `(${new Date(plan.previous.updatedAt).toISOString()}).`
      : null,
    email: null,
    refusal,
  };
}

function emailPreview(plan: EmailPlan, target: string): ActionPreview {
  const mailbox = (m: { name: string; address: string }) =>
    m.name ? `${m.name} <${m.address}>` : m.address;
  const security = plan.smtp.security;
  return {
    kind: plan.kind,
    target,
    instanceName: plan.instance.name,
    accountId: plan.instance.accountId,
    targetLabel: plan.targetLabel,
    zoomCall: 'none: an e-mail is sent through the SMTP server; Zoom is not called',
    steps: plan.steps,
    previous: plan.previous
      ? `An earlier run of this e-mail is ${plan.previous.status} ` +
        `(${new Date(plan.previous.updatedAt).toISOString()}).`
      : null,
    email: {
      from: mailbox(plan.email.from),
      to: plan.email.to.map(mailbox),
      subject: plan.email.subject,
      text: plan.email.text,
      server: `${plan.smtp.host}:${plan.smtp.port} (${security})`,
    },
    refusal: null,
  };
}

function isZoomKind(kind: ActionKindName): kind is ActionKind {
  return (ACTION_KINDS as readonly string[]).includes(kind);
}

function isEmailKind(kind: ActionKindName): kind is EmailActionKind {
  return (EMAIL_ACTION_KINDS as readonly string[]).includes(kind);
}

function planEmailFor(db: Db, request: ActionRequest & { kind: EmailActionKind }): EmailPlan {
  return planEmail(db, {
    kind: request.kind,
    findingId: request.target,
    to: request.to,
    user: request.user,
  });
}

/**
 * The refusal text when the account's app lacks a scope the action needs: the dialog shows it
 * instead of a confirm button, so only what availableActions allows is offered.
 */
async function scopeRefusal(kind: ActionKind, zoom: ZoomClient): Promise<string | null> {
  let check;
  try {
    check = (await availableActions(zoom))[kind];
  } catch {
    // Zoom unreachable while previewing: the run itself checks the scopes again (and queues).
    return null;
  }
  if (check.ok) return null;
  const error = missingScopeError(kind, check.missing);
  return `${error.message} ${error.hint}`;
}

function zoomFor(ctx: AppContext, plan: ActionPlan): { zoom: ZoomClient; apiBaseUrl: string } {
  const instance = getInstanceById(ctx.db, plan.instance.id);
  return { zoom: createZoomClient(instance, ctx.credentials), apiBaseUrl: instance.apiBaseUrl };
}

/** An incident is a local record: the preview says so, and names the anomaly it covers. */
function incidentPreview(db: Db, findingId: string): ActionPreview {
  const finding = requireFinding(db, findingId);
  return {
    kind: 'incident',
    target: findingId,
    instanceName: getInstanceById(db, finding.instanceId).name,
    accountId: null,
    targetLabel: `anomaly "${finding.title}" (${finding.severity}) about ${finding.subject ?? '—'}`,
    zoomCall: 'none: an incident is a local record; Zoom is not called',
    steps: [
      `Open an incident titled "${incidentTitle(finding)}" linking this anomaly and its ` +
        `${finding.evidenceEventIds.length} evidence events.`,
      'Record who and when in the audit log. Opening the same incident again changes nothing.',
    ],
    previous: null,
    email: null,
    refusal: null,
  };
}

function requireFinding(db: Db, id: string): FindingWithEvidence {
  const finding = getFinding(db, id);
  if (!finding) throw new ExpectedError(`No anomaly with id ${id}.`, 'Run detection again.');
  return finding;
}

function incidentTitle(finding: FindingWithEvidence): string {
  return `${finding.title}: ${finding.subject ?? finding.id}`.slice(0, 200);
}

function openIncidentFor(db: Db, findingId: string, now: number): ActionOutcome {
  const finding = requireFinding(db, findingId);
  const { incident, created } = openIncident(db, {
    title: incidentTitle(finding),
    severity: finding.severity,
    instanceId: finding.instanceId,
    findingIds: [finding.id],
    eventIds: finding.evidenceEventIds,
  }, now);

  const row = listAudit(db, { action: 'incident.open', limit: 1 })[0];
  return {
    ok: true,
    outcome: created ? 'created' : 'existing',
    message: `${created ? 'Opened' : 'Already open:'} incident #${incident.id} ` +
      `"${incident.title}".`,
    zoomStatus: null,
    audit: row ? toAuditEntry(row) : null,
  };
}

export const actionHandlers: HandlerTable = {
  'actions.preview': async ({ ctx }, request) => {
    const { kind } = request;
    if (kind === 'incident') return incidentPreview(ctx.db, request.target);
    if (isEmailKind(kind)) {
      return emailPreview(planEmailFor(ctx.db, { ...request, kind }), request.target);
    }
    if (!isZoomKind(kind)) throw new ExpectedError(`Unknown action ${String(kind)}.`, '');

    const plan = planAction(ctx.db, { kind, target: request.target });
    const { zoom, apiBaseUrl } = zoomFor(ctx, plan);
    return previewOf(plan, apiBaseUrl, request.target, await scopeRefusal(kind, zoom));
  },

  'actions.execute': async ({ ctx }, request) => {
    const { kind } = request;
    if (kind === 'incident') return openIncidentFor(ctx.db, request.target, ctx.now());
    if (isEmailKind(kind)) {
      const plan = planEmailFor(ctx.db, { ...request, kind });
      // The SMTP password comes from the keychain through the worker's remote credential store.
      const result = await executeEmail(
        { db: ctx.db, mailer: () => createSmtpMailer(ctx.db, ctx.credentials), now: ctx.now },
        plan,
        { confirmed: request.confirmed, dryRun: false, reason: request.reason },
      );
      const row = listAudit(ctx.db, { idempotencyKey: plan.idempotencyKey, limit: 1 })[0];
      return {
        ok: result.ok,
        outcome: result.outcome,
        message: result.smtpResponse
          ? `${result.message} (the SMTP server answered: ${result.smtpResponse})`
          : result.message,
        zoomStatus: null,
        audit: row ? toAuditEntry(row) : null,
      };
    }
    if (!isZoomKind(kind)) throw new ExpectedError(`Unknown action ${String(kind)}.`, '');

    const plan = planAction(ctx.db, { kind, target: request.target });
    const { zoom } = zoomFor(ctx, plan);
    const result = await executeAction({ db: ctx.db, zoom, now: ctx.now }, plan, {
      confirmed: request.confirmed,
      dryRun: false,
      reason: request.reason,
    });
    const row = listAudit(ctx.db, { idempotencyKey: plan.idempotencyKey, limit: 1 })[0];
    return {
      ok: result.ok,
      outcome: result.outcome,
      message: result.message,
      zoomStatus: result.zoomStatus,
      audit: row ? toAuditEntry(row) : null,
    };
  },

  'audit.list': ({ ctx }, request) =>
    listAudit(ctx.db, { limit: request.limit }).reverse().map(toAuditEntry),
};
