/**
 * The credential store interface. Callers name a secret by the instance's keychain key and a
 * slot; where the bytes live (OS keychain through keytar today) is this folder's business.
 */
import { ExpectedError } from '../errors.ts';

/** The kinds of secret the product keeps. */
export type SecretSlot =
  | 'client_secret'
  | 'access_token'
  | 'refresh_token'
  | 'smtp_password'
  | 'signing_key';

export interface CredentialStore {
  get(key: string, slot: SecretSlot): Promise<string | null>;
  set(key: string, slot: SecretSlot, value: string): Promise<void>;
  delete(key: string, slot: SecretSlot): Promise<void>;
  /** Deletes every slot of one instance (used by `instance remove --purge`). */
  deleteAll(key: string): Promise<void>;
}

export const ALL_SLOTS: readonly SecretSlot[] = [
  'client_secret',
  'access_token',
  'refresh_token',
  'smtp_password',
  'signing_key',
];

/** Raised when no keychain can be reached. The product never falls back to plain text. */
export class KeychainUnavailableError extends ExpectedError {
  constructor(cause: string) {
    super(
      'No Secret Service (libsecret/gnome-keyring/KWallet) is reachable over D-Bus, so secrets ' +
        `cannot be stored safely (${cause}).`,
      'Start a keyring (for a headless machine: `dbus-run-session` with ' +
        '`gnome-keyring-daemon --unlock`), or use `npm run demo`, which starts a throwaway one.',
    );
    this.name = 'KeychainUnavailableError';
  }
}
