/** Planning an e-mail action: recipients, the rendered message and the steps, sending nothing. */
import { ExpectedError, UsageError } from '../../errors.ts';
import { getActionByKey } from '../../store/actions.ts';
import type { Db } from '../../store/db.ts';
import { getEventsByIds } from '../../store/events.ts';
import { getFinding } from '../../store/findings.ts';
import { getInstanceById } from '../../store/instances.ts';
import { getSetting } from '../../store/settings.ts';
import { investigatorName, osUserName } from '../audit.ts';
import { actionKey } from '../plan.ts';
import { findUserTarget } from '../user-actions.ts';
import type { FindingWithEvidence } from '../../../shared/findings.ts';
import {
  composeFindingEmail,
  composeUserEmail,
  findingSummary,
  readUserTemplate,
} from './compose.ts';
import type { ComposedParts } from './compose.ts';
import { mailbox } from './render.ts';
import type { Mailbox } from './render.ts';
import { EMAIL_SCOPE, requireSmtpSettings } from './smtp-settings.ts';
import type { SmtpSettings } from './smtp-settings.ts';
import type { EmailActionInput, EmailPlan } from './types.ts';

export function planEmail(db: Db, input: EmailActionInput): EmailPlan {
  const smtp = requireSmtpSettings(db);
  const finding = requireFinding(db, input.findingId);
  const instance = getInstanceById(db, finding.instanceId);
  const accountLabel = `${instance.name} (${instance.accountId})`;
  const evidence = getEventsByIds(db, finding.evidenceEventIds)
    .sort((a, b) => a.occurredAt - b.occurredAt || a.seq - b.seq);

  const to = input.kind === 'email-list'
    ? listRecipients(db, input)
    : [userRecipient(db, finding, input)];
  const parts = input.kind === 'email-list'
    ? composeFindingEmail(finding, evidence, accountLabel)
    : composeUserEmail(readUserTemplate(db), userValues(db, finding, evidence, to[0]!,
      accountLabel));

  const recipients = to.map((m) => m.address.toLowerCase()).sort();
  const idempotencyKey = actionKey(input.kind, instance.id,
    `${finding.id}\u0000${recipients.join(',')}`);
  const previous = getActionByKey(db, idempotencyKey);
  const email = { from: mailbox(smtp.fromName, smtp.from, 'sender'), to, ...parts,
    messageId: messageIdFor(idempotencyKey, smtp.from) };

  return {
    kind: input.kind,
    idempotencyKey,
    instance: { id: instance.id, name: instance.name, accountId: instance.accountId,
      isDemo: instance.isDemo },
    target: { findingId: finding.id, recipients },
    targetLabel: `${input.kind === 'email-list' ? 'notification' : 'user notification'} about ` +
      `finding "${finding.title}" to ${recipients.join(', ')}`,
    email,
    smtp: { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user },
    steps: emailSteps(smtp, to, parts, email.messageId),
    previous: previous ? { status: previous.status, updatedAt: previous.updatedAt } : null,
    input,
  };
}

/** `<zi-KEY@sender-domain>`: stable across runs, so a resent copy is recognisably the same. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  return `<zi-${idempotencyKey.slice(0, 40)}@${from.slice(from.lastIndexOf('@') + 1)}>`;
}

function emailSteps(
  smtp: SmtpSettings,
  to: Mailbox[],
  parts: ComposedParts,
  messageId: string,
): string[] {
  const security = smtp.security === 'none' ? 'no encryption (this machine only)' : smtp.security;
  return [
    `Send one e-mail through ${smtp.host}:${smtp.port} (${security}` +
      `${smtp.user ? `, as ${smtp.user}` : ''}) from ${smtp.from}.`,
    `To: ${to.map((m) => (m.name ? `${m.name} <${m.address}>` : m.address)).join(', ')}`,
    `Subject: ${parts.subject}`,
    `Message-ID: ${messageId} (the same on every attempt)`,
    'Plain-text part (an HTML part with the same content, escaped, goes with it):',
    ...parts.text.split('\n').map((line) => `  | ${line}`),
    "Record who, when, the recipients and the SMTP server's answer in the audit log. If the " +
      'answer is lost, the e-mail is marked outcome unknown and never re-sent automatically.',
  ];
}

function listRecipients(db: Db, input: EmailActionInput): Mailbox[] {
  const stored = getSetting(db, EMAIL_SCOPE, 'list');
  const list = input.to && input.to.length > 0
    ? input.to
    : Array.isArray(stored) ? (stored as string[]) : [];
  if (list.length === 0) {
    throw new UsageError(
      'The notification has no recipients.',
      'Give them with --to a@example.com,b@example.com.',
    );
  }
  const unique = [...new Set(list.map((a) => a.trim()).filter(Boolean))];
  return unique.map((address) => mailbox(null, address, 'recipient'));
}

/** The user concerned: the finding's subject, or the user named with --user. */
function userRecipient(db: Db, finding: FindingWithEvidence, input: EmailActionInput): Mailbox {
  const named = input.user ?? finding.subject;
  if (!named) {
    throw new ExpectedError(
      `Finding ${finding.id} is not about one user, so there is nobody to notify.`,
      'Name the user with --user EMAIL_OR_ID.',
    );
  }
  const { user } = findUserTarget(db, named, finding.instanceId);
  if (!user.email) {
    throw new ExpectedError(
      `The stored user ${user.userId} has no e-mail address.`,
      'Sync the users stream, then plan the notification again.',
    );
  }
  return mailbox(user.displayName, user.email, 'user address');
}

function userValues(
  db: Db,
  finding: FindingWithEvidence,
  evidence: Parameters<typeof findingSummary>[1],
  to: Mailbox,
  accountLabel: string,
): Record<string, string> {
  return {
    name: to.name || to.address,
    email: to.address,
    finding_title: finding.title,
    finding_summary: findingSummary(finding, evidence),
    severity: finding.severity,
    investigator: investigatorName(db) ?? osUserName(),
    account: accountLabel,
    date: new Date(finding.lastEventAt).toISOString().slice(0, 10),
  };
}

function requireFinding(db: Db, id: string): FindingWithEvidence {
  const finding = getFinding(db, id);
  if (!finding) {
    throw new ExpectedError(
      `No finding with id "${id}" is in the store.`,
      'Run `detect` and copy the id from its list.',
    );
  }
  return finding;
}
