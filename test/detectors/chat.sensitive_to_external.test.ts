import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runDetection } from '../../main/detect/engine.ts';
import { findSensitive, luhnValid } from '../../main/detect/secrets.ts';
import { listFindings } from '../../main/store/findings.ts';
import { MINUTE, openDetectStore, T0, type DetectStore } from '../helpers/detect-db.ts';

let store: DetectStore;
beforeEach(() => (store = openDetectStore()));
afterEach(() => store.close());

function direct(text: string, to: string, at = T0): string {
  return store.event({
    kind: 'chat.message_sent',
    occurredAt: at,
    actorEmail: 'alice@acme.example',
    targetEmail: to,
    messageId: `m-${at}`,
    text,
  });
}

function inChannel(text: string, channelId: string, at = T0): string {
  return store.event({
    kind: 'chat.message_sent',
    occurredAt: at,
    actorEmail: 'alice@acme.example',
    channelId,
    channelName: channelId,
    messageId: `m-${at}`,
    text,
  });
}

const findings = () => listFindings(store.db, { detectorId: 'chat.sensitive_to_external' });

describe('chat.sensitive_to_external', () => {
  it('fires on a Luhn-valid card number sent to an external contact, masked', () => {
    direct('card for the invoice: 4111 1111 1111 1111 exp 12/29', 'eve@partner.example');

    runDetection(store.db, { now: T0 });
    const [finding, ...rest] = findings();

    expect(rest).toHaveLength(0);
    expect(finding?.values).toMatchObject({
      recipient: 'eve@partner.example',
      matches: [{ type: 'card', masked: 'Visa card ending 1111' }],
    });
    expect(finding?.explanation).toBe(
      'alice@acme.example sent a chat message containing Visa card ending 1111 to ' +
        "eve@partner.example, outside the account's domains.",
    );
    expect(JSON.stringify(finding)).not.toContain('4111 1111 1111 1111');
    expect(JSON.stringify(finding)).not.toContain('4111111111111111');
  });

  it('fires on an AWS key in a channel with an external member, never showing the key', () => {
    store.member('deal-room', 'alice@acme.example');
    store.member('deal-room', 'mallory@outside.example');
    inChannel('creds AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI', 'deal-room');

    runDetection(store.db, { now: T0 });
    const [finding] = findings();

    expect(finding?.values).toMatchObject({
      channelId: 'deal-room',
      externalMembers: ['mallory@outside.example'],
      matches: [{ type: 'aws_access_key', masked: 'AWS key AKIA…MPLE' }],
    });
    expect(JSON.stringify(finding)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it("trusts Zoom's is_external flag and finds private key blocks", () => {
    store.member('vendors', 'guest@acme.example', true);
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----';
    inChannel(key, 'vendors');

    runDetection(store.db, { now: T0 });
    expect(findings()[0]?.values.matches).toEqual([
      { type: 'private_key', masked: 'RSA private key block' },
    ]);
  });

  it('never fires for internal recipients, Luhn failures or numbers inside longer runs', () => {
    store.member('internal', 'bob@acme.example');
    store.member('internal', 'carol@eu.acme.example', false);
    direct('4111 1111 1111 1111', 'bob@acme.example');
    inChannel('AKIAIOSFODNN7EXAMPLE', 'internal', T0 + MINUTE);
    direct('4111 1111 1111 1112', 'eve@partner.example', T0 + 2 * MINUTE);
    direct('order 99 4111 1111 1111 1111 42', 'eve@partner.example', T0 + 3 * MINUTE);
    direct('ts 1714727564000 and +49 30 1234 5678', 'eve@partner.example', T0 + 4 * MINUTE);

    runDetection(store.db, { now: T0 });
    expect(findings()).toHaveLength(0);
  });

  it('reports a secret once per message even when the message is edited', () => {
    direct('5555 5555 5555 4444', 'eve@partner.example');
    store.event({
      kind: 'chat.message_updated',
      occurredAt: T0 + MINUTE,
      actorEmail: 'alice@acme.example',
      targetEmail: 'eve@partner.example',
      messageId: `m-${T0}`,
      text: 'sorry: 5555 5555 5555 4444 and ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    });

    runDetection(store.db, { now: T0 });
    const masked = findings().map((finding) => finding.values.matches);
    expect(masked).toHaveLength(2);
    expect(masked).toContainEqual([{ type: 'card', masked: 'Mastercard ending 4444' }]);
    expect(masked).toContainEqual([{ type: 'github_token', masked: 'GitHub token ghp_…6789' }]);
  });

  it('scans a megabyte of hostile text quickly and safely', () => {
    const hostile = [
      '<img src=x onerror=alert(1)>',
      '\u202egnp.exe',
      '1 '.repeat(200_000),
      '-----BEGIN '.repeat(20_000),
      'AKIA'.repeat(50_000),
      '9'.repeat(200_000),
    ].join('');
    expect(hostile.length).toBeGreaterThan(1_000_000);

    const started = performance.now();
    const matches = findSensitive(hostile);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(matches).toEqual([]);

    direct(`${hostile}\nsee: 4111-1111-1111-1111`, 'eve@partner.example\u202e');
    runDetection(store.db, { now: T0 });
    const [finding] = findings();
    expect(finding?.values.matches).toEqual([{ type: 'card', masked: 'Visa card ending 1111' }]);
    expect(finding?.explanation).not.toContain('\u202e');
  });

  it('checks Luhn the standard way', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('378282246310005')).toBe(true);
  });
});
