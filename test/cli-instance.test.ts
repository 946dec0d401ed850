import crypto from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { KeytarCredentialStore } from '../main/credentials/keytar-store.ts';
import { openDatabase } from '../main/store/db.ts';
import { databasePath } from '../main/app/data-dir.ts';
import { filesContaining, runCli, tempDir } from './helpers/cli.ts';

describe('instance commands', () => {
  it('adds an instance with the secret from stdin into the keychain and nowhere else', async () => {
    const dataDir = tempDir('instance');
    const secret = `s3cret-${crypto.randomUUID()}`;

    const added = await runCli(
      ['--data-dir', dataDir, '--json', 'instance', 'add', '--name', 'acme',
        '--account-id', 'ACCT1', '--client-id', 'CLIENT1', '--admin-email', 'admin@acme.test'],
      { stdin: `${secret}\n` },
    );
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout).instance.name).toBe('acme');

    const db = openDatabase(databasePath(dataDir));
    const row = db.prepare('SELECT keychain_key FROM instances WHERE name = ?').get('acme') as {
      keychain_key: string;
    };
    db.close();
    const store = new KeytarCredentialStore();
    expect(await store.get(row.keychain_key, 'client_secret')).toBe(secret);

    expect(filesContaining(dataDir, secret)).toEqual([]);
    expect(added.stdout + added.stderr).not.toContain(secret);

    const removed = await runCli(['--data-dir', dataDir, 'instance', 'remove', 'acme']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await store.get(row.keychain_key, 'client_secret')).toBeNull();
  });

  it('refuses a duplicate name with exit code 2 and says what to do', async () => {
    const dataDir = tempDir('instance-dup');
    const args = ['--data-dir', dataDir, 'instance', 'add', '--name', 'dup', '--account-id', 'A',
      '--client-id', 'C', '--admin-email', 'a@b.test'];

    expect((await runCli(args, { stdin: 'first-secret' })).code).toBe(0);
    const second = await runCli(args, { stdin: 'second-secret' });

    expect(second.code).toBe(2);
    expect(second.stderr).toContain('already exists');
    expect(second.stderr).toContain('what to do');
    await runCli(['--data-dir', dataDir, 'instance', 'remove', 'dup', '--purge']);
  });

  it('refuses plain http to anything but loopback', async () => {
    const dataDir = tempDir('instance-http');
    const result = await runCli(
      ['--data-dir', dataDir, 'instance', 'add', '--name', 'x', '--account-id', 'A',
        '--client-id', 'C', '--admin-email', 'a@b.test',
        '--api-base-url', 'http://zoom.example/v2'],
      { stdin: 'whatever-secret' },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('neither https nor a loopback');
  });

  it('lists no secrets and removes with --purge', async () => {
    const dataDir = tempDir('instance-list');
    const added = await runCli(
      ['--data-dir', dataDir, 'instance', 'add', '--name', 'one', '--account-id', 'A1',
        '--client-id', 'C1', '--admin-email', 'a@b.test'],
      { stdin: 'list-secret-value' },
    );
    expect(added.code, added.stderr).toBe(0);

    const listed = await runCli(['--data-dir', dataDir, '--json', 'instance', 'list']);
    expect(JSON.parse(listed.stdout).instances).toHaveLength(1);
    expect(listed.stdout).not.toContain('list-secret-value');

    const purged = await runCli(['--data-dir', dataDir, 'instance', 'remove', 'one', '--purge']);
    expect(purged.code).toBe(0);
    const after = await runCli(['--data-dir', dataDir, '--json', 'instance', 'list']);
    expect(JSON.parse(after.stdout).instances).toEqual([]);
  });
});
