/**
 * `settings …`: the SMTP server (password only from a hidden prompt or stdin), the
 * investigator's name for the audit log, the user e-mail template and the default list.
 */
import fs from 'node:fs';

import type { Command } from 'commander';

import {
  readSmtpSettings,
  readUserTemplate,
  saveSmtpSettings,
  saveUserTemplate,
  SMTP_SECURITIES,
  TEMPLATE_PLACEHOLDERS,
} from '../../actions/index.ts';
import type { SmtpSecurity } from '../../actions/index.ts';
import { checkAddress } from '../../actions/email/render.ts';
import { EMAIL_SCOPE } from '../../actions/email/smtp-settings.ts';
import { UsageError } from '../../errors.ts';
import { setSetting } from '../../store/settings.ts';
import type { GlobalOptionsOf } from '../globals.ts';
import { readSecret } from '../prompt.ts';
import { runWithContext } from '../run.ts';

interface SmtpOptions {
  host: string;
  port: string;
  security: string;
  user?: string;
  from: string;
  fromName?: string;
}

export function registerSettingsCommands(program: Command, globals: GlobalOptionsOf): void {
  const settings = program.command('settings').description('SMTP, investigator, e-mail template');
  const smtp = settings.command('smtp').description('the SMTP server e-mail actions use');

  smtp
    .command('set')
    .description('set the server; with --user the password is read from a hidden prompt or stdin')
    .requiredOption('--host <host>', 'SMTP host')
    .requiredOption('--port <port>', '587 (starttls), 465 (tls)')
    .requiredOption('--security <mode>', SMTP_SECURITIES.join(' | '))
    .option('--user <user>', 'the login (the password is asked for, never a flag)')
    .requiredOption('--from <address>', 'the sender address')
    .option('--from-name <name>', 'the sender name', 'Zoom Investigator')
    .action(async (options: SmtpOptions, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const password = options.user ? await readSecret('SMTP password: ') : null;
        const value = {
          host: options.host,
          port: Number(options.port),
          security: options.security as SmtpSecurity,
          user: options.user ?? null,
          from: options.from,
          fromName: options.fromName ?? 'Zoom Investigator',
        };
        await saveSmtpSettings(ctx.db, ctx.credentials, value, password);
        return { json: { smtp: value }, text: `SMTP server set: ${value.host}:${value.port} ` +
          `(${value.security})${value.user ? `; password kept in the keychain` : ''}.` };
      });
    });

  smtp
    .command('show')
    .description('the SMTP settings (never the password)')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => ({
        json: { smtp: readSmtpSettings(ctx.db) },
      }));
    });

  settings
    .command('investigator')
    .description('the investigator name every audit entry records next to the OS user')
    .argument('<name>', 'your name')
    .action(async (name: string, _options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        setSetting(ctx.db, 'app', 'investigator', name.trim());
        return { json: { investigator: name.trim() }, text: `Investigator: ${name.trim()}` };
      });
    });

  settings
    .command('email-list')
    .description('the default recipients of `act email-list`')
    .argument('<addresses>', 'comma-separated')
    .action(async (addresses: string, _options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const list = addresses.split(',').map((a) => a.trim()).filter(Boolean)
          .map((a) => checkAddress(a, 'recipient'));
        setSetting(ctx.db, EMAIL_SCOPE, 'list', list);
        return { json: { list }, text: `Default list: ${list.join(', ')}` };
      });
    });

  registerTemplateCommands(settings, globals);
}

function registerTemplateCommands(settings: Command, globals: GlobalOptionsOf): void {
  const template = settings
    .command('email-template')
    .description(`the user e-mail template; placeholders: ${
      TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}`);

  template
    .command('show')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const value = readUserTemplate(ctx.db);
        return { json: value, text: `Subject: ${value.subject}\n\n${value.body}` };
      });
    });

  template
    .command('set')
    .option('--subject <text>', 'the subject line (placeholders allowed)')
    .option('--body-file <file>', 'a UTF-8 text file with the body (placeholders allowed)')
    .action(async (options: { subject?: string; bodyFile?: string }, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        if (!options.subject && !options.bodyFile) {
          throw new UsageError('Nothing to set.', 'Give --subject, --body-file or both.');
        }
        const current = readUserTemplate(ctx.db);
        const value = {
          subject: options.subject ?? current.subject,
          body: options.bodyFile ? fs.readFileSync(options.bodyFile, 'utf8') : current.body,
        };
        saveUserTemplate(ctx.db, value);
        return { json: value, text: 'Template saved.' };
      });
    });
}
