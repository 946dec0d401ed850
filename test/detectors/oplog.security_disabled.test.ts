import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { parseSettingChange } from '../../main/detect/oplog.ts';
import { listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

function settingChanged(section: string, setting: string, from: string, to: string, at = T0) {
  return store.event({
    kind: 'admin.setting_changed',
    occurredAt: at,
    actorEmail: 'admin@acme.example',
    text: `${section}  - ${setting}: from ${from} to ${to}`,
    detail: { section, setting, from, to },
  });
}

const findings = () => listFindings(store.db, { detectorId: 'oplog.security_disabled' });

describe('oplog.security_disabled', () => {
  it('fires when two-factor authentication is turned off, as T1556', () => {
    settingChanged('Security', 'Sign in with Two-Factor Authentication', 'On', 'Off');

    runDetection(store.db, { now: T0 });
    const [finding, ...rest] = findings();

    expect(rest).toHaveLength(0);
    expect(finding?.severity).toBe('high');
    expect(finding?.technique).toEqual({ id: 'T1556', name: 'Modify Authentication Process' });
    expect(finding?.subject).toBe('admin@acme.example');
    expect(finding?.explanation).toBe(
      'admin@acme.example turned off "Security: Sign in with Two-Factor Authentication" ' +
        '(from On to Off) at 2026-11-02 08:00 UTC.',
    );
  });

  it('fires for passcodes, waiting room and encryption, as T1562', () => {
    settingChanged('Meeting', 'Require a passcode when scheduling new meetings', 'true', 'false');
    settingChanged('Meeting', 'Waiting Room', 'Enabled', 'Disabled', T0 + MINUTE);
    settingChanged('Meeting', 'Allow use of end-to-end encryption', 'On', 'Off', T0 + 2 * MINUTE);

    runDetection(store.db, { now: T0 });
    expect(findings().map((finding) => finding.technique?.id)).toEqual(['T1562', 'T1562', 'T1562']);
  });

  it('never fires when a security setting is turned on, or for other settings', () => {
    settingChanged('Security', 'Sign in with Two-Factor Authentication', 'Off', 'On');
    settingChanged('Meeting', 'Waiting Room', 'false', 'true', T0 + MINUTE);
    settingChanged('Meeting', 'Play sound when participants join', 'On', 'Off', T0 + 2 * MINUTE);

    runDetection(store.db, { now: T0 });
    expect(findings()).toHaveLength(0);
  });

  it('reads the sentence of an unclassified operation defensively', () => {
    store.event({
      kind: 'admin.operation',
      occurredAt: T0,
      actorEmail: 'admin@acme.example',
      text: 'Meeting  - Waiting Room: from On to Off',
    });
    store.event({
      kind: 'admin.operation',
      occurredAt: T0 + MINUTE,
      actorEmail: 'admin@acme.example',
      text: 'Deactivate user bob@acme.example',
    });

    runDetection(store.db, { now: T0 });
    expect(findings().map((finding) => finding.values.setting)).toEqual(['Waiting Room']);
  });

  it('parses the operation log grammar and rejects other sentences', () => {
    expect(parseSettingChange('Security  - Sign in with Two-Factor Authentication: from On to Off'))
      .toEqual({
        section: 'Security',
        setting: 'Sign in with Two-Factor Authentication',
        from: 'On',
        to: 'Off',
      });
    expect(parseSettingChange('Update user bob@acme.example')).toBeNull();
    expect(parseSettingChange(`Security  - x: from On to ${'Off'.repeat(1_000)}`)).toBeNull();
  });
});

describe('oplog.security_disabled, weakened rather than off', () => {
  it('fires when the minimum password length is lowered or sign-out stops', () => {
    settingChanged('Security', 'Minimum password length', '10', '6');
    settingChanged('Security', 'Automatically sign users out after a specified amount of time',
      '15 minutes', 'Never', T0 + MINUTE);
    settingChanged('Security', 'Sign users out after idle time', '30 minutes', '8 hours',
      T0 + 2 * MINUTE);

    runDetection(store.db, { now: T0 });
    const found = findings().sort((a, b) => a.firstEventAt - b.firstEventAt);
    expect(found.map((f) => f.values.change)).toEqual(['lowered', 'lengthened', 'lengthened']);
    expect(found[0]?.explanation).toBe(
      'admin@acme.example weakened (lowered) "Security: Minimum password length" (from 10 to 6) ' +
        'at 2026-11-02 08:00 UTC.',
    );
    expect(found[0]?.technique?.id).toBe('T1556');
  });

  it('never fires when the rules are tightened', () => {
    settingChanged('Security', 'Minimum password length', '6', '12');
    settingChanged('Security', 'Automatically sign users out after a specified amount of time',
      'Never', '30 minutes', T0 + MINUTE);
    settingChanged('Meeting', 'Maximum participants', '300', '100', T0 + 2 * MINUTE);

    runDetection(store.db, { now: T0 });
    expect(findings()).toHaveLength(0);
  });
});
