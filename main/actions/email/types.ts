/** The vocabulary of e-mail actions: what is planned, how it is sent, what comes back. */
import type { ActionStatus } from '../../store/actions.ts';
import type { EmailActionKind } from '../types.ts';
import type { Mailbox } from './render.ts';
import type { SmtpSecurity } from './smtp-settings.ts';

export interface EmailActionInput {
  kind: EmailActionKind;
  /** The finding the notification is about. */
  findingId: string;
  /** email-list: the recipients (the settings' default list when absent). */
  to?: string[];
  /**
   * email-user: the user concerned when the finding's subject is not one (id or e-mail from
   * the store).
   */
  user?: string;
}

/** The message exactly as it will be handed to the SMTP server. */
export interface RenderedEmail {
  from: Mailbox;
  to: Mailbox[];
  subject: string;
  /** Link-free plain text. */
  text: string;
  /** Escaped HTML, no script, no links. */
  html: string;
  /** Derived from the idempotency key: the same notification always has the same id. */
  messageId: string;
}

export interface EmailPlan {
  kind: EmailActionKind;
  idempotencyKey: string;
  instance: { id: number; name: string; accountId: string; isDemo: boolean };
  target: { findingId: string; recipients: string[] };
  targetLabel: string;
  email: RenderedEmail;
  smtp: { host: string; port: number; security: SmtpSecurity; user: string | null };
  steps: string[];
  previous: { status: ActionStatus; updatedAt: number } | null;
  /** What planEmail takes back: the queue re-plans from it. */
  input: EmailActionInput;
}

/** The SMTP server's answer to one message. */
export interface MailReceipt {
  messageId: string;
  /** The server's final reply line, e.g. `250 2.0.0 Ok: queued as 4B1`. */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** Sends one message; the production one is nodemailer over the configured server. */
export interface Mailer {
  send(email: RenderedEmail): Promise<MailReceipt>;
}
