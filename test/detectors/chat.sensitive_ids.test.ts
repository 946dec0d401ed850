/** National ids and IBANs for chat.sensitive_to_external: each pattern with its validity rule. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { findSensitive, isIban, isNinoPrefix, isSsn } from '../../main/detect/secrets.ts';
import { listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

function direct(text: string, to: string, at = T0): string {
  return store.event({ kind: 'chat.message_sent', occurredAt: at,
    actorEmail: 'alice@acme.example', targetEmail: to, messageId: `m-${at}`, text });
}

const types = (text: string) => findSensitive(text).map((match) => match.type);

describe('national ids and IBANs', () => {
  it('finds a US SSN only where the SSA rules allow it', () => {
    expect(types('ssn 536-22-1234')).toEqual(['us_ssn']);
    expect(types('ssn 536 22 1234')).toEqual(['us_ssn']);
    for (const bad of ['000-12-1234', '666-12-1234', '912-45-6789', '536-00-1234',
      '536-22-0000', '078-05-1120', '536221234', '536-22-1234-5']) {
      expect(types(`ssn ${bad}`), bad).toEqual([]);
    }
    expect(isSsn('536', '22', '1234')).toBe(true);
  });

  it('finds a UK NI number only with an issued prefix and suffix A-D', () => {
    expect(types('NI AB 12 34 56 C')).toEqual(['uk_nino']);
    expect(types('NI JG103759A')).toEqual(['uk_nino']);
    for (const bad of ['QQ123456C', 'GB123456A', 'AO123456A', 'AB123456E', 'DA123456A']) {
      expect(types(`NI ${bad}`), bad).toEqual([]);
    }
    expect(isNinoPrefix('TN')).toBe(false);
  });

  it('finds an IBAN only when its length and mod-97 check hold, and masks it', () => {
    expect(findSensitive('pay DE89 3704 0044 0532 0130 00 today')).toEqual([
      expect.objectContaining({ type: 'iban', masked: 'DE IBAN ending 3000' }),
    ]);
    expect(types('GB82WEST12345698765432')).toEqual(['iban']);
    expect(types('DE88 3704 0044 0532 0130 00')).toEqual([]);
    expect(types('DE89 3704 0044 0532 0130 0')).toEqual([]);
    expect(isIban('GB82WEST12345698765431')).toBe(false);
  });

  it('raises a finding for an IBAN sent outside, none for a failing one or an internal one', () => {
    direct('account DE89 3704 0044 0532 0130 00', 'eve@partner.example');
    direct('account DE88 3704 0044 0532 0130 00', 'eve@partner.example', T0 + MINUTE);
    direct('account DE89 3704 0044 0532 0130 00', 'bob@acme.example', T0 + 2 * MINUTE);
    direct('NI AB 12 34 56 C, ssn 536-22-1234', 'eve@partner.example', T0 + 3 * MINUTE);

    runDetection(store.db, { now: T0 });
    const found = listFindings(store.db, { detectorId: 'chat.sensitive_to_external' });
    expect(found.map((f) => (f.values.matches as Array<{ type: string }>).map((m) => m.type)))
      .toEqual(expect.arrayContaining([['iban'], ['us_ssn', 'uk_nino']]));
    expect(found).toHaveLength(2);
    expect(JSON.stringify(found)).not.toContain('0532 0130');
  });
});
