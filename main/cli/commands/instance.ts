/** `instance add|list|remove`: connect, list and disconnect Zoom accounts. */
import type { Command } from 'commander';

import { appendAudit } from '../../actions/index.ts';
import type { AppContext } from '../../app/context.ts';
import { UsageError } from '../../errors.ts';
import { createLogger } from '../../log/logger.ts';
import {
  addInstance,
  getInstance,
  listInstances,
  markInstanceRemoved,
  ZOOM_API_BASE_URL,
  ZOOM_OAUTH_BASE_URL,
} from '../../store/instances.ts';
import type { Instance } from '../../store/instances.ts';
import { purgeInstanceData } from '../../store/purge.ts';
import { table } from '../output.ts';
import { readSecret } from '../prompt.ts';
import { runWithContext } from '../run.ts';
import type { GlobalOptionsOf } from '../globals.ts';

const log = createLogger('instance');

export function registerInstanceCommands(program: Command, globals: GlobalOptionsOf): void {
  const instance = program
    .command('instance')
    .description('manage connected Zoom accounts (add, list, remove)');

  instance
    .command('add')
    .description(
      'connect a Zoom account; the client secret is read from a hidden prompt or stdin ' +
        'and stored in the OS keychain',
    )
    .requiredOption('--name <name>', 'a unique name for this account, e.g. acme-prod')
    .requiredOption('--account-id <id>', "the Zoom account ID (the app's App Credentials page)")
    .requiredOption('--client-id <id>', "the Server-to-Server OAuth app's client ID")
    .requiredOption('--admin-email <email>', 'the e-mail of the admin who owns the app')
    .option('--api-base-url <url>', 'REST base URL', ZOOM_API_BASE_URL)
    .option('--oauth-base-url <url>', 'OAuth base URL', ZOOM_OAUTH_BASE_URL)
    .option('--own-domain <domain...>', "the account's own e-mail domains (default: its users')")
    .action(async (options: AddOptions, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        validateUrl(options.apiBaseUrl);
        validateUrl(options.oauthBaseUrl);
        const secret = await readSecret(`Client secret for ${options.name}: `);

        const added = addInstance(ctx.db, {
          name: options.name,
          accountId: options.accountId,
          clientId: options.clientId,
          adminEmail: options.adminEmail,
          apiBaseUrl: options.apiBaseUrl,
          oauthBaseUrl: options.oauthBaseUrl,
          ownDomains: options.ownDomain ?? [],
        });
        await storeSecretOrUndo(ctx, added, secret);

        log.info(`instance ${added.name} added (account ${added.accountId})`);
        return {
          json: { instance: describe(added) },
          text: `Added ${added.name}. The client secret is in the OS keychain.\n` +
            `Next: zoom-investigator sync --instance ${added.name}`,
        };
      });
    });

  instance
    .command('set-secret')
    .description('enter the client secret of an instance again (after a keychain was reset)')
    .argument('<name>', 'the instance')
    .action(async (name: string, _options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const target = getInstance(ctx.db, name);
        const secret = await readSecret(`Client secret for ${target.name}: `);

        await ctx.credentials.set(target.keychainKey, 'client_secret', secret);
        await ctx.credentials.delete(target.keychainKey, 'access_token');
        log.info(`instance ${name}: client secret replaced in the OS keychain`);
        return { json: { instance: describe(target) }, text: `Secret of ${name} stored.` };
      });
    });

  instance
    .command('list')
    .description('list connected accounts (no secrets are shown)')
    .action(async (_options: unknown, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const all = listInstances(ctx.db);
        return {
          json: { instances: all.map(describe) },
          text: all.length === 0
            ? 'No accounts connected. Try `zoom-investigator demo`, or `instance add`.'
            : table(
                ['name', 'account id', 'client id', 'admin', 'api'],
                all.map((i) => [i.name, i.accountId, i.clientId, i.adminEmail, i.apiBaseUrl]),
              ),
        };
      });
    });

  instance
    .command('remove')
    .description('disconnect an account: its secrets leave the keychain, its evidence stays')
    .argument('<name>', 'the instance to remove')
    .option('--purge', 'also delete every event, raw record and finding of this account')
    .action(async (name: string, options: { purge?: boolean }, command: Command) => {
      await runWithContext(globals(command), async (ctx) => {
        const target = getInstance(ctx.db, name);
        await ctx.credentials.deleteAll(target.keychainKey);

        if (options.purge) {
          const counts = purgeInstanceData(ctx.db, target.id);
          appendAudit(ctx.db, {
            action: 'instance.purge',
            target: `instance ${name} (account ${target.accountId})`,
            outcome: 'purged',
            request: counts,
          });
          log.info(`instance ${name} removed and its data purged`);
          return { json: { removed: name, purged: true }, text: `Removed ${name} and its data.` };
        }
        markInstanceRemoved(ctx.db, target);
        log.info(`instance ${name} disconnected; its evidence is kept`);
        return {
          json: { removed: name, purged: false },
          text: `Disconnected ${name}; its secrets left the keychain, its evidence is kept.\n` +
            'Add --purge to delete the evidence too.',
        };
      });
    });
}

interface AddOptions {
  name: string;
  accountId: string;
  clientId: string;
  adminEmail: string;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  ownDomain?: string[];
}

/** Keeps SQLite and the keychain in step: no instance row without its secret. */
async function storeSecretOrUndo(
  ctx: AppContext,
  added: Instance,
  secret: string,
): Promise<void> {
  try {
    await ctx.credentials.set(added.keychainKey, 'client_secret', secret);
  } catch (error) {
    ctx.db.prepare('DELETE FROM instances WHERE id = ?').run(added.id);
    throw error;
  }
}

function describe(instance: Instance): Record<string, unknown> {
  return {
    name: instance.name,
    accountId: instance.accountId,
    clientId: instance.clientId,
    adminEmail: instance.adminEmail,
    authType: instance.authType,
    apiBaseUrl: instance.apiBaseUrl,
    oauthBaseUrl: instance.oauthBaseUrl,
    isDemo: instance.isDemo,
  };
}

function validateUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UsageError(
      `${value} is neither https nor a loopback address.`,
      'Zoom is reached over https; plain http is only for the demo tenant on 127.0.0.1.',
    );
  }
}
