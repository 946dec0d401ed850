import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { DAY, MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const found = () =>
  listFindings(store.db, { detectorId: 'chat.external_channel_soon_after_creation' });

function created(channelId: string, members: unknown[] = []): string {
  return store.event({ kind: 'chat.channel_created', occurredAt: T0, actorEmail:
    'bob@acme.example', channelId, channelName: channelId, detail: { members } });
}

function added(channelId: string, at: number, email: string | null, id = 'u1'): string {
  return store.event({ kind: 'chat.member_added', occurredAt: at, actorEmail: 'bob@acme.example',
    channelId, channelName: channelId, targetEmail: email, targetId: id,
    detail: { memberName: 'Guest' } });
}

describe('chat.external_channel_soon_after_creation', () => {
  it('fires when an external address is added 40 minutes after creation', () => {
    const make = created('c1');
    const add = added('c1', T0 + 40 * MINUTE, 'x@gmail.example');

    runDetection(store.db, { now: T0 + DAY });
    const [finding] = found();
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([make, add].sort());
    expect(finding?.values).toMatchObject({ externalMembers: ['x@gmail.example'],
      minutesAfterCreation: 40 });
  });

  it('fires on an external member present at creation, told by the member list flag', () => {
    store.member('c2', 'guest@partner.example', true);
    created('c2', [{ id: 'g1', displayName: 'Guest', email: 'guest@partner.example' }]);

    runDetection(store.db, { now: T0 + DAY });
    expect(found()).toHaveLength(1);
  });

  it('does not fire for an internal member, or an external one added weeks later', () => {
    created('c3');
    added('c3', T0 + 5 * MINUTE, 'carol@acme.example');
    created('c4');
    added('c4', T0 + 21 * DAY, 'x@gmail.example');

    runDetection(store.db, { now: T0 + 30 * DAY });
    expect(found()).toHaveLength(0);
  });
});
