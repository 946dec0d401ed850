/**
 * An administrator turns a security setting off or weakens it: two-factor authentication,
 * meeting passcodes, the waiting room, sign-in methods, encryption turned off; a shorter
 * minimum password length; automatic sign-out made longer or never. Turning a setting on, or
 * tightening it, never fires.
 */
import type { EventRow } from '../../../shared/events.ts';
import type { Technique } from '../../../shared/findings.ts';
import {
  parseSettingChange,
  securityArea,
  settingChangeFromDetail,
  turnsOff,
  type SecurityArea,
  type SettingChange,
} from '../oplog.ts';
import { numericWeakening, type Weakening } from '../oplog-weakening.ts';
import { formatUtc, plainLabel } from '../text.ts';
import type { Detector, FindingDraft } from '../types.ts';

/** Values are kept short: the full sentence stays in the evidence event. */
const MAX_VALUE = 200;

const IMPAIR_DEFENSES: Technique = { id: 'T1562', name: 'Impair Defenses' };
const MODIFY_AUTHENTICATION: Technique = { id: 'T1556', name: 'Modify Authentication Process' };

export const detector: Detector = {
  id: 'oplog.security_disabled',
  version: 2,
  severity: 'high',
  technique: IMPAIR_DEFENSES,
  kinds: ['admin.setting_changed', 'admin.operation'],
  title: 'Security setting turned off',
  detect,
};

function detect(events: readonly EventRow[]): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  // The same log line may reach us as a typed change and as a raw operation: report it once.
  const reported = new Set<string>();

  for (const event of events) {
    const change = settingChangeOf(event);
    const how = change ? weakeningOf(change) : null;
    if (!change || !how) continue;

    const area = securityArea(change) ?? passwordSection(change);
    if (!area) continue;

    const key = [event.occurredAt, event.actorEmail, change.section, change.setting].join('\0');
    if (reported.has(key)) continue;

    reported.add(key);
    drafts.push(toDraft(event, change, area, how));
  }
  return drafts;
}

type How = 'off' | Weakening;

function weakeningOf(change: SettingChange): How | null {
  return turnsOff(change) ? 'off' : numericWeakening(change);
}

/** Zoom groups password rules under their own section ("Password requirement"). */
function passwordSection(change: SettingChange): SecurityArea | null {
  return /password|sign-?in/i.test(change.section) ? 'authentication' : null;
}

/** The verb of the explanation: what the change did to the setting. */
const VERBS: Record<How, string> = {
  off: 'turned off',
  lowered: 'weakened (lowered)',
  lengthened: 'weakened (lengthened)',
};

function settingChangeOf(event: EventRow): SettingChange | null {
  if (event.kind === 'admin.setting_changed') {
    const typed = settingChangeFromDetail(event.detail);
    if (typed) return typed;
  }
  return event.text ? parseSettingChange(event.text) : null;
}

function toDraft(
  event: EventRow,
  change: SettingChange,
  area: SecurityArea,
  how: How,
): FindingDraft {
  const operator = event.actorEmail?.toLowerCase() ?? null;
  const target = event.targetEmail?.toLowerCase() ?? null;
  const setting = change.section ? `${change.section}: ${change.setting}` : change.setting;

  const forWhom = target && target !== operator ? ` for ${plainLabel(target)}` : '';
  const explanation =
    `${plainLabel(operator)} ${VERBS[how]} "${plainLabel(setting, 120)}"${forWhom} ` +
    `(from ${plainLabel(change.from, 20)} to ${plainLabel(change.to, 20)}) ` +
    `at ${formatUtc(event.occurredAt)}.`;

  return {
    evidenceEventIds: [event.id],
    values: {
      operator,
      target,
      section: change.section.slice(0, MAX_VALUE),
      setting: change.setting.slice(0, MAX_VALUE),
      from: change.from.slice(0, MAX_VALUE),
      to: change.to.slice(0, MAX_VALUE),
      area,
      change: how,
    },
    subject: operator ?? target,
    explanation,
    firstEventAt: event.occurredAt,
    lastEventAt: event.occurredAt,
    technique: area === 'authentication' ? MODIFY_AUTHENTICATION : IMPAIR_DEFENSES,
  };
}
