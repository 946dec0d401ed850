/**
 * The two notifications as they will be sent: the finding and its evidence for a list, and the
 * investigator's template for the user concerned. Values are escaped per part, never trusted.
 */
import type { Finding } from '../../../shared/findings.ts';
import type { EventWithSeq } from '../../store/events.ts';
import type { Db } from '../../store/db.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { defang, escapeHtml, fillTemplate, headerSafe, textToHtml } from './render.ts';
import { EMAIL_SCOPE } from './smtp-settings.ts';

/** At most this many evidence events are listed; the bundle has all of them. */
const EVIDENCE_LINES = 20;
const TEXT_CHARS = 160;

export interface EmailTemplate {
  subject: string;
  body: string;
}

export const TEMPLATE_PLACEHOLDERS = [
  'name', 'email', 'finding_title', 'finding_summary', 'severity', 'investigator', 'account',
  'date',
] as const;

export const DEFAULT_USER_TEMPLATE: EmailTemplate = {
  subject: 'Security notice about your Zoom account',
  body: [
    'Hello {{name}},',
    '',
    'Our security team reviewed recent activity on your Zoom account ({{email}}) and found:',
    '',
    '{{finding_title}}',
    '{{finding_summary}}',
    '',
    'If this was you, there is nothing to do. If it was not, reply to this message or call ' +
      'the security team; do not follow links in other messages about this.',
    '',
    '{{investigator}}',
  ].join('\n'),
};

export function readUserTemplate(db: Db): EmailTemplate {
  const stored = getSetting(db, EMAIL_SCOPE, 'user_template') as Partial<EmailTemplate> | null;
  return {
    subject: stored?.subject ?? DEFAULT_USER_TEMPLATE.subject,
    body: stored?.body ?? DEFAULT_USER_TEMPLATE.body,
  };
}

export function saveUserTemplate(db: Db, template: EmailTemplate): void {
  setSetting(db, EMAIL_SCOPE, 'user_template', template);
}

export interface ComposedParts {
  subject: string;
  text: string;
  html: string;
}

/** The list notification: the finding, its explanation and an evidence summary. */
export function composeFindingEmail(
  finding: Finding,
  evidence: readonly EventWithSeq[],
  accountLabel: string,
): ComposedParts {
  const subject = headerSafe(`[Zoom Investigator] ${finding.severity}: ${finding.title}`);
  const lines = findingLines(finding, evidence, accountLabel);
  const text = lines.map(defang).join('\n');
  const html = textToHtml(lines.map((l) => escapeHtml(defang(l))).join('\n'), subject);
  return { subject, text, html };
}

/** The user notification from the investigator's template; values escaped per part. */
export function composeUserEmail(
  template: EmailTemplate,
  values: Record<string, string>,
): ComposedParts {
  const subject = headerSafe(fillTemplate(template.subject, values, (v) => headerSafe(v)));
  const text = fillTemplate(template.body, values, defang);
  const escapedBody = fillTemplate(escapeHtml(template.body), values,
    (v) => escapeHtml(defang(v)));
  return { subject, text, html: textToHtml(escapedBody, subject) };
}

/** One sentence plus the first evidence lines: what the user template calls the summary. */
export function findingSummary(finding: Finding, evidence: readonly EventWithSeq[]): string {
  return [finding.explanation, ...evidence.slice(0, 5).map(evidenceLine)].join('\n');
}

function findingLines(
  finding: Finding,
  evidence: readonly EventWithSeq[],
  accountLabel: string,
): string[] {
  const shown = evidence.slice(0, EVIDENCE_LINES);
  return [
    `Finding: ${finding.title}`,
    `Severity: ${finding.severity}`,
    `Account: ${accountLabel}`,
    `About: ${finding.subject ?? '-'}`,
    `Between ${utc(finding.firstEventAt)} and ${utc(finding.lastEventAt)}`,
    '',
    finding.explanation,
    '',
    `Evidence (${shown.length} of ${evidence.length} events):`,
    ...shown.map((e) => `- ${evidenceLine(e)}`),
    '',
    `Finding id: ${finding.id}`,
    'Links in quoted text are defanged ([.] and [:]) on purpose. The evidence bundle holds ' +
      'every raw record.',
  ];
}

function evidenceLine(event: EventWithSeq): string {
  const who = event.actorEmail ?? event.actorId ?? '?';
  const where = event.channelName ?? event.channelId ?? event.targetEmail ?? '';
  const text = event.text === null ? '' : ` "${clip(oneLine(event.text))}"`;
  const ip = event.ip ? ` from ${event.ip}` : '';
  return `${utc(event.occurredAt)} ${event.kind} by ${who}${where ? ` in ${where}` : ''}` +
    `${ip}${text}`;
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

function clip(text: string): string {
  return text.length > TEXT_CHARS ? `${text.slice(0, TEXT_CHARS)}…` : text;
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
}
