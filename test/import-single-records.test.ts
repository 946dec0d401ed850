/**
 * `import` takes one record of any supported stream as Zoom sends it, alone in a file, and
 * turns it into the events (or snapshot rows) a sync would: one record can be fed and checked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importFiles } from '../main/ingest/import-files.ts';
import type { RecordKind } from '../main/ingest/record-kinds.ts';
import { queryEvents } from '../main/store/events.ts';
import { openTempStore, tableCount } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';

let store: TempStore;
beforeEach(() => (store = openTempStore()));
afterEach(() => store.close());

const ACCOUNT = 'AcctAcme0000000000001';
const MESSAGE = { id: 'a1b2', message: 'numbers attached', sender: 'bob@acme.example',
  sender_user_id: 'u-bob', receiver: 'eve@partner.example', timestamp: 1_714_727_500_000,
  date_time: '2024-05-03T09:11:40Z', files: [{ file_id: 'f1', file_name: 'passwords.xlsx' }] };

function importOne(name: string, value: unknown, kind?: RecordKind) {
  const file = store.write(name, value);
  return importFiles(store.db, [file], { instanceName: 'acme', ...(kind ? { kind } : {}) })
    .files[0]!;
}

const kinds = () => queryEvents(store.db, { limit: 100 }).map((e) => e.kind).sort();

function webhook(event: string, object: Record<string, unknown>) {
  return { event, event_ts: 1_714_727_600_000, payload: { account_id: ACCOUNT,
    operator: 'admin@acme.example', operator_id: 'u-admin', object } };
}

describe('import of one record of each kind', () => {
  it('a sign-in activity row', () => {
    const file = importOne('activity.json', { email: 'bob@acme.example',
      time: '2024-05-03T08:14:22Z', type: 'Sign in', ip_address: '8.8.8.8',
      client_type: 'Browser', version: '-' });
    expect(file.format).toBe('record');
    expect(kinds()).toEqual(['auth.sign_in']);
  });

  it('an operation log row', () => {
    importOne('oplog.json', { time: '2024-05-03T08:14:22Z', operator: 'admin@acme.example',
      category_type: 'User', action: 'Deactivate',
      operation_detail: 'Deactivate user bob@acme.example' });
    expect(kinds()).toEqual(['admin.user_status_changed']);
  });

  it('a chat report message, with its file names', () => {
    importOne('message.json', MESSAGE);
    const [event] = queryEvents(store.db, { limit: 10 });
    expect(event?.kind).toBe('chat.message_sent');
    expect(event?.detail.fileNames).toEqual(['passwords.xlsx']);
  });

  it('an edited and a deleted message, told apart by --kind since they look alike', () => {
    importOne('edit.json', { ...MESSAGE, timestamp: 1_714_727_600_000 }, 'chat_report_edit');
    importOne('deletion.json', { ...MESSAGE, id: 'c3d4' }, 'chat_report_deletion');
    expect(kinds()).toEqual(['chat.message_deleted', 'chat.message_sent',
      'chat.message_updated']);
  });

  it('a per-user listing message with status Deleted', () => {
    importOne('listing.json', { ...MESSAGE, status: 'Deleted' });
    expect(kinds()).toEqual(['chat.message_deleted', 'chat.message_sent']);
  });

  it('a user, a channel, a channel member and a chat session become snapshots, no events', () => {
    importOne('user.json', { id: 'u-bob', email: 'bob@acme.example', first_name: 'Bob',
      status: 'active', type: 1 });
    importOne('channel.json', { id: 'ch1', jid: 'ch1@conference.xmpp.zoom.us', name: 'deals',
      type: 1 });
    importOne('session.json', { id: 's1', type: 'Group', name: 'deals', channel_id: 'ch1',
      last_message_sent_time: '2024-05-03T08:14:22Z' });
    const member = importOne('member.json', { id: 'u-eve', member_id: 'mem_1',
      email: 'eve@partner.example', name: 'Eve', role: 'member', is_external: true });
    expect(member.format).toBe('record');
    expect(tableCount(store.db, 'users')).toBe(1);
    expect(kinds()).toEqual([]);
  });

  it.each([
    ['user.signed_in', { id: 'u1', email: 'bob@acme.example',
      date_time: '2024-05-03T08:14:22Z' }, 'auth.sign_in'],
    ['chat_message.updated', { id: 'm9', message: 'x', timestamp: 1_714_727_600_000,
      channel_id: 'ch1' }, 'chat.message_updated'],
    ['chat_message.deleted', { id: 'm9', channel_id: 'ch1' }, 'chat.message_deleted'],
    ['chat_channel.created', { id: 'ch2', name: 'new', members: [] }, 'chat.channel_created'],
    ['chat_channel.member_invited', { id: 'ch2', members: [{ id: 'u2',
      email: 'x@gmail.example' }] }, 'chat.member_added'],
    ['user.deactivated', { id: 'u3', email: 'carol@acme.example' },
      'admin.user_status_changed'],
    ['meeting.participant_joined', { id: '111', uuid: 'uu==', host_id: 'h1', topic: 'Sync',
      participant: { user_id: '1677', user_name: 'iPhone', join_time: '2024-05-03T08:00:00Z' } },
    'meeting.participant_joined'],
  ])('a %s webhook body', (event, object, kind) => {
    const file = importOne('hook.json', webhook(event, object));
    expect(file.format).toBe('webhook');
    expect(kinds()).toEqual([kind]);
  });

  it('a meeting join keeps the host and whether the participant signed in', () => {
    importOne('join.json', webhook('meeting.participant_joined', { id: '111', uuid: 'uu==',
      host_id: 'h1', participant: { id: 'u-x', user_id: '1677', email: 'x@gmail.example',
        user_name: 'X', join_time: '2024-05-03T08:00:00Z' } }));
    const [event] = queryEvents(store.db, { limit: 10 });
    expect(event?.detail).toMatchObject({ hostId: 'h1', participantUserId: 'u-x' });
    expect(event?.actorEmail).toBe('x@gmail.example');
  });

  it('a response page and a bare array of records', () => {
    const page = importOne('page.json', { page_size: 30, next_page_token: '',
      edited_messages: [MESSAGE], deleted_messages: [{ ...MESSAGE, id: 'zz' }] });
    expect(page.format).toBe('page');
    const array = importOne('array.json', [{ ...MESSAGE, id: 'yy' }]);
    expect(array.format).toBe('records');
    expect(kinds()).toEqual(['chat.message_deleted', 'chat.message_sent', 'chat.message_sent',
      'chat.message_updated']);
  });
});
