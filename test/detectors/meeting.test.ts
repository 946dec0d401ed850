import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

function join(meeting: string, email: string | null, userId: string | null, name = 'Someone',
  hostId = 'host-1'): string {
  return store.event({ kind: 'meeting.participant_joined', occurredAt: T0 + MINUTE,
    source: 'webhook', actorEmail: email, actorId: '16778000',
    detail: { meetingId: meeting, meetingUuid: `${meeting}==`, topic: 'Review', hostId,
      participantName: name, participantUserId: userId } });
}

const external = () => listFindings(store.db, { detectorId: 'meeting.external_participant' });
const guests = () => listFindings(store.db, { detectorId: 'meeting.guest_without_sign_in' });

describe('meeting.external_participant', () => {
  it('fires once per meeting, naming each external participant', () => {
    join('m1', 'bob@acme.example', 'u-bob');
    join('m1', 'x@gmail.example', 'u-x');
    join('m1', 'y@partner.example', 'u-y');

    runDetection(store.db, { now: T0 });
    const [finding, ...rest] = external();
    expect(rest).toHaveLength(0);
    expect(finding?.explanation).toContain('2 participants from outside the account');
  });

  it('does not fire for own domains and their subdomains', () => {
    join('m2', 'bob@acme.example', 'u-bob');
    join('m2', 'carol@lab.acme.example', 'u-carol');

    runDetection(store.db, { now: T0 });
    expect(external()).toHaveLength(0);
  });
});

describe('meeting.guest_without_sign_in', () => {
  it('fires on a participant with neither user id nor e-mail', () => {
    join('m3', null, null, 'iPhone');

    runDetection(store.db, { now: T0 });
    expect(guests().map((f) => f.values.guests)).toEqual([
      [expect.objectContaining({ name: 'iPhone' })],
    ]);
  });

  it('does not fire on a signed-in participant, internal or external', () => {
    join('m4', 'x@gmail.example', 'u-x');
    join('m4', null, 'u-internal', 'Bob');

    runDetection(store.db, { now: T0 });
    expect(guests()).toHaveLength(0);
  });
});
