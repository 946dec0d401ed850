/** Operation-log lines stored as ingest stores them: parsed kind, target and detail. */
import { parseOperationDetail } from '../../main/ingest/operation-logs.ts';
import { T0, type DetectStore } from './detect-db.ts';

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
