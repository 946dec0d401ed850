import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

function editAt(actor: string, at: number, detail: Record<string, unknown> = {}): string {
  return store.event({ kind: 'chat.message_updated', occurredAt: at, actorEmail: actor,
    channelId: 'ch-1', channelName: 'deal-room', messageId: `m-${actor}-${at}`, detail });
}

const found = () => listFindings(store.db, { detectorId: 'chat.edit_burst' });

describe('chat.edit_burst', () => {
  it('fires on five edits by one person within ten minutes', () => {
    [0, 1, 3, 5, 8].forEach((m) => editAt('bob@acme.example', T0 + m * MINUTE));

    runDetection(store.db, { now: T0 });
    const [finding, ...rest] = found();
    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({ actor: 'bob@acme.example', count: 5, minutes: 8 });
    expect(finding?.explanation).toContain('bob@acme.example made 5 chat message edits');
  });

  it('does not fire on four edits, on five spread out, or on edits of unknown time', () => {
    [0, 2, 4, 6].forEach((m) => editAt('carol@acme.example', T0 + m * MINUTE));
    [0, 4, 8, 12, 16].forEach((m) => editAt('dave@acme.example', T0 + m * MINUTE));
    [0, 1, 2, 3, 4].forEach((m) =>
      editAt('erin@acme.example', T0 + m * MINUTE, { changeTimeUnknown: true }));

    runDetection(store.db, { now: T0 });
    expect(found()).toHaveLength(0);
  });
});
