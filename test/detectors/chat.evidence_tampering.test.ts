import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import {
  DAY,
  HOUR,
  IP,
  MINUTE,
  openDetectStore,
  signInHistory,
  T0,
  type DetectStore,
} from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const CARD = '4111 1111 1111 1111';
const found = () => listFindings(store.db, { detectorId: 'chat.evidence_tampering' });

function send(messageId: string, to: string, text: string, at = T0): string {
  return store.event({ kind: 'chat.message_sent', occurredAt: at, actorEmail: 'bob@acme.example',
    targetEmail: to, messageId, text });
}

function change(kind: 'chat.message_updated' | 'chat.message_deleted', messageId: string,
  at: number, actor = 'bob@acme.example'): string {
  return store.event({ kind, occurredAt: at, actorEmail: actor, messageId, text: 'gone' });
}

describe('chat.evidence_tampering', () => {
  it('fires when a message a finding cites is edited later, in the same run', () => {
    const sent = send('m1', 'x@gmail.example', `card ${CARD}`);
    const edit = change('chat.message_updated', 'm1', T0 + 30 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    const [finding, ...rest] = found();
    expect(rest).toHaveLength(0);
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([sent, edit].sort());
    expect(finding?.values).toMatchObject({ reason: 'cited_by_finding', change: 'edited' });
    expect(finding?.explanation).toContain('chat.sensitive_to_external');

    runDetection(store.db, { now: T0 + 2 * DAY });
    expect(found().map((f) => f.id)).toEqual([finding!.id]);
  });

  it('does not fire on an edit of a message no finding cites', () => {
    send('m2', 'colleague@acme.example', `card ${CARD}`);
    change('chat.message_updated', 'm2', T0 + 30 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    expect(found()).toHaveLength(0);
  });

  it('fires on a deletion within a day of the sender\'s first sign-in from a new country', () => {
    signInHistory(store, 'bob@acme.example', IP.DE);
    const abroad = store.signIn('bob@acme.example', IP.BR, T0 + 6 * DAY);
    const deletion = change('chat.message_deleted', 'm3', T0 + 6 * DAY + 3 * HOUR);

    runDetection(store.db, { now: T0 + 7 * DAY });
    const [finding] = found();
    expect(finding?.values).toMatchObject({ reason: 'after_new_country_sign_in', country: 'BR' });
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([abroad, deletion].sort());
  });

  it('does not fire two days after the new country, or after a familiar one', () => {
    signInHistory(store, 'bob@acme.example', IP.DE);
    store.signIn('bob@acme.example', IP.BR, T0 + 6 * DAY);
    change('chat.message_deleted', 'm4', T0 + 8 * DAY);
    store.signIn('bob@acme.example', IP.DE2, T0 + 9 * DAY);
    change('chat.message_deleted', 'm5', T0 + 9 * DAY + HOUR);

    runDetection(store.db, { now: T0 + 10 * DAY });
    expect(found()).toHaveLength(0);
  });
});
