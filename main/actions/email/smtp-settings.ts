/**
 * Where e-mail goes: the SMTP server's host, port, security and user in the settings table;
 * the password only in the keychain (key `smtp`, slot `smtp_password`), never in a file.
 */
import type { CredentialStore } from '../../credentials/store.ts';
import { ExpectedError, UsageError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { checkAddress } from './render.ts';

export const SMTP_SECURITIES = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITIES)[number];

export interface SmtpSettings {
  host: string;
  port: number;
  /** starttls: upgrade required (587); tls: TLS from the first byte (465); none: loopback only. */
  security: SmtpSecurity;
  user: string | null;
  /** The sender address of every notification. */
  from: string;
  fromName: string;
}

export const EMAIL_SCOPE = 'email';
export const SMTP_KEYCHAIN_KEY = 'smtp';

export function readSmtpSettings(db: Db): SmtpSettings | null {
  return (getSetting(db, EMAIL_SCOPE, 'smtp') as SmtpSettings | null) ?? null;
}

export function requireSmtpSettings(db: Db): SmtpSettings {
  const settings = readSmtpSettings(db);
  if (!settings) {
    throw new ExpectedError(
      'No SMTP server is set up, so no e-mail can be sent.',
      'Run `settings smtp set --host HOST --port PORT --security starttls --user USER ' +
        '--from ADDRESS` (the password is asked for, never given as a flag).',
    );
  }
  return settings;
}

/** Checks and stores the settings, and the password in the keychain when one is given. */
export async function saveSmtpSettings(
  db: Db,
  credentials: CredentialStore,
  settings: SmtpSettings,
  password: string | null,
): Promise<void> {
  validate(settings);
  if (password !== null) await credentials.set(SMTP_KEYCHAIN_KEY, 'smtp_password', password);
  if (settings.user === null) await credentials.delete(SMTP_KEYCHAIN_KEY, 'smtp_password');
  setSetting(db, EMAIL_SCOPE, 'smtp', settings);
}

export async function smtpPassword(credentials: CredentialStore): Promise<string | null> {
  return credentials.get(SMTP_KEYCHAIN_KEY, 'smtp_password');
}

function validate(settings: SmtpSettings): void {
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/.test(settings.host)) {
    throw new UsageError(
      `"${settings.host}" is not a host name.`,
      'Give a host such as smtp.example.com.',
    );
  }
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
    throw new UsageError(`Port ${settings.port} is not a TCP port.`, 'Use 587, 465 or 25.');
  }
  if (!(SMTP_SECURITIES as readonly string[]).includes(settings.security)) {
    throw new UsageError(`Unknown security "${settings.security}".`, 'Use starttls, tls or none.');
  }
  // A password in clear text over the network is not something to offer.
  if (settings.security === 'none' && !isLoopback(settings.host)) {
    throw new UsageError(
      'Security "none" is allowed only for a server on this machine (127.0.0.1, localhost).',
      'Use --security starttls (port 587) or tls (port 465).',
    );
  }
  checkAddress(settings.from, 'sender address');
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
