/**
 * CredentialStore on the OS keychain through keytar.
 *
 * Windows caps one credential at 2,560 bytes (1,280 UTF-16 characters), so longer values are
 * split into numbered chunks and the head entry, written last, records how many there are.
 * A reader that finds a head without all its chunks reports damage instead of a short secret.
 */
import { createRequire } from 'node:module';

import type * as KeytarModule from 'keytar';

import { ExpectedError, errorMessage } from '../errors.ts';
import { registerSecret } from '../log/redact.ts';
import { ALL_SLOTS, KeychainUnavailableError } from './store.ts';
import type { CredentialStore, SecretSlot } from './store.ts';

type Keytar = typeof KeytarModule;

export const KEYCHAIN_SERVICE = 'zoom-investigator';

/** Characters per keychain entry: below Windows' 1,280-character limit. */
export const CHUNK_CHARS = 1200;

const CHUNKED_PREFIX = 'chunked:';

export class KeytarCredentialStore implements CredentialStore {
  private readonly keytar: Keytar;

  constructor(
    private readonly service = KEYCHAIN_SERVICE,
    keytarModule?: Keytar,
  ) {
    this.keytar = keytarModule ?? loadKeytar();
  }

  async get(key: string, slot: SecretSlot): Promise<string | null> {
    const account = accountName(key, slot);
    const head = await this.call(() => this.keytar.getPassword(this.service, account));
    if (head === null) return null;

    const value = head.startsWith(CHUNKED_PREFIX) ? await this.readChunks(account, head) : head;
    registerSecret(value);
    return value;
  }

  async set(key: string, slot: SecretSlot, value: string): Promise<void> {
    registerSecret(value);
    const account = accountName(key, slot);

    if (value.length <= CHUNK_CHARS && !value.startsWith(CHUNKED_PREFIX)) {
      await this.call(() => this.keytar.setPassword(this.service, account, value));
      return;
    }

    // Chunks first, head last: a crash in between leaves the old head (and old value) intact.
    const chunks = splitIntoChunks(value);
    for (const [index, chunk] of chunks.entries()) {
      await this.call(() => this.keytar.setPassword(this.service, `${account}#${index}`, chunk));
    }
    await this.call(() =>
      this.keytar.setPassword(this.service, account, `${CHUNKED_PREFIX}${chunks.length}`),
    );
  }

  async delete(key: string, slot: SecretSlot): Promise<void> {
    const account = accountName(key, slot);
    const head = await this.call(() => this.keytar.getPassword(this.service, account));

    if (head?.startsWith(CHUNKED_PREFIX)) {
      const count = Number(head.slice(CHUNKED_PREFIX.length));
      for (let index = 0; index < count; index++) {
        await this.call(() => this.keytar.deletePassword(this.service, `${account}#${index}`));
      }
    }
    await this.call(() => this.keytar.deletePassword(this.service, account));
  }

  async deleteAll(key: string): Promise<void> {
    for (const slot of ALL_SLOTS) await this.delete(key, slot);
  }

  private async readChunks(account: string, head: string): Promise<string> {
    const count = Number(head.slice(CHUNKED_PREFIX.length));
    const parts: string[] = [];

    for (let index = 0; index < count; index++) {
      const part = await this.call(() =>
        this.keytar.getPassword(this.service, `${account}#${index}`),
      );
      if (part === null) {
        throw new ExpectedError(
          `The keychain entry ${account} is incomplete (chunk ${index} of ${count} is missing).`,
          'Enter the secret again with `instance add` for this instance.',
        );
      }
      parts.push(part);
    }
    return parts.join('');
  }

  /** Runs one keytar call and turns D-Bus and OS failures into readable errors. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw keychainError(error);
    }
  }
}

export function accountName(key: string, slot: SecretSlot): string {
  return `${key}/${slot}`;
}

function splitIntoChunks(value: string): string[] {
  const chunks: string[] = [];
  for (let start = 0; start < value.length; start += CHUNK_CHARS) {
    chunks.push(value.slice(start, start + CHUNK_CHARS));
  }
  return chunks;
}

function keychainError(error: unknown): Error {
  const message = errorMessage(error);

  if (/D-Bus|DBus|dbus|Secret Service|org\.freedesktop\.secrets|transport/i.test(message)) {
    return new KeychainUnavailableError(message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'number' || typeof code === 'string' ? ` (code ${code})` : '';
  return new ExpectedError(
    `The operating system refused the keychain operation${codeText}. ` +
      'Existing credentials were not changed.',
    'Unlock the keychain or free entries in it, then try again.',
  );
}

function loadKeytar(): Keytar {
  try {
    return createRequire(import.meta.url)('keytar') as Keytar;
  } catch (error) {
    throw new KeychainUnavailableError(`keytar failed to load: ${errorMessage(error)}`);
  }
}
