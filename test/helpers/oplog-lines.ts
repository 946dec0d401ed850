/** Operation-log lines stored as ingest stores them: parsed kind, target and detail. */
import { afterEach, beforeEach } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { parseOperationDetail } from '../../main/ingest/operation-logs.ts';
import { listFindings } from '../../main/store/findings.ts';
import { openDetectStore, T0, type DetectStore } from './detect-db.ts';

export const ADMIN = 'admin@acme.example';

export function logLine(
  store: DetectStore,
  sentence: string,
  at = T0,
  category: string | null = null,
  action = 'Update',
): string {
  const parsed = parseOperationDetail(sentence, category, action);
  return store.event({
    kind: parsed.kind,
    occurredAt: at,
    actorEmail: ADMIN,
    targetEmail: parsed.targetEmail,
    text: sentence,
    detail: { ...parsed.detail, categoryType: category, action, sentence },
  });
}

/**
 * A fresh detection store for each test of an operation-log detector, with the two things
 * those tests do: store log lines, and run detection to read one detector's findings.
 */
export function oplogTestStore() {
  let store: DetectStore;
  beforeEach(() => (store = openDetectStore()));
  afterEach(() => store.close());

  return {
    db: () => store.db,
    logLine: (sentence: string, at = T0, category: string | null = null, action = 'Update') =>
      logLine(store, sentence, at, category, action),
    /** Runs detection and lists this detector's findings, oldest first. */
    findings: (detectorId: string) => {
      runDetection(store.db, { now: T0 });
      return listFindings(store.db, { detectorId })
        .sort((a, b) => a.firstEventAt - b.firstEventAt);
    },
  };
}
