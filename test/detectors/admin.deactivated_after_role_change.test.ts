import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { getFinding, listFindings } from '../../main/store/findings.ts';
import { DAY, MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const found = () => listFindings(store.db, { detectorId: 'admin.deactivated_after_role_change' });

function role(target: string, at: number): string {
  return store.event({ kind: 'admin.role_changed', occurredAt: at, actorEmail: 'owner@acme.example',
    targetEmail: target, detail: { from: 'Admin', to: 'Member' } });
}

function deactivate(target: string, at: number): string {
  return store.event({ kind: 'admin.user_status_changed', occurredAt: at,
    actorEmail: 'admin@acme.example', targetEmail: target, detail: { status: 'inactive' } });
}

describe('admin.deactivated_after_role_change', () => {
  it('fires on a deactivation 35 minutes after a role change', () => {
    const changed = role('bob@acme.example', T0);
    const off = deactivate('bob@acme.example', T0 + 35 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    const [finding] = found();
    expect(getFinding(store.db, finding!.id)?.evidenceEventIds).toEqual([changed, off].sort());
    expect(finding?.explanation).toContain('35 minutes after owner@acme.example changed their ' +
      'role from Admin to Member');
  });

  it('fires on a user.updated webhook that changes the role', () => {
    store.event({ kind: 'user.updated', occurredAt: T0, targetEmail: 'erin@acme.example',
      detail: { changed: { id: 'u1', role_name: 'Member' }, previous: { role_name: 'Admin' } } });
    deactivate('erin@acme.example', T0 + 2 * 60 * MINUTE);

    runDetection(store.db, { now: T0 + DAY });
    expect(found()).toHaveLength(1);
  });

  it('does not fire a week later, for another user, or on a reactivation', () => {
    role('carol@acme.example', T0);
    deactivate('carol@acme.example', T0 + 7 * DAY);
    role('dave@acme.example', T0);
    deactivate('frank@acme.example', T0 + MINUTE);
    store.event({ kind: 'admin.user_status_changed', occurredAt: T0 + 2 * MINUTE,
      targetEmail: 'dave@acme.example', detail: { status: 'active' } });

    runDetection(store.db, { now: T0 + 8 * DAY });
    expect(found()).toHaveLength(0);
  });
});
