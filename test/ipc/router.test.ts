import { describe, expect, it } from 'vitest';

import { createRouter } from '../../main/ipc/router.ts';
import type { Backend } from '../../main/ipc/router.ts';
import type { Logger } from '../../main/log/logger.ts';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc.ts';
import type { Channel } from '../../shared/ipc.ts';
import { CHANNEL_LIST, EVENT_LIST } from '../../shared/ipc-names.ts';

function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
    child: () => logger,
  };
  return logger;
}

function setup(answer: unknown = []) {
  const calls: Array<{ op: Channel; payload: unknown }> = [];
  const opened: string[] = [];
  const lines: string[] = [];
  const backend: Backend = {
    call: async (op, payload) => {
      calls.push({ op, payload });
      return answer;
    },
  };
  const router = createRouter({
    backend,
    openExternal: async (url) => void opened.push(url),
    confirmExternal: async () => true,
    log: recordingLogger(lines),
  });
  return { router, calls, opened, lines };
}

describe('the IPC router', () => {
  it('passes a valid request to the backend and wraps the answer', async () => {
    const { router, calls } = setup([]);

    const reply = await router.handle('instances.list', {});

    expect(reply).toEqual({ ok: true, value: [] });
    expect(calls).toEqual([{ op: 'instances.list', payload: {} }]);
  });

  it('refuses an unknown channel and logs it', async () => {
    const { router, calls, lines } = setup();

    const reply = await router.handle('shell.exec', { command: 'rm -rf /' });

    expect(reply.ok).toBe(false);
    expect(calls).toEqual([]);
    expect(lines.some((l) => l.startsWith('warn') && l.includes('unknown channel'))).toBe(true);
  });

  it('refuses an invalid payload with a readable error, before any service runs', async () => {
    const { router, calls, lines } = setup();

    const reply = await router.handle('events.page', {
      filter: { kinds: ['chat.message_sent', 'not.a.kind'] },
      limit: 1_000_000,
    });

    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.kind).toBe('invalid_request');
    expect(reply.error.message).toMatch(/^The request "events.page" was refused: /);
    expect(reply.error.message).toContain('filter.kinds.1');
    expect(reply.error.message).toContain('limit');
    expect(calls).toEqual([]);
    expect(lines.some((l) => l.startsWith('warn refused events.page'))).toBe(true);
  });

  it('refuses extra keys, so nothing unexpected reaches a handler', async () => {
    const { router, calls } = setup();

    const reply = await router.handle('instances.remove', { name: 'a', purge: false, sql: 'x' });

    expect(reply.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('runs an action only with the explicit confirmation flag', async () => {
    const { router, calls } = setup();

    const request = { kind: 'delete-message', target: 'e1' };
    const unconfirmed = await router.handle('actions.execute', request);
    expect(unconfirmed.ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('takes every CLI action kind; recipients and member targets are checked', async () => {
    const { router, calls } = setup();

    const refused = [
      { kind: 'deactivate-user', target: 'u@acme.example', to: ['soc@acme.example'] },
      { kind: 'remove-member', target: 'channel-without-member' },
      { kind: 'email-list', target: 'f1', to: ['not an address'] },
      { kind: 'email-list', target: 'f1', user: 'u1' },
    ];
    for (const request of refused) {
      expect((await router.handle('actions.preview', request)).ok).toBe(false);
    }
    expect(calls).toEqual([]);

    const accepted = [
      { kind: 'reactivate-user', target: 'u@acme.example' },
      { kind: 'revoke-sso', target: 'u1' },
      { kind: 'remove-member', target: 'c1/guest@other.example' },
      { kind: 'email-list', target: 'f1', to: ['soc@acme.example'] },
      { kind: 'email-user', target: 'f1', user: 'u@acme.example' },
    ];
    for (const request of accepted) await router.handle('actions.preview', request);
    expect(calls).toHaveLength(accepted.length);
  });

  it('opens exactly the https and mailto links of B30 and logs the blocked ones', async () => {
    const { router, opened, lines, calls } = setup();
    const links = [
      'file:///C:/Windows/System32/calc.exe',
      'smb://203.0.113.5/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'HTTPS://example.com/x',
      'mailto:someone@example.org',
    ];

    for (const url of links) await router.handle('links.open', { url });

    expect(opened).toEqual(['https://example.com/x', 'mailto:someone@example.org']);
    expect(lines.filter((l) => l.startsWith('warn blocked a link'))).toHaveLength(4);
    expect(calls).toEqual([]);
  });
});

describe('the preload name lists', () => {
  it('name exactly the channels and events of the contract', () => {
    expect([...CHANNEL_LIST].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...EVENT_LIST].sort()).toEqual([...EVENT_NAMES].sort());
  });
});
