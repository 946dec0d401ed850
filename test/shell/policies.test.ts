import { describe, expect, it } from 'vitest';

import {
  externalLinkDecision,
  navigationDecision,
  permissionDecision,
  senderDecision,
  windowOpenDecision,
} from '../../main/shell/policies.ts';
import type { AppLocation } from '../../main/shell/policies.ts';

const packaged: AppLocation = { kind: 'file', url: 'file:///opt/zi/resources/app.asar/out/renderer/index.html' };
const dev: AppLocation = { kind: 'origin', origin: 'http://127.0.0.1:5173' };

describe('externalLinkDecision (B30)', () => {
  const links = [
    'file:///C:/Windows/System32/calc.exe',
    'smb://203.0.113.5/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'HTTPS://example.com/x',
    'mailto:someone@example.org',
  ];

  it('lets exactly https and mailto of the six field-report links through', () => {
    const opened = links.map(externalLinkDecision).filter((d) => d.open);

    expect(opened).toEqual([
      { open: true, url: 'https://example.com/x' },
      { open: true, url: 'mailto:someone@example.org' },
    ]);
  });

  it('compares the scheme after parsing, so case and padding tricks fail', () => {
    expect(externalLinkDecision('  JaVaScRiPt:alert(1)').open).toBe(false);
    expect(externalLinkDecision('FILE:///etc/passwd').open).toBe(false);
    expect(externalLinkDecision('Http://example.com').open).toBe(true);
  });

  it('refuses text that is not a URL and links carrying credentials', () => {
    expect(externalLinkDecision('not a url').open).toBe(false);
    expect(externalLinkDecision('https://user:pw@example.com/').open).toBe(false);
  });
});

describe('navigationDecision', () => {
  it('allows the packaged page to reload itself, with any hash', () => {
    const self = 'file:///opt/zi/resources/app.asar/out/renderer/index.html#/timeline';
    expect(navigationDecision(self, packaged).allow).toBe(true);
  });

  it('refuses every other file and every remote page', () => {
    expect(navigationDecision('file:///etc/passwd', packaged).allow).toBe(false);
    expect(navigationDecision('https://example.com/', packaged).allow).toBe(false);
    expect(navigationDecision('http://127.0.0.1:5174/', dev).allow).toBe(false);
    expect(navigationDecision('http://127.0.0.1:5173/index.html', dev).allow).toBe(true);
  });
});

describe('windowOpenDecision and permissionDecision', () => {
  it('denies every new window and every permission', () => {
    expect(windowOpenDecision('https://example.com').allow).toBe(false);
    expect(windowOpenDecision('about:blank').allow).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      expect(permissionDecision(permission).allow).toBe(false);
    }
  });
});

describe('senderDecision', () => {
  const ours = { frameUrl: packaged.url, isMainFrame: true, isAppWindow: true };

  it('accepts only the top frame of our window showing our page', () => {
    expect(senderDecision(ours, packaged).allow).toBe(true);
    expect(senderDecision({ ...ours, isMainFrame: false }, packaged).allow).toBe(false);
    expect(senderDecision({ ...ours, isAppWindow: false }, packaged).allow).toBe(false);
    expect(senderDecision({ ...ours, frameUrl: 'https://evil.example/' }, packaged).allow)
      .toBe(false);
    expect(senderDecision({ ...ours, frameUrl: null }, packaged).allow).toBe(false);
  });
});
