/**
 * Bad input and broken storage: each gets a clear error and loses nothing already stored.
 * Real SQLite files throughout; a full disk is simulated with PRAGMA max_page_count on the
 * connection that writes.
 */
import fs from 'node:fs';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { ExpectedError } from '../main/errors.ts';
import { importFiles } from '../main/ingest/import-files.ts';
import { openDatabase, explainStorageError } from '../main/store/db.ts';
import { addInstance, markInstanceRemoved } from '../main/store/instances.ts';
import { getRawRecord } from '../main/store/raw.ts';
import { openTempStore, tableCount } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';

const ACCOUNT = 'AcctAcme0000000000001';

function chatWebhook(id: string, message: string): Record<string, unknown> {
  return {
    event: 'chat_message.sent',
    event_ts: 1_764_000_000_000,
    payload: {
      account_id: ACCOUNT,
      operator: 'alice@acme.example',
      operator_id: 'u-alice',
      object: {
        id, type: 'to_channel', channel_id: 'ch1', channel_name: 'general', message,
        date_time: '2025-11-24T16:00:00Z', timestamp: 1_764_000_000_000, session_id: 'ch1',
      },
    },
  };
}

let store: TempStore;
afterEach(() => store?.close());

describe('storage failures and hostile input', () => {
  it('reports a full disk in words and keeps everything stored before', () => {
    store = openTempStore();
    importFiles(store.db, [store.write('first.json', chatWebhook('m-1', 'kept'))]);
    const before = tableCount(store.db, 'events');

    const big = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify(chatWebhook(`big-${i}`, 'x'.repeat(2000)))).join('\n');
    const file = store.write('big.ndjson', big);
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages + 20}`);

    let thrown: unknown;
    try {
      importFiles(store.db, [file]);
    } catch (error) {
      thrown = error;
    }

    const explained = explainStorageError(thrown);
    expect(explained).toBeInstanceOf(ExpectedError);
    expect(explained!.message).toContain('disk is full');
    expect(tableCount(store.db, 'events')).toBe(before);
    expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('names a damaged database file instead of crashing', () => {
    store = openTempStore();
    const file = path.join(store.dir, 'damaged.sqlite');
    fs.writeFileSync(file, Buffer.alloc(20_000, 0x5a));

    expect(() => openDatabase(file)).toThrow(/damaged or is not a Zoom Investigator database/);
  });

  it('refuses absurdly nested JSON before storing any file of the import', () => {
    store = openTempStore();
    const good = store.write('good.json', chatWebhook('m-good', 'fine'));
    const depth = 5000;
    const deep = store.write('deep.json', `{"event":"x","payload":{"account_id":"${ACCOUNT}",` +
      `"object":${'['.repeat(depth)}${']'.repeat(depth)}}}`);

    expect(() => importFiles(store.db, [good, deep])).toThrow(/more than 200 levels deep/);
    expect(tableCount(store.db, 'events')).toBe(0);
  });

  it('keeps a lone surrogate visible in the event and exact in the raw record', () => {
    store = openTempStore();
    const file = store.write('lone.json',
      JSON.stringify(chatWebhook('m-lone', 'lone \ud800 surrogate')));

    importFiles(store.db, [file]);

    const row = store.db.prepare("SELECT text, raw_id FROM events WHERE message_id = 'm-lone'")
      .get() as { text: string; raw_id: number };
    expect(row.text).toBe('lone \\uD800 surrogate');
    expect(getRawRecord(store.db, row.raw_id)!.json).toContain('lone \\ud800 surrogate');
  });

  it('gives a reconnected account its kept evidence back and refuses a second connection', () => {
    store = openTempStore();
    importFiles(store.db, [store.write('one.json', chatWebhook('m-kept', 'evidence'))]);
    markInstanceRemoved(store.db, store.instance);

    const again = addInstance(store.db, {
      name: 'acme', accountId: ACCOUNT, clientId: 'new-client', adminEmail: 'admin@acme.example',
    });
    expect(again.id).toBe(store.instance.id);
    expect(again.keychainKey).not.toBe(store.instance.keychainKey);
    expect(tableCount(store.db, 'events')).toBe(1);

    expect(() => addInstance(store.db, {
      name: 'acme-2', accountId: ACCOUNT, clientId: 'c', adminEmail: 'a@acme.example',
    })).toThrow(/already connected as "acme"/);
  });
});
