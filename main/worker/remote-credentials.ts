/** The worker's CredentialStore: every call is answered by the main thread's keychain. */
import type { MessagePort } from 'node:worker_threads';

import type { CredentialStore, SecretSlot } from '../credentials/store.ts';
import { ExpectedError } from '../errors.ts';
import { registerSecret } from '../log/redact.ts';
import type { CredentialCall, CredentialMethod, CredentialReply } from './protocol.ts';

interface Waiting {
  resolve(value: string | null): void;
  reject(error: Error): void;
}

export class RemoteCredentialStore implements CredentialStore {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly port: MessagePort) {}

  /** Feeds a reply from main to the call that waits for it. */
  receive(reply: CredentialReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;

    this.waiting.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(new ExpectedError(reply.message, reply.hint ?? 'Check the keychain.'));
  }

  async get(key: string, slot: SecretSlot): Promise<string | null> {
    const value = await this.ask('get', [key, slot]);
    registerSecret(value);
    return value;
  }

  async set(key: string, slot: SecretSlot, value: string): Promise<void> {
    registerSecret(value);
    await this.ask('set', [key, slot, value]);
  }

  async delete(key: string, slot: SecretSlot): Promise<void> {
    await this.ask('delete', [key, slot]);
  }

  async deleteAll(key: string): Promise<void> {
    await this.ask('deleteAll', [key]);
  }

  private ask(method: CredentialMethod, args: string[]): Promise<string | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.port.postMessage({ type: 'credentials', id, method, args } satisfies CredentialCall);
    });
  }
}
