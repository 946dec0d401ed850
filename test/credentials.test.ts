import { createHash, randomUUID } from 'node:crypto';

import { afterEach, describe, expect, it } from 'vitest';

import { KeytarCredentialStore } from '../main/credentials/keytar-store.ts';
import { KeychainUnavailableError } from '../main/credentials/store.ts';

/** The OS binding the store wraps, as its constructor accepts it. */
type Keytar = NonNullable<ConstructorParameters<typeof KeytarCredentialStore>[1]>;

const service = `zi-test-${randomUUID()}`;
const store = new KeytarCredentialStore(service);
const keys: string[] = [];

function newKey(): string {
  const key = `instance-${randomUUID()}`;
  keys.push(key);
  return key;
}

afterEach(async () => {
  await Promise.all(keys.splice(0).map((key) => store.deleteAll(key)));
});

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Printable, varied text so that a dropped or reordered chunk changes the hash. */
function secretOfLength(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.{}"';
  return Array.from({ length }, (_, i) => alphabet[(i * 7 + (i >> 5)) % alphabet.length]).join('');
}

describe('credential store on the real keychain', () => {
  it.each([1280, 1281, 4000])('round-trips a %i-character secret byte for byte (B15)',
    async (length) => {
      const key = newKey();
      const secret = secretOfLength(length);

      await store.set(key, 'refresh_token', secret);
      const back = await store.get(key, 'refresh_token');
      expect(back).not.toBeNull();
      expect(back!.length).toBe(length);
      expect(sha256(back!)).toBe(sha256(secret));
    });

  it('replaces a long value with a short one and back', async () => {
    const key = newKey();
    await store.set(key, 'access_token', secretOfLength(4000));
    await store.set(key, 'access_token', 'short-value');
    expect(await store.get(key, 'access_token')).toBe('short-value');

    await store.set(key, 'access_token', secretOfLength(2500));
    expect(await store.get(key, 'access_token')).toBe(secretOfLength(2500));
  });

  it('deletes every slot of an instance, chunks included', async () => {
    const key = newKey();
    await store.set(key, 'client_secret', 'client-secret-value');
    await store.set(key, 'access_token', secretOfLength(3000));

    await store.deleteAll(key);
    expect(await store.get(key, 'client_secret')).toBeNull();
    expect(await store.get(key, 'access_token')).toBeNull();

    const keytar = (await import('keytar')).default as Keytar;
    const left = await keytar.findCredentials(service);
    expect(left.filter((c) => c.account.startsWith(key))).toEqual([]);
  });
});

describe('credential store without a Secret Service', () => {
  const dbusError = () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
  const failing = {
    getPassword: dbusError,
    setPassword: dbusError,
    deletePassword: dbusError,
    findCredentials: dbusError,
    findPassword: dbusError,
  } as unknown as Keytar;

  it('reports KeychainUnavailableError for every operation (B14)', async () => {
    const broken = new KeytarCredentialStore(service, failing);

    await expect(broken.set('k', 'client_secret', 'x')).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    );
    await expect(broken.get('k', 'client_secret')).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    );
    await expect(broken.deleteAll('k')).rejects.toThrow(/No Secret Service/);
  });
});
