/**
 * E-mail actions against a real SMTP server on 127.0.0.1 (smtp-server), checking what arrived:
 * escaping, link-free text, header injection, refusals, the queue, and exactly-once after a
 * process killed mid-send. Run under scripts/with-keyring.sh: the password is in the keychain.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { listAudit, verifyAuditChain } from '../main/actions/audit.ts';
import { saveUserTemplate } from '../main/actions/email/compose.ts';
import { executeEmail } from '../main/actions/email/execute-email.ts';
import { planEmail } from '../main/actions/email/plan-email.ts';
import { smtpMailer } from '../main/actions/email/send.ts';
import { EMAIL_SCOPE } from '../main/actions/email/smtp-settings.ts';
import type { SmtpSettings } from '../main/actions/email/smtp-settings.ts';
import type { Mailer } from '../main/actions/email/types.ts';
import { listQueue, runQueue } from '../main/actions/queue.ts';
import { databasePath } from '../main/app/data-dir.ts';
import { KeytarCredentialStore } from '../main/credentials/keytar-store.ts';
import { getActionByKey } from '../main/store/actions.ts';
import { openDatabase } from '../main/store/db.ts';
import { addInstance } from '../main/store/instances.ts';
import { setSetting } from '../main/store/settings.ts';
import { FINDING_ID, seedStore } from './helpers/action-store.ts';
import { filesContaining, ROOT, runCli, tempDir } from './helpers/cli.ts';
import { openTempStore } from './helpers/ingest-db.ts';
import type { TempStore } from './helpers/ingest-db.ts';
import { smallTenant } from './helpers/small-tenant.ts';
import {
  headersOf,
  partsOf,
  SMTP_PASSWORD,
  SMTP_USER,
  startSmtpSink,
} from './helpers/smtp-sink.ts';
import type { SmtpSink } from './helpers/smtp-sink.ts';

const CONFIRMED = { confirmed: true, dryRun: false };

describe('e-mail actions through a real SMTP server', () => {
  let sink: SmtpSink;
  let store: TempStore;
  let settings: SmtpSettings;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
  });

  beforeEach(() => {
    sink.received.length = 0;
    sink.refuse.clear();
    sink.holdMs = 0;
    store?.close();
    store = openTempStore();
    seedStore(store.db, store.instance.id, smallTenant());
    settings = { host: '127.0.0.1', port: sink.port, security: 'none', user: SMTP_USER,
      from: 'soc@acme.test', fromName: 'SOC' };
    setSetting(store.db, EMAIL_SCOPE, 'smtp', settings);
  });

  const mailer = (password = SMTP_PASSWORD) => async (): Promise<Mailer> =>
    smtpMailer(settings, password);
  const ctx = () => ({ db: store.db, mailer: mailer() });
  const listPlan = (to = ['soc@acme.test', 'ciso@acme.test']) =>
    planEmail(store.db, { kind: 'email-list', findingId: FINDING_ID, to });

  it('sends the finding to the list: escaped HTML, link-free text, stable Message-ID', async () => {
    const plan = listPlan();
    const result = await executeEmail(ctx(), plan, { ...CONFIRMED, reason: 'tell the SOC' });

    expect(result).toMatchObject({ outcome: 'done', ok: true });
    expect(result.smtpResponse).toMatch(/^250/);
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.to.sort()).toEqual(['ciso@acme.test', 'soc@acme.test']);
    expect(mail.from).toBe('soc@acme.test');

    const headers = headersOf(mail.raw);
    expect(headers).toContain(`Message-ID: ${plan.email.messageId}`);
    expect(plan.email.messageId).toMatch(/^<zi-[0-9a-f]{40}@acme\.test>$/);
    expect(headers.filter((h) => /^bcc:/i.test(h))).toEqual([]);
    const subject = headers.find((h) => h.startsWith('Subject:'))!;
    expect(subject).toContain('Payment request');

    const { text, html } = partsOf(mail.raw);
    expect(text).toContain('Evidence (1 of 1 events):');
    expect(text).toContain('hxxps[:]//pay[.]evil[.]test/now');
    expect(text).not.toMatch(/https?:\/\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;today&lt;/b&gt;');
    expect(html).not.toMatch(/<script|<a\s|https?:\/\//i);

    const done = listAudit(store.db, { outcome: 'done' })[0]!;
    expect(done.reason).toBe('tell the SOC');
    expect(JSON.parse(done.response_json!).response).toMatch(/^250/);
    expect(done.request_json).not.toContain(SMTP_PASSWORD);
  });

  it('sends nothing twice, nothing on a dry run and nothing unconfirmed', async () => {
    const dry = await executeEmail(ctx(), listPlan(), { confirmed: false, dryRun: true });
    const refused = executeEmail(ctx(), listPlan(), { confirmed: false, dryRun: false });
    await expect(refused).rejects.toThrow(/not confirmed. Nothing was sent/);
    await executeEmail(ctx(), listPlan(), CONFIRMED);
    const again = await executeEmail(ctx(), listPlan(), CONFIRMED);

    expect(dry.outcome).toBe('dry_run');
    expect(again.outcome).toBe('already_done');
    expect(sink.received).toHaveLength(1);
    expect(listAudit(store.db).map((r) => r.outcome))
      .toEqual(['dry_run', 'refused', 'started', 'done', 'already_done']);
  });

  it('refuses a recipient with a line break instead of sending a Bcc', () => {
    expect(() => listPlan(['soc@acme.test\r\nBcc: leak@evil.test']))
      .toThrow(/not one plain e-mail address/);
    expect(() => listPlan(['"x" <leak@evil.test>'])).toThrow(/not one plain e-mail address/);
  });

  it('mails the user from the edited template; a hostile name injects no header', async () => {
    store.db.prepare("UPDATE users SET display_name = ? WHERE email = 'bob@acme.test'")
      .run('Bob\r\nBcc: leak@evil.test\r\nX-Evil: 1');
    saveUserTemplate(store.db, {
      subject: 'Notice for {{name}} ({{severity}})',
      body: 'Hi {{name}} <{{email}}>,\n{{finding_title}}\n{{finding_summary}}\n-- {{investigator}}',
    });
    setSetting(store.db, 'app', 'investigator', 'Dana <Analyst>');

    const plan = planEmail(store.db, { kind: 'email-user', findingId: FINDING_ID });
    expect(plan.target.recipients).toEqual(['bob@acme.test']);
    const result = await executeEmail(ctx(), plan, CONFIRMED);

    expect(result.outcome).toBe('done');
    const mail = sink.received[0]!;
    expect(mail.to).toEqual(['bob@acme.test']);
    const headers = headersOf(mail.raw);
    expect(headers.filter((h) => /^(bcc|x-evil):/i.test(h))).toEqual([]);
    expect(headers.find((h) => h.startsWith('Subject:'))).toMatch(/Notice for .*\(high\)/);

    const { text, html } = partsOf(mail.raw);
    expect(text).toContain('-- Dana <Analyst>');
    expect(text).toContain('Hi Bob Bcc: leak@evil.test X-Evil: 1 <bob@acme.test>');
    expect(html).toContain('-- Dana &lt;Analyst&gt;');
    expect(html).toContain('&lt;bob@acme.test&gt;');
    expect(html).not.toContain('<script');
  });

  it('reports an SMTP refusal: what happened and what to do', async () => {
    sink.refuse.add('soc@acme.test');
    const result = await executeEmail(ctx(), listPlan(['soc@acme.test']), CONFIRMED);

    expect(result).toMatchObject({ outcome: 'failed', ok: false });
    expect(result.message).toMatch(/SMTP server refused the e-mail: .*550/);
    expect(result.message).toContain('run the action again');
    expect(sink.received).toHaveLength(0);
  });

  it('refuses to send without the encryption the settings ask for', async () => {
    settings = { ...settings, security: 'tls' };
    const tls = await executeEmail(ctx(), listPlan(), CONFIRMED);
    settings = { ...settings, security: 'starttls' };
    const starttls = await executeEmail(ctx(), listPlan(['ciso@acme.test']), CONFIRMED);

    expect(tls).toMatchObject({ outcome: 'failed' });
    expect(tls.message).toContain('No secure connection to the SMTP server');
    expect(starttls).toMatchObject({ outcome: 'failed' });
    expect(starttls.message).toContain('STARTTLS');
    expect(sink.received).toHaveLength(0);
  });

  it('leaves nothing half-done when the mailer cannot be built', async () => {
    const plan = listPlan();
    const noPassword = () => Promise.reject(new Error('no password in the keychain'));
    await expect(executeEmail({ db: store.db, mailer: noPassword }, plan, CONFIRMED))
      .rejects.toThrow(/no password/);

    expect(getActionByKey(store.db, plan.idempotencyKey)?.status).toBe('planned');
    expect((await executeEmail(ctx(), plan, CONFIRMED)).outcome).toBe('done');
  });

  it('reports a refused login without showing the password', async () => {
    const result = await executeEmail({ db: store.db, mailer: mailer('wrong-password') },
      listPlan(), CONFIRMED);

    expect(result.outcome).toBe('failed');
    expect(result.message).toContain('SMTP server refused');
    expect(result.message).not.toContain('wrong-password');
  });

  it('marks an e-mail whose answer was lost outcome unknown and never re-sends it', async () => {
    const losesAnswer = async (): Promise<Mailer> => ({
      send: async (email) => {
        await smtpMailer(settings, SMTP_PASSWORD).send(email);
        throw new Error('Connection closed unexpectedly');
      },
    });
    const first = await executeEmail({ db: store.db, mailer: losesAnswer }, listPlan(),
      CONFIRMED);
    const second = await executeEmail(ctx(), listPlan(), CONFIRMED);

    expect(first.outcome).toBe('outcome_unknown');
    expect(second.outcome).toBe('outcome_unknown');
    expect(second.message).toContain('not sent again automatically');
    expect(sink.received).toHaveLength(1);

    const resent = await executeEmail(ctx(), listPlan(), { ...CONFIRMED, resendUnknown: true });
    expect(resent.outcome).toBe('done');
    expect(sink.received).toHaveLength(2);
    const ids = sink.received.map((m) => headersOf(m.raw).find((h) => h.startsWith('Message-ID')));
    expect(ids[0]).toBe(ids[1]);
  });

  it('queues while the SMTP server is down and sends once when it is back', async () => {
    const port = sink.port;
    await sink.close();
    try {
      const queued = await executeEmail(ctx(), listPlan(), CONFIRMED);
      expect(queued.outcome).toBe('queued');
      expect(listQueue(store.db)).toHaveLength(1);
    } finally {
      sink = await startSmtpSink(port);
    }

    const drained = await runQueue({ db: store.db, mailer: mailer(),
      zoomFor: () => { throw new Error('unused'); } });

    expect(drained).toEqual([expect.objectContaining({ outcome: 'done' })]);
    expect(sink.received).toHaveLength(1);
    expect(verifyAuditChain(store.db).ok).toBe(true);
  });
});

describe('e-mail from the CLI', () => {
  let sink: SmtpSink;
  let dataDir: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    await sink.close();
    await new KeytarCredentialStore().delete('smtp', 'smtp_password');
  });

  beforeEach(() => {
    dataDir = tempDir('email');
    const db = openDatabase(databasePath(dataDir));
    const instance = addInstance(db, { name: 'acme', accountId: 'AcctDemo0001',
      clientId: 'c', adminEmail: 'admin@acme.test' });
    seedStore(db, instance.id, smallTenant());
    db.close();
  });

  afterEach(() => {
    sink.holdMs = 0;
    sink.received.length = 0;
  });

  const cli = (args: string[], stdin?: string) =>
    runCli(['--data-dir', dataDir, ...args], { stdin });

  async function setSmtp(): Promise<void> {
    const set = await cli(['settings', 'smtp', 'set', '--host', '127.0.0.1', '--port',
      String(sink.port), '--security', 'none', '--user', SMTP_USER, '--from', 'soc@acme.test'],
    `${SMTP_PASSWORD}\n`);
    expect(set.code, set.stderr).toBe(0);
  }

  it('keeps the SMTP password in the keychain only, and sends with it', async () => {
    await setSmtp();
    expect(await new KeytarCredentialStore().get('smtp', 'smtp_password')).toBe(SMTP_PASSWORD);
    expect(filesContaining(dataDir, SMTP_PASSWORD)).toEqual([]);

    const sent = await cli(['act', 'email-list', FINDING_ID, '--to', 'soc@acme.test', '--yes']);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain('Subject: [Zoom Investigator] high: Payment request');
    expect(sent.stdout).toMatch(/^done: Sent <zi-/);
    expect(sink.received).toHaveLength(1);
  });

  it('refuses security "none" towards another host', async () => {
    const set = await cli(['settings', 'smtp', 'set', '--host', 'smtp.example.com', '--port',
      '25', '--security', 'none', '--from', 'soc@acme.test']);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('only for a server on this machine');
  });

  it('sends exactly once when the process is killed waiting for the server', async () => {
    await setSmtp();
    sink.holdMs = 20_000;
    const arrived = sink.arrived();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main/cli/index.ts'),
      '--data-dir', dataDir, 'act', 'email-list', FINDING_ID, '--to', 'soc@acme.test', '--yes'],
    { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));

    await arrived;
    child.kill('SIGKILL');
    await exited;
    sink.holdMs = 0;

    const again = await cli(['--json', 'act', 'email-list', FINDING_ID, '--to', 'soc@acme.test',
      '--yes']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ outcome: 'outcome_unknown' });
    expect(sink.received).toHaveLength(1);

    const db = openDatabase(databasePath(dataDir));
    const key = JSON.parse(again.stdout).plan.idempotencyKey as string;
    expect(getActionByKey(db, key)?.status).toBe('outcome_unknown');
    db.close();
  }, 60_000);
});
