/**
 * An information-barrier policy (the rule that keeps two groups from talking, for example
 * research and sales) is changed, turned off or deleted. Adding a policy or turning one on
 * only restricts communication and never fires.
 */
import type { EventRow } from '../../../shared/events.ts';
import {
  parseSettingChange,
  settingChangeFromDetail,
  turnsOff,
  type SettingChange,
} from '../oplog.ts';
import { formatUtc, plainLabel } from '../text.ts';
import type { Detector, FindingDraft } from '../types.ts';

const MAX_VALUE = 300;

export const detector: Detector = {
  id: 'oplog.information_barrier_changed',
  version: 1,
  severity: 'high',
  technique: { id: 'T1562', name: 'Impair Defenses' },
  kinds: ['admin.setting_changed', 'admin.operation'],
  title: 'Information barrier policy changed',
  detect,
};

const BARRIER = /information[\s_-]*barriers?/i;

/** Sentences that only add a barrier: "Add information barrier policy ...". */
const ADDITION = /^\s*(?:add|added|create|created|enable|enabled|turn on|turned on)\b/i;
const REMOVAL = /\b(?:delete|deleted|remove|removed|disable|disabled|off)\b/i;

function detect(events: readonly EventRow[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  // The same log line may reach us as a typed change and as a raw operation: report it once.
  const reported = new Set<string>();

  for (const event of events) {
    const sentence = event.text?.slice(0, 2000) ?? '';
    const change = settingChangeOf(event);
    const about = `${sentence} ${change?.section ?? ''} ${change?.setting ?? ''}`;
    if (!BARRIER.test(about) || onlyAdds(sentence, change)) continue;

    const key = [event.occurredAt, event.actorEmail, sentence].join('\0');
    if (reported.has(key)) continue;

    reported.add(key);
    drafts.push(toDraft(event, sentence, change));
  }
  return drafts;
}

function settingChangeOf(event: EventRow): SettingChange | null {
  if (event.kind === 'admin.setting_changed') {
    const typed = settingChangeFromDetail(event.detail);
    if (typed) return typed;
  }
  return event.text ? parseSettingChange(event.text) : null;
}

/** A barrier turned on, or a policy added: restricting, not opening. */
function onlyAdds(sentence: string, change: SettingChange | null): boolean {
  if (change) return turnsOff({ ...change, from: change.to, to: change.from });
  return ADDITION.test(sentence) && !REMOVAL.test(sentence);
}

function toDraft(event: EventRow, sentence: string, change: SettingChange | null): FindingDraft {
  const operator = event.actorEmail?.toLowerCase() ?? null;
  const what = change
    ? `changed "${plainLabel(`${change.section}: ${change.setting}`, 120)}" from ` +
      `${plainLabel(change.from, 30)} to ${plainLabel(change.to, 30)}`
    : `changed an information barrier: "${plainLabel(sentence, 160)}"`;
  const explanation = `${plainLabel(operator)} ${what} at ${formatUtc(event.occurredAt)}.`;

  return {
    evidenceEventIds: [event.id],
    values: {
      operator,
      sentence: sentence.slice(0, MAX_VALUE),
      section: change?.section.slice(0, MAX_VALUE) ?? null,
      setting: change?.setting.slice(0, MAX_VALUE) ?? null,
      from: change?.from.slice(0, MAX_VALUE) ?? null,
      to: change?.to.slice(0, MAX_VALUE) ?? null,
    },
    subject: operator,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
  };
}
