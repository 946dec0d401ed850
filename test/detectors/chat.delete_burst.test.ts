import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

function deleteAt(actor: string, at: number, channelName = 'deal-room'): string {
  return store.event({
    kind: 'chat.message_deleted',
    occurredAt: at,
    actorEmail: actor,
    channelId: `ch-${channelName}`,
    channelName,
    messageId: `m-${actor}-${at}`,
  });
}

const bursts = () => listFindings(store.db, { detectorId: 'chat.delete_burst' });

describe('chat.delete_burst', () => {
  it('fires on five deletions by one person within ten minutes', () => {
    const ids = [0, 2, 4, 6, 9].map((m) => deleteAt('bob@acme.example', T0 + m * MINUTE));

    runDetection(store.db, { now: T0 });
    const [finding, ...rest] = bursts();

    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({ actor: 'bob@acme.example', count: 5, minutes: 9 });
    expect(finding?.explanation).toBe(
      'bob@acme.example deleted 5 chat messages within 9 minutes ' +
        '(2026-11-02 08:00 UTC to 2026-11-02 08:09 UTC) in deal-room.',
    );
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([...ids].sort());
  });

  it('does not fire on four deletions in ten minutes, or five spread over more', () => {
    [0, 3, 6, 9].forEach((m) => deleteAt('carol@acme.example', T0 + m * MINUTE));
    [0, 3, 6, 9, 21].forEach((m) => deleteAt('dave@acme.example', T0 + m * MINUTE));

    runDetection(store.db, { now: T0 });
    expect(bursts()).toHaveLength(0);
  });

  it('does not add up deletions of different people', () => {
    [0, 1, 2].forEach((m) => deleteAt('erin@acme.example', T0 + m * MINUTE));
    [0, 1].forEach((m) => deleteAt('frank@acme.example', T0 + m * MINUTE));

    runDetection(store.db, { now: T0 });
    expect(bursts()).toHaveLength(0);
  });

  it('merges overlapping windows into one burst and keeps separate bursts apart', () => {
    const first = [0, 2, 4, 6, 8, 12, 14, 16].map((m) =>
      deleteAt('gina@acme.example', T0 + m * MINUTE),
    );
    const second = [60, 61, 62, 63, 64].map((m) =>
      deleteAt('gina@acme.example', T0 + m * MINUTE, 'general'),
    );

    runDetection(store.db, { now: T0 });
    const found = bursts().map((finding) => getFinding(store.db, finding.id)!.evidenceEventIds);

    expect(found).toHaveLength(2);
    expect(found).toContainEqual([...first].sort());
    expect(found).toContainEqual([...second].sort());
  });

  it('leaves out deletions whose time is the send time (listing status only)', () => {
    [0, 1, 2, 3, 4].forEach((m) =>
      store.event({
        kind: 'chat.message_deleted',
        occurredAt: T0 + m * MINUTE,
        actorEmail: 'hank@acme.example',
        detail: { changeTimeUnknown: true },
      }),
    );

    runDetection(store.db, { now: T0 });
    expect(bursts()).toHaveLength(0);
  });
});
