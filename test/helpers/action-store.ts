/**
 * An evidence store seeded from a demo tenant's data as sync would leave it: users, channels
 * and their members, one chat message and one finding with evidence. For the action tests.
 */
import type { TenantData } from '../../main/demo/model.ts';
import type { Db } from '../../main/store/db.ts';
import { upsertFindings } from '../../main/store/findings.ts';
import { insertRawRecord } from '../../main/store/raw.ts';
import { upsertChannel, upsertChannelMember, upsertUser } from '../../main/store/snapshots.ts';
import { storeChannelMessage } from './evidence-store.ts';
import { NOW, ODD_CHANNEL_ID, ODD_MESSAGE_ID } from './small-tenant.ts';

export const FINDING_ID = 'finding-wire-fraud';
export const HOSTILE_TITLE = 'Payment request <script>alert(1)</script>\r\nBcc: leak@evil.test';

export function seedStore(db: Db, instanceId: number, data: TenantData): void {
  for (const user of data.users) {
    const raw = insertRawRecord(db, JSON.stringify(user), 'api.users', null, NOW);
    upsertUser(db, instanceId, { ...user }, raw, NOW);
  }
  for (const channel of data.channels) {
    const raw = insertRawRecord(db, JSON.stringify(channel), 'api.channels', null, NOW);
    upsertChannel(db, instanceId, { ...channel }, raw, NOW);
    for (const member of channel.members) {
      upsertChannelMember(db, instanceId, channel.id, { ...member }, raw, NOW);
    }
  }
  storeChannelMessage(db, instanceId, {
    id: ODD_MESSAGE_ID, at: NOW - 86_400_000, senderEmail: 'alice@acme.test',
    senderId: 'AliceId00001', channelId: ODD_CHANNEL_ID, channelName: 'deal-room',
    text: 'wire the money to the new account', eventId: 'evt-odd',
  });
  seedFinding(db, instanceId);
}

/** A finding about Bob whose title and evidence carry markup, a link and a header attempt. */
function seedFinding(db: Db, instanceId: number): void {
  upsertFindings(db, instanceId, 'test.detector', [{
    id: FINDING_ID,
    detectorId: 'test.detector',
    detectorVersion: 1,
    severity: 'high',
    technique: null,
    title: HOSTILE_TITLE,
    explanation: 'bob@acme.test was asked to pay via https://pay.evil.test/now <b>today</b>.',
    values: {},
    subject: 'bob@acme.test',
    firstEventAt: NOW - 86_400_000,
    lastEventAt: NOW - 86_400_000,
    evidenceEventIds: ['evt-odd'],
  }], NOW);
}
