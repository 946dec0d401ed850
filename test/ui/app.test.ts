/**
 * The investigator UI in Debian's Chromium, backed by the real router, data worker, SQLite file,
 * keychain and demo tenant: connect an account, sync, filter, search, open an event, open an
 * anomaly, delete a message with confirmation, and see the audit entry. Screenshots of every
 * screen go to docs/screenshots/.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultDemoEndDate } from '../../main/app/demo-job.ts';
import type { TenantData } from '../../main/demo/model.ts';
import { generateTenant } from '../../main/demo/organisation.ts';
import { startDemoTenant } from '../../main/demo/server.ts';
import type { DemoTenant } from '../../main/demo/server.ts';
import { buildRenderer, launchApp, screenshot, serveStatic } from '../helpers/ui-harness.ts';
import type { AppHarness } from '../helpers/ui-harness.ts';

const XSS_TEXT = '"><img src=x onerror="window.__xss=1;require(\'child_process\')"> ' +
  '<svg onload=alert(1)> <iframe src="javascript:alert(1)"> xsscanary';
const XSS_NAME = '<img src=x onerror="window.__xss=2">Mallory';
const LINK_TEXT = 'linkcanary see HTTPS://example.com/x or mailto:someone@example.org, ' +
  'not file:///C:/Windows/System32/calc.exe nor smb://203.0.113.5/share';

let dist: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let tenant: DemoTenant;
let data: TenantData;
let dataDir: string;
let app: AppHarness;
let page: Page;

/** Two planted messages that travel through the tenant's wire format and sync like any other. */
function plantMessages(tenantData: TenantData): void {
  // The newest plain channel message: well inside the window a first sync fetches.
  const base = tenantData.messages
    .filter((m) => m.to_channel && !m.deleted_at && m.edits.length === 0)
    .sort((a, b) => b.timestamp - a.timestamp)[0];
  if (!base) throw new Error('the demo tenant has no plain channel message to copy');

  const copy = (text: string, extra: Partial<typeof base>) => ({
    ...base, id: `{${crypto.randomUUID().toUpperCase()}}`, message: text, edits: [], ...extra,
  });
  tenantData.messages.push(copy(XSS_TEXT, { sender_display_name: XSS_NAME }));
  tenantData.messages.push(copy(LINK_TEXT, {}));
}

/**
 * Waits until a check in the page holds. Playwright's waitForFunction compiles its predicate
 * inside the page, which this page's CSP (no 'unsafe-eval') rightly refuses.
 */
async function until(check: (arg: string | number) => boolean, arg: string | number = 0) {
  await expect.poll(() => page.evaluate(check, arg), { timeout: 30_000 }).toBe(true);
}

async function go(screen: string): Promise<void> {
  await page.click(`button[data-screen="${screen}"]`);
}

beforeAll(async () => {
  dist = await buildRenderer();
  server = await serveStatic(dist);
  data = generateTenant({ seed: 7, endDate: defaultDemoEndDate() });
  plantMessages(data);
  tenant = await startDemoTenant({ data });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-ui-data-'));
  app = await launchApp(server.url, dataDir);
  page = app.page;
  await page.goto(server.url);
}, 240_000);

afterAll(async () => {
  await app?.worker.call('instances.remove', { name: 'acme', purge: false }).catch(() => null);
  await app?.close();
  await tenant?.close();
  await server?.close();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the investigator UI', () => {
  it('offers the demo tenant when no account is connected', async () => {
    await page.getByRole('heading', { name: 'No account connected yet' }).waitFor();

    expect(await page.getByRole('button', { name: 'Try the demo tenant' }).isVisible()).toBe(true);
    await screenshot(page, 'instances-empty');
  });

  it('adds an account; the secret goes to the keychain and is never shown again', async () => {
    await page.getByRole('button', { name: 'Connect an account' }).click();
    const form = page.getByRole('form', { name: 'Account form' });
    await form.locator('input[name=name]').fill('acme');
    await form.locator('input[name=adminEmail]').fill('it-admin@acme.example');
    await form.locator('input[name=accountId]').fill(tenant.accountId);
    await form.locator('input[name=clientId]').fill(tenant.clientId);
    await form.locator('input[name=clientSecret]').fill(tenant.clientSecret);
    await form.locator('input[name=apiBaseUrl]').fill(tenant.apiBaseUrl);
    await form.locator('input[name=oauthBaseUrl]').fill(tenant.oauthBaseUrl);
    await form.getByRole('button', { name: 'Add account' }).click();

    const row = page.locator('tr[data-instance="acme"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('in keychain');
    expect(await page.content()).not.toContain(tenant.clientSecret);

    await row.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(`Connected to account ${tenant.accountId}.`).waitFor();
    await screenshot(page, 'instances');
  });

  it('explains a wrong secret in plain words, and edits and removes an account', async () => {
    await page.getByRole('button', { name: 'Add account' }).first().click();
    const form = page.getByRole('form', { name: 'Account form' });
    await form.locator('input[name=name]').fill('wrong-secret');
    await form.locator('input[name=adminEmail]').fill('it-admin@acme.example');
    // Another account ID: one Zoom account is connected once (S2S tokens would fight, B08).
    await form.locator('input[name=accountId]').fill(`${tenant.accountId}2`);
    await form.locator('input[name=clientId]').fill(tenant.clientId);
    await form.locator('input[name=clientSecret]').fill('not-the-secret-at-all');
    await form.locator('input[name=apiBaseUrl]').fill(tenant.apiBaseUrl);
    await form.locator('input[name=oauthBaseUrl]').fill(tenant.oauthBaseUrl);
    await form.getByRole('button', { name: 'Add account' }).click();
    const row = page.locator('tr[data-instance="wrong-secret"]');
    await row.getByRole('button', { name: 'Test connection' }).click();
    const answer = page.locator('tr.test-result .banner-error');
    await answer.waitFor();
    expect(await answer.textContent()).toMatch(/App Credentials/);
    await screenshot(page, 'instances-wrong-secret');

    await row.getByRole('button', { name: 'Edit' }).click();
    await form.locator('input[name=adminEmail]').fill('security@acme.example');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.textContent()).toContain('security@acme.example');

    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove wrong-secret?' })
      .getByRole('button', { name: 'Remove account' }).click();
    await row.waitFor({ state: 'detached' });
  });

  it('syncs with progress per stream and shows the result', async () => {
    await go('sync');
    await page.locator('[data-sync-instance="acme"]').getByRole('button', { name: 'Sync now' })
      .click();
    const done = page.getByTestId('sync-finished');
    await done.waitFor({ timeout: 180_000 });

    expect(await done.textContent()).toMatch(/acme: Sync ok: \d+ new events\./);
    await page.locator('[data-sync-instance="acme"] .sync-ok').first().waitFor();
    await screenshot(page, 'sync-status');
  }, 200_000);

  it('lists events newest first, never sizing an element to the whole data set (B25)', async () => {
    await go('timeline');
    await page.locator('.timeline-row').first().waitFor();

    const times = await page.locator('.timeline-row .when').allTextContents();
    expect(times.length).toBeGreaterThan(10);
    expect([...times].sort().reverse()).toEqual(times);

    const tallest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll<HTMLElement>('*')].map((e) => e.offsetHeight)));
    expect(tallest).toBeLessThan(15_000_000);
    await screenshot(page, 'timeline');
  });

  it('walks the timeline by keyboard and jumps to the very first event with End', async () => {
    const oldest = await app.worker.call('events.page', {
      filter: {}, after: { occurredAt: 0, seq: 0 }, limit: 1,
    }) as { rows: Array<{ id: string }> };

    await page.getByTestId('timeline').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    const id = oldest.rows[0]!.id;
    await until((eventId) => {
      const row = document.querySelector(`.timeline-row[data-event-id="${eventId}"]`);
      const box = document.querySelector('.timeline-scroll')?.getBoundingClientRect();
      const rect = row?.getBoundingClientRect();
      return !!rect && !!box && rect.top >= box.top - 1 && rect.bottom <= box.bottom + 1;
    }, id);

    await page.keyboard.press('Home');
    await page.locator('.timeline-row').first().waitFor();
  });

  it('filters by kind and searches the full text', async () => {
    await page.getByLabel('Stream or kind').selectOption('chat.message_deleted');
    await until(() => {
      const badges = [...document.querySelectorAll('.timeline-row .badge')];
      return badges.length > 0 && badges.every((b) => b.textContent === 'Message deleted');
    });

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Search').fill('linkcanary');
    await page.getByRole('button', { name: 'Apply' }).click();
    await until(() => document.querySelectorAll('.timeline-row').length === 1);
    expect(await page.locator('.timeline-row .what').textContent()).toContain('linkcanary');
  });

  it('opens an event: UTC and local side by side, raw JSON as text, its hash', async () => {
    await page.getByLabel('Time zone').selectOption('America/New_York');
    await page.locator('.timeline-row').first().click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByTestId('message-text').waitFor();

    const times = await detail.locator('.both-times').textContent();
    expect(times).toMatch(/UTC\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(times).toMatch(/America\/New_York.*E[SD]T \(UTC\u22124|5\)/);

    await detail.getByRole('tab', { name: /Raw JSON/ }).click();
    const raw = await detail.getByTestId('raw-json').textContent();
    expect(raw).toContain('linkcanary');
    expect(await detail.textContent()).toMatch(/SHA-256 [0-9a-f]{64}/);
    await screenshot(page, 'event-detail');
  });

  it('opens only http, https and mailto links from chat, through main (B30)', async () => {
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByRole('tab', { name: 'Fields' }).click();
    const links = detail.getByTestId('message-text').locator('button.link');

    expect(await links.allTextContents()).toEqual([
      'HTTPS://example.com/x', 'mailto:someone@example.org,',
    ]);
    await links.first().click();
    await expect.poll(() => app.opened).toEqual(['https://example.com/x']);
    expect(await detail.getByTestId('message-text').textContent()).toContain('smb://203.0.113.5');
  });

  it('shows a script-bearing chat message as text, and no script runs (B28)', async () => {
    await page.getByRole('button', { name: 'Close detail' }).click();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Search').fill('xsscanary');
    await page.getByRole('button', { name: 'Apply' }).click();
    await until(() => document.querySelectorAll('.timeline-row').length === 1);
    await page.locator('.timeline-row').first().click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByTestId('message-text').waitFor();
    await detail.getByRole('tab', { name: /Raw JSON/ }).click();
    await detail.getByTestId('raw-json').waitFor();

    const rowText = await page.locator('.timeline-row .what').textContent();
    expect(rowText).toContain('"><img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss))
      .toBeUndefined();
    const created = await page.evaluate(() => ({
      inRows: document.querySelectorAll('.timeline-scroll img, .timeline-scroll svg, ' +
        '.timeline-scroll iframe').length,
      inDetail: document.querySelectorAll('.detail img, .detail svg, .detail iframe').length,
      anywhere: document.querySelectorAll('img, iframe').length,
    }));
    expect(created).toEqual({ inRows: 0, inDetail: 0, anywhere: 0 });
    await screenshot(page, 'xss-as-text');
  });

  it('deletes a message only after confirming the exact target and Zoom call', async () => {
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByRole('tab', { name: 'Fields' }).click();
    const messageId = await detail.locator('.field', { hasText: 'Message id' }).locator('dd')
      .textContent();
    await detail.getByRole('button', { name: /Delete message in Zoom/ }).click();

    const preview = page.getByTestId('action-preview');
    await preview.waitFor();
    const call = await preview.locator('.call').textContent();
    expect(call).toMatch(/^DELETE 127\.0\.0\.1:\d+\/v2\/chat\/users\/.+\/messages\//);
    expect(call).toContain(encodeURIComponent(messageId!));
    await screenshot(page, 'action-confirm');

    await page.getByRole('button', { name: 'Delete in Zoom' }).click();
    const outcome = page.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/^done/);
    const audit = await page.getByTestId('audit-entry').textContent();
    expect(audit).toContain('delete-message');
    expect(tenant.data.messages.find((m) => m.id === messageId)?.deleted_at).toBeDefined();
    await screenshot(page, 'action-outcome');
    await page.getByRole('button', { name: 'Done' }).click();
  });

  it('lists the action in the audit log', async () => {
    await page.getByRole('button', { name: 'Close detail' }).click();
    await go('audit');
    const table = page.getByTestId('audit-table');
    await table.waitFor();

    expect(await table.textContent()).toMatch(/delete-message.*done/);
    await screenshot(page, 'audit');
  });

  it('opens an anomaly and shows its evidence on the timeline', async () => {
    await go('anomalies');
    const first = page.locator('button.finding').first();
    await first.waitFor();
    await first.click();
    const detail = page.getByRole('article', { name: 'Anomaly detail' });
    await detail.waitFor();
    const heading = await detail.locator('h3', { hasText: 'Evidence' }).textContent();
    const count = Number(/\((\d+)\)/.exec(heading ?? '')?.[1]);
    await screenshot(page, 'anomalies');

    await detail.getByRole('button', { name: 'Open incident…' }).click();
    const preview = page.getByTestId('action-preview');
    await preview.waitFor();
    expect(await preview.locator('.call').textContent()).toMatch(/^none: an incident is a local record/);
    await page.getByRole('button', { name: 'Open incident', exact: true }).click();
    const outcome = page.getByTestId('action-outcome');
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/^created: Opened incident #\d+/);
    expect(await page.getByTestId('audit-entry').textContent()).toContain('incident.open');
    await page.getByRole('button', { name: 'Done' }).click();

    await detail.getByRole('button', { name: 'Show on timeline' }).click();
    await page.getByText(/Showing the \d+ evidence events of/).waitFor();
    await until((n) => {
      const rows = document.querySelectorAll('.timeline-row').length;
      return rows > 0 && rows <= Number(n);
    }, count);
    await screenshot(page, 'anomaly-on-timeline');
  });

  it('shows one person around a moment across accounts', async () => {
    await page.locator('.timeline-row').first().click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    await detail.getByRole('button', { name: 'Person around this moment' }).click();
    await page.getByRole('heading', { name: /^Sign-ins \(\d+\)$/ }).waitFor();

    expect(await page.locator('.person-grid').textContent()).toContain('acme');
    await screenshot(page, 'person');
  });
});
