/**
 * The answer key: which findings the detectors must raise on the demo tenant and which
 * look-alikes they must leave alone, each pointing at the exact wire records.
 */
import { writeFileSync } from 'node:fs';
import type { AnswerKey, RecordRef, TenantData } from './model.ts';

/** Stable, readable JSON: two-space indent and a final newline. */
export function formatAnswerKey(key: AnswerKey): string {
  return `${JSON.stringify(key, null, 2)}\n`;
}

export function writeAnswerKey(file: string, key: AnswerKey): void {
  writeFileSync(file, formatAnswerKey(key), 'utf8');
}

function webhookObjectId(body: Record<string, unknown>): unknown {
  const payload = body.payload as { object?: { id?: unknown } } | undefined;
  return payload?.object?.id;
}

/**
 * The records in `data` that `ref` points at. A well-formed answer key gets exactly one for
 * every reference; scorers and tests use this to check that.
 */
export function resolveRecordRef(data: TenantData, ref: RecordRef): unknown[] {
  switch (ref.stream) {
    case 'activities':
      return data.activities.filter(
        (a) => a.email === ref.email && a.time === ref.time && a.type === ref.type,
      );
    case 'operation_logs':
      return data.operationLogs.filter(
        (o) => o.operator === ref.operator && o.time === ref.time &&
          o.operation_detail === ref.operation_detail,
      );
    case 'chat':
      return data.messages.filter((m) => m.id === ref.message_id && hasVersion(m, ref.version));
    case 'webhook':
      return data.webhooks.filter(
        (w) => w.event === ref.event && w.event_ts === ref.event_ts &&
          webhookObjectId(w) === ref.object_id,
      );
  }
}

function hasVersion(
  message: TenantData['messages'][number],
  version: 'sent' | 'updated' | 'deleted',
): boolean {
  if (version === 'updated') return message.edits.length > 0;
  if (version === 'deleted') return message.deleted_at !== undefined;
  return true;
}
