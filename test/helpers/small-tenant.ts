/**
 * A small hand-written tenant for the wire-format tests: a few named people, awkward ids
 * (B36, B37), one channel with an external member, edited and deleted messages, and report
 * rows spread over the days before NOW. `extraActiveUsers` pads the user list for paging.
 */
import type {
  DemoActivity,
  DemoChannel,
  DemoChatSession,
  DemoMessage,
  DemoOperationLog,
  DemoUser,
  TenantData,
} from '../../main/demo/model.ts';

/** 2024-03-14T18:30:00Z: the fake "now" of B06. */
export const NOW = Date.UTC(2024, 2, 14, 18, 30);

export const ODD_USER_ID = 'u+AbC/12==';
export const ODD_MESSAGE_ID = '{A1B2C3D4-+/=}';
export const ODD_CHANNEL_ID = 'ch_9x+Y/z';

export interface SmallTenantOptions {
  extraActiveUsers?: number;
}

export function smallTenant(options: SmallTenantOptions = {}): TenantData {
  const users = [...namedUsers(), ...paddingUsers(options.extraActiveUsers ?? 0)];
  return {
    accountId: 'AcctDemo0001',
    ownDomains: ['acme.test'],
    users,
    activities: activities(),
    operationLogs: operationLogs(),
    channels: [dealRoom()],
    sessions: sessions(),
    messages: messages(),
    webhooks: [],
    answerKey: {
      seed: 1,
      endDate: '2024-03-14',
      accountId: 'AcctDemo0001',
      incidents: [],
      benign: [],
    },
  };
}

function user(id: string, first: string, last: string, extra: Partial<DemoUser> = {}): DemoUser {
  return {
    id,
    email: `${first.toLowerCase()}@acme.test`,
    first_name: first,
    last_name: last,
    display_name: `${first} ${last}`,
    type: 2,
    status: 'active',
    role_id: '2',
    dept: 'Finance',
    timezone: 'Europe/Berlin',
    created_at: '2023-01-09T10:00:00Z',
    user_created_at: '2023-01-09T10:00:00Z',
    language: 'en-US',
    verified: 1,
    ...extra,
  };
}

function namedUsers(): DemoUser[] {
  return [
    user('OwnerId00001', 'Olivia', 'Owner', { role_id: '0' }),
    user('AliceId00001', 'Alice', 'Ng'),
    user(ODD_USER_ID, 'Bob', 'Stone'),
    user('CarolId00001', 'Carol', 'Diaz', { status: 'inactive' }),
    user('DaveId000001', 'Dave', 'Kim', { status: 'pending' }),
  ];
}

function paddingUsers(count: number): DemoUser[] {
  return Array.from({ length: count }, (_, index) => {
    const n = String(index).padStart(4, '0');
    return user(`PadUser${n}`, `Pad${n}`, 'Person', { email: `pad${n}@acme.test` });
  });
}

/** Three sign-ins a day for Alice from 1 to 14 March, plus one row too old to report. */
function activities(): DemoActivity[] {
  const rows: DemoActivity[] = [];
  for (let day = 1; day <= 14; day++) {
    for (const hour of [8, 12, 17]) {
      rows.push({
        email: 'alice@acme.test',
        time: new Date(Date.UTC(2024, 2, day, hour, 5)).toISOString().replace('.000', ''),
        type: 'Sign in',
        ip_address: '203.0.113.7',
        client_type: 'Browser',
        version: '-',
      });
    }
  }
  rows.push({ ...rows[0]!, time: '2023-06-01T08:00:00Z' });
  return rows;
}

function operationLogs(): DemoOperationLog[] {
  return [
    {
      time: '2024-03-12T09:01:10Z',
      operator: 'olivia@acme.test',
      category_type: 'User',
      action: 'Update',
      operation_detail: 'Deactivate user carol@acme.test',
    },
    {
      time: '2024-03-13T10:00:00Z',
      operator: 'olivia@acme.test',
      category_type: 'Account',
      action: 'Update',
      operation_detail: 'Security  - Sign in with Two-Factor Authentication: from On to Off',
    },
  ];
}

function dealRoom(): DemoChannel {
  const member = (u: DemoUser, role: 'owner' | 'member', external = false) => ({
    id: u.id,
    member_id: `mem_${u.first_name}`,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    name: u.display_name,
    role,
    is_external: external,
  });
  const [, alice, bob] = namedUsers();
  const mallory = user('ExtMallory01', 'Mallory', 'Out', { email: 'mallory@evil.test' });
  return {
    id: ODD_CHANNEL_ID,
    jid: 'ch9xyz@conference.xmpp.zoom.us',
    name: 'deal-room',
    type: 2,
    owner_id: alice!.id,
    members: [member(alice!, 'owner'), member(bob!, 'member'), member(mallory, 'member', true)],
  };
}

function sessions(): DemoChatSession[] {
  return [
    { id: ODD_CHANNEL_ID, type: 'Group', name: 'deal-room', channel_id: ODD_CHANNEL_ID },
    {
      id: 'sess-1to1-alice-bob',
      type: '1:1',
      name: 'Alice Ng',
      participants: ['alice@acme.test', 'bob@acme.test'],
    },
  ];
}

function message(id: string, at: number, text: string, extra: Partial<DemoMessage>): DemoMessage {
  return {
    id,
    session_id: ODD_CHANNEL_ID,
    sender: 'alice@acme.test',
    sender_user_id: 'AliceId00001',
    sender_display_name: 'Alice Ng',
    send_member_id: 'mem_Alice',
    to_channel: ODD_CHANNEL_ID,
    receiver: 'deal-room',
    date_time: new Date(at).toISOString().replace('.000', ''),
    timestamp: at,
    message: text,
    message_type: 'plain_text_message',
    reply_main_message_id: '',
    files: [],
    edits: [],
    ...extra,
  };
}

function messages(): DemoMessage[] {
  const day13 = Date.UTC(2024, 2, 13, 9, 0);
  return [
    message(ODD_MESSAGE_ID, day13, 'wire the money to the new account', {}),
    message('msg-edited-0001', day13 + 60_000, 'numbers attached', {
      edits: [{ message: 'numbers attached (v2)', timestamp: day13 + 120_000 }],
    }),
    message('msg-deleted-001', day13 + 180_000, 'delete me', { deleted_at: day13 + 240_000 }),
    message('msg-bob-000001', day13 + 300_000, 'ok', {
      sender: 'bob@acme.test',
      sender_user_id: ODD_USER_ID,
      sender_display_name: 'Bob Stone',
      send_member_id: 'mem_Bob',
    }),
    message('msg-1to1-00001', day13 + 360_000, 'call me', {
      session_id: 'sess-1to1-alice-bob',
      to_channel: undefined,
      to_contact: 'bob@acme.test',
      receiver: 'bob@acme.test',
    }),
  ];
}
