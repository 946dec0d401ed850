/**
 * The built page in Chromium: it carries the strict CSP, runs under it (the app renders from
 * 'self' scripts), and the CSP refuses inline script, foreign images and any network from the
 * renderer. (eval cannot be probed from here: DevTools-evaluated code is exempt from CSP.)
 * Requests the page sends through the bridge are validated by the real router.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../main/shell/policies.ts';
import { buildRenderer, launchApp, serveStatic } from '../helpers/ui-harness.ts';
import type { AppHarness } from '../helpers/ui-harness.ts';

let dist: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let dataDir: string;
let app: AppHarness;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
  dist = await buildRenderer();
  server = await serveStatic(dist);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-csp-data-'));
  app = await launchApp(server.url, dataDir);
  page = app.page;
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(server.url);
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await server?.close();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the built page under its Content-Security-Policy', () => {
  it('carries the CSP in the page itself, identical to the one main sends', () => {
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];

    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=|<style/);
  });

  it('runs the app from its own scripts with that policy in force', async () => {
    const policy = await page.evaluate(() =>
      document.querySelector('meta[http-equiv="Content-Security-Policy"]')
        ?.getAttribute('content'));

    expect(policy).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.getByRole('button', { name: 'Try the demo tenant' }).isVisible()).toBe(true);
  });

  it('refuses inline script', async () => {
    const outcome = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { inline: (window as unknown as { __inline?: number }).__inline, seen };
    });

    expect(outcome.inline).toBeUndefined();
    expect(outcome.seen).toContain('script-src-elem');
  });

  it('lets the renderer open no network connection, not even to its own origin', async () => {
    const result = await page.evaluate(async (url) => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      try {
        await fetch(url);
        return { fetched: true, seen };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { fetched: false, seen };
      }
    }, server.url);

    expect(result).toEqual({ fetched: false, seen: ['connect-src'] });
  });

  it('refuses images from any other origin', async () => {
    const loaded = await page.evaluate(async () => {
      const seen: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
      const img = document.createElement('img');
      const outcome = new Promise<string>((resolve) => {
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('refused');
      });
      img.src = 'http://localhost:9/x.png';
      document.body.append(img);
      const result = await outcome;
      img.remove();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { result, seen };
    });

    expect(loaded).toEqual({ result: 'refused', seen: ['img-src'] });
  });

  it('has an invalid request from the page refused by the router, readably', async () => {
    const reply = await page.evaluate(() =>
      (window as unknown as { zi: { invoke(c: string, r: unknown): Promise<unknown> } }).zi
        .invoke('events.page', { filter: { kinds: ['<script>'] }, limit: 'all' }));

    expect(reply).toMatchObject({
      ok: false,
      error: {
        kind: 'invalid_request',
        message: expect.stringMatching(/^The request "events.page" was refused: filter\.kinds\.0/),
      },
    });
  });
});
