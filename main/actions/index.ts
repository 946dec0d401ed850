/** Response actions, incidents and the audit chain: the surface the CLI and the app use. */
export { appendAudit, auditHead, listAudit, verifyAuditChain } from './audit.ts';
export type { AuditEntry, AuditRow, AuditVerification } from './audit.ts';
export { executeAction, listInterruptedActions } from './execute.ts';
export { actionKey, planAction } from './plan.ts';
export { ACTION_SCOPES, availableActions, checkScopes } from './scopes.ts';
export type { ScopeCheck } from './scopes.ts';
export { cancelQueued, listQueue, runQueue } from './queue.ts';
export type { DrainedItem, QueueContext, QueueFilter, QueueItem } from './queue.ts';
export { executeEmail } from './email/execute-email.ts';
export type { EmailContext, EmailExecuteOptions, EmailResult } from './email/execute-email.ts';
export { planEmail } from './email/plan-email.ts';
export { createSmtpMailer } from './email/send.ts';
export {
  DEFAULT_USER_TEMPLATE,
  readUserTemplate,
  saveUserTemplate,
  TEMPLATE_PLACEHOLDERS,
} from './email/compose.ts';
export type { EmailTemplate } from './email/compose.ts';
export {
  readSmtpSettings,
  saveSmtpSettings,
  SMTP_SECURITIES,
} from './email/smtp-settings.ts';
export type { SmtpSecurity, SmtpSettings } from './email/smtp-settings.ts';
export type {
  EmailActionInput,
  EmailPlan,
  Mailer,
  MailReceipt,
  RenderedEmail,
} from './email/types.ts';
export { getIncident, listIncidents, openIncident, updateIncident } from './incidents.ts';
export type { Incident, IncidentPatch, OpenIncidentInput } from './incidents.ts';
export { ACTION_KINDS, DELETED_BY_RESPONSE_ACTION, EMAIL_ACTION_KINDS } from './types.ts';
export type {
  ActionContext,
  ActionInput,
  ActionKind,
  ActionOutcome,
  ActionPlan,
  ActionResult,
  EmailActionKind,
  ExecuteOptions,
  MemberTarget,
  MessageTarget,
  QueuedInput,
  UserTarget,
  ZoomCall,
  ZoomTarget,
} from './types.ts';
