import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { setDetectSettings } from '../../main/detect/settings.ts';
import { listFindings } from '../../main/store/findings.ts';
import { openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

const found = () => listFindings(store.db, { detectorId: 'chat.sensitive_file_external' });

function share(fileNames: string[], fields: { targetEmail?: string; channelId?: string }) {
  return store.event({ kind: 'chat.message_sent', occurredAt: T0, actorEmail: 'bob@acme.example',
    messageId: `m-${fileNames.join()}-${JSON.stringify(fields)}`, text: 'here',
    detail: { fileNames }, ...fields });
}

describe('chat.sensitive_file_external', () => {
  it('fires on passwords.xlsx to an external contact and a .kdbx in an external channel', () => {
    share(['passwords.xlsx'], { targetEmail: 'x@gmail.example' });
    store.member('c1', 'guest@partner.example', true);
    share(['team.kdbx'], { channelId: 'c1' });
    share(['Customer_Export-Q3.csv'], { targetEmail: 'y@partner.example' });

    runDetection(store.db, { now: T0 });
    const values = found().map((f) => f.values.files);
    expect(values).toHaveLength(3);
    expect(values).toContainEqual([{ name: 'passwords.xlsx', because: 'passwords' }]);
    expect(values).toContainEqual([{ name: 'team.kdbx', because: '.kdbx' }]);
  });

  it('does not fire internally, on ordinary names, or on words inside other words', () => {
    share(['passwords.xlsx'], { targetEmail: 'carol@acme.example' });
    share(['export.csv', 'roadmap.pdf'], { targetEmail: 'x@gmail.example' });
    share(['keyboard-layout.png', 'monkey.jpg'], { targetEmail: 'x@gmail.example' });

    runDetection(store.db, { now: T0 });
    expect(found()).toHaveLength(0);
  });

  it('reads its words from settings', () => {
    setDetectSettings(store.db, store.instance.id, { sensitiveFileKeywords: ['roadmap'] });
    share(['roadmap.pdf'], { targetEmail: 'x@gmail.example' });

    runDetection(store.db, { now: T0 });
    expect(found()).toHaveLength(1);
  });
});
