/** The production Mailer: nodemailer over the configured SMTP server, password from keychain. */
import nodemailer from 'nodemailer';

import type { CredentialStore } from '../../credentials/store.ts';
import { ExpectedError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { requireSmtpSettings, smtpPassword } from './smtp-settings.ts';
import type { SmtpSettings } from './smtp-settings.ts';
import type { Mailer, MailReceipt, RenderedEmail } from './types.ts';

export async function createSmtpMailer(db: Db, credentials: CredentialStore): Promise<Mailer> {
  const settings = requireSmtpSettings(db);
  const password = settings.user ? await smtpPassword(credentials) : null;
  if (settings.user && password === null) throw noPassword(settings);
  return smtpMailer(settings, password);
}

export function smtpMailer(settings: SmtpSettings, password: string | null): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.user ? { auth: { user: settings.user, pass: password ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Message content never names a file or URL for nodemailer to fetch.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(email: RenderedEmail): Promise<MailReceipt> {
      try {
        const info = await transport.sendMail({
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
        });
        return {
          messageId: info.messageId,
          response: info.response,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
        };
      } finally {
        transport.close();
      }
    },
  };
}

/** How far a failed send got: nothing sent, refused for good, or unknown. */
export type SendFailure =
  | { kind: 'unreachable'; message: string }
  | { kind: 'refused'; message: string; responseCode: number | null; response: string | null }
  /** The encrypted channel could not be set up: nothing was sent. */
  | { kind: 'tls'; message: string }
  | { kind: 'unknown'; message: string };

/** Socket errors that mean no connection was ever made: nothing can have been handed over. */
const NEVER_CONNECTED = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|Greeting never/;

/** Handshake and certificate failures: they happen before any command is sent. */
const TLS_FAILURE = /SSL routines|wrong version number|certificate|self[- ]signed|unable to verify/i;

/**
 * Only these endings are certain: the server refused (an SMTP reply code, or a failed login), or
 * no connection was ever made. Anything else (a connection lost mid-message, a timeout waiting
 * for the final reply) may have delivered the message, so it is unknown.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = error as { code?: string; responseCode?: number; response?: string;
    message?: string; errno?: string };
  const message = e.message ?? String(error);

  if (e.code === 'ETLS' || TLS_FAILURE.test(message)) return { kind: 'tls', message };
  if (e.code === 'EAUTH' || (typeof e.responseCode === 'number' && e.responseCode >= 400)) {
    return { kind: 'refused', message, responseCode: e.responseCode ?? null,
      response: e.response ?? null };
  }
  if (NEVER_CONNECTED.test(`${message} ${e.errno ?? ''}`)) return { kind: 'unreachable', message };
  return { kind: 'unknown', message };
}

function noPassword(settings: SmtpSettings): ExpectedError {
  return new ExpectedError(
    `The SMTP user ${settings.user} has no password in the keychain.`,
    'Run `settings smtp set …` again and type the password at the prompt (or pipe it in).',
  );
}
