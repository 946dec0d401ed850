/**
 * Every response action the CLI offers is offered by the app too (issue 5): deactivating the
 * actor of an event after confirming the exact target, account and Zoom call, and both e-mail
 * actions on an anomaly, rendered and sent to a real SMTP server on 127.0.0.1. Same harness as
 * app.test.ts: the real router, data worker, SQLite file, keychain and demo tenant.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { saveSmtpSettings } from '../../main/actions/email/smtp-settings.ts';
import { defaultDemoEndDate } from '../../main/app/demo-job.ts';
import { databasePath } from '../../main/app/data-dir.ts';
import { KeytarCredentialStore } from '../../main/credentials/keytar-store.ts';
import type { DemoUser, TenantData } from '../../main/demo/model.ts';
import { generateTenant } from '../../main/demo/organisation.ts';
import { startDemoTenant } from '../../main/demo/server.ts';
import type { DemoTenant } from '../../main/demo/server.ts';
import { openDatabase } from '../../main/store/db.ts';
import { startSmtpSink, SMTP_PASSWORD, SMTP_USER } from '../helpers/smtp-sink.ts';
import type { SmtpSink } from '../helpers/smtp-sink.ts';
import { buildRenderer, launchApp, serveStatic } from '../helpers/ui-harness.ts';
import type { AppHarness } from '../helpers/ui-harness.ts';

const CANARY = 'deactivatecanary';

let dist: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let tenant: DemoTenant;
let data: TenantData;
let dataDir: string;
let app: AppHarness;
let page: Page;
let sink: SmtpSink;
let victim: DemoUser;

/** A message from an active user that the timeline search finds by its canary word. */
function plantMessage(tenantData: TenantData): DemoUser {
  const active = new Set(tenantData.users.filter((u) => u.status === 'active').map((u) => u.id));
  const base = tenantData.messages
    .filter((m) => m.to_channel && !m.deleted_at && active.has(m.sender_user_id))
    .sort((a, b) => b.timestamp - a.timestamp)[0];
  if (!base) throw new Error('the demo tenant has no channel message from an active user');
  tenantData.messages.push({
    ...base, id: `{${crypto.randomUUID().toUpperCase()}}`, message: `${CANARY} hello`, edits: [],
  });
  return tenantData.users.find((u) => u.id === base.sender_user_id)!;
}

beforeAll(async () => {
  dist = await buildRenderer();
  server = await serveStatic(dist);
  data = generateTenant({ seed: 11, endDate: defaultDemoEndDate() });
  victim = plantMessage(data);
  tenant = await startDemoTenant({ data });
  sink = await startSmtpSink();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-ui-actions-'));
  app = await launchApp(server.url, dataDir);
  page = app.page;

  await app.worker.call('instances.add', {
    name: 'acme-actions',
    accountId: tenant.accountId,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    adminEmail: 'it-admin@acme.example',
    apiBaseUrl: tenant.apiBaseUrl,
    oauthBaseUrl: tenant.oauthBaseUrl,
  });
  const finished = new Promise<void>((resolve) => {
    app.worker.on('sync.finished', () => resolve());
  });
  await app.worker.call('sync.start', { name: 'acme-actions' });
  await finished;
  await app.worker.call('detect.run', {});

  // The SMTP password goes to the keychain as `settings smtp set` puts it; the worker reads it
  // back through main, as it does the Zoom secrets.
  const db = openDatabase(databasePath(dataDir));
  try {
    await saveSmtpSettings(db, new KeytarCredentialStore(), {
      host: '127.0.0.1', port: sink.port, security: 'none', user: SMTP_USER,
      from: 'investigator@acme.example', fromName: 'Zoom Investigator',
    }, SMTP_PASSWORD);
  } finally {
    db.close();
  }
  await page.goto(server.url);
}, 300_000);

afterAll(async () => {
  await app?.worker.call('instances.remove', { name: 'acme-actions', purge: false })
    .catch(() => null);
  await new KeytarCredentialStore().deleteAll('smtp').catch(() => undefined);
  await app?.close();
  await tenant?.close();
  await sink?.close();
  await server?.close();
  fs.rmSync(dist, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function go(screen: string): Promise<void> {
  await page.click(`button[data-screen="${screen}"]`);
}

describe('response actions in the app (issue 5)', () => {
  it('deactivates the actor of an event after confirming target, account and call', async () => {
    await go('timeline');
    await page.getByLabel('Search').fill(CANARY);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.locator('.timeline-row').count(), { timeout: 30_000 }).toBe(1);
    await page.locator('.timeline-row').first().click();
    const detail = page.getByRole('complementary', { name: 'Event detail' });
    for (const name of ['Deactivate user…', 'Reactivate user…', 'Revoke SSO…']) {
      await detail.getByRole('button', { name }).waitFor();
    }

    await detail.getByRole('button', { name: 'Deactivate user…' }).click();
    const preview = page.getByTestId('action-preview');
    await preview.waitFor();
    const text = await preview.textContent();
    expect(text).toContain('acme-actions');
    expect(text).toContain(tenant.accountId);
    expect(text).toContain(victim.email);
    const call = await preview.locator('.call').textContent();
    expect(call).toMatch(/^PATCH|^PUT/);
    expect(call).toContain(`127.0.0.1`);
    expect(call).toContain('/status');

    await page.getByRole('button', { name: 'Deactivate in Zoom' }).click();
    const outcome = page.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/^done/);
    expect(await page.getByTestId('audit-entry').textContent()).toContain('deactivate-user');
    expect(tenant.data.users.find((u) => u.id === victim.id)?.status).toBe('inactive');
    await page.getByRole('button', { name: 'Done' }).click();
  }, 120_000);

  it('renders and sends both e-mails from an anomaly', async () => {
    await page.getByRole('button', { name: 'Close detail' }).click();
    await go('anomalies');
    const first = page.locator('button.finding').first();
    await first.waitFor();
    await first.click();
    const detail = page.getByRole('article', { name: 'Anomaly detail' });
    await detail.waitFor();

    await detail.getByRole('button', { name: 'E-mail security team…' }).click();
    await page.getByLabel('Recipients').fill('soc@acme.example');
    await page.getByRole('button', { name: 'Use these recipients' }).click();
    await expect.poll(() => page.getByTestId('email-recipients').textContent()
      .catch(() => ''), { timeout: 30_000 }).toContain('soc@acme.example');
    const body = await page.getByTestId('email-text').textContent();
    expect(body?.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Send e-mail' }).click();
    const outcome = page.getByTestId('action-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/^done/);
    expect(await page.getByTestId('audit-entry').textContent()).toContain('email-list');
    expect(sink.received.some((m) => m.to.includes('soc@acme.example'))).toBe(true);
    await page.getByRole('button', { name: 'Done' }).click();

    await detail.getByRole('button', { name: 'E-mail the user…' }).click();
    // Not every anomaly is about a user: then the refusal says so, as the CLI's does.
    const shown = page.getByTestId('email-preview').or(page.locator('.modal .banner-error'));
    await shown.first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);
});
