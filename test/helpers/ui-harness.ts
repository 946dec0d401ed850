/**
 * The browser-test harness: the renderer built with vite and served from 127.0.0.1, Debian's
 * Chromium through playwright-core, and `window.zi` backed by the real router and data worker
 * (the same ones the Electron shell wires), over a real SQLite file and the real keychain.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';

import { KeytarCredentialStore } from '../../main/credentials/keytar-store.ts';
import { createRouter } from '../../main/ipc/router.ts';
import { senderDecision } from '../../main/shell/policies.ts';
import { DataWorkerClient } from '../../main/worker/client.ts';
import { EVENT_NAMES } from '../../shared/ipc.ts';
import { rendererConfig } from '../../vite.config.ts';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Builds the renderer exactly as the app ships it, into a throwaway folder. */
export async function buildRenderer(): Promise<string> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-ui-dist-'));
  await build({
    ...rendererConfig,
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true },
  });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the built files on 127.0.0.1. No CSP header: the page's own meta tag must do it. */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(root, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface AppHarness {
  page: Page;
  context: BrowserContext;
  worker: DataWorkerClient;
  opened: string[];
  refused: string[];
  close(): Promise<void>;
}

/** The same `window.zi` the preload defines, over two bindings. */
const INIT_SCRIPT = `
  (() => {
    const listeners = new Map();
    window.__ziEmit = (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
    window.zi = Object.freeze({
      invoke: (channel, request) => window.__ziInvoke(channel, request),
      on: (event, listener) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    });
  })();
`;

export async function launchApp(appUrl: string, dataDir: string): Promise<AppHarness> {
  const worker = await DataWorkerClient.start({ dataDir }, new KeytarCredentialStore());
  const opened: string[] = [];
  const refused: string[] = [];
  const router = createRouter({
    backend: worker,
    openExternal: async (url) => void opened.push(url),
    confirmExternal: async () => true,
    checkResponses: true,
  });

  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    timezoneId: 'UTC',
  });
  // Anything that is not our page on 127.0.0.1 is refused: the tests send no traffic elsewhere.
  await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());

  await context.exposeBinding('__ziInvoke', async (source, channel: unknown, payload: unknown) => {
    const decision = senderDecision({
      frameUrl: source.frame.url(),
      isMainFrame: source.frame === source.page.mainFrame(),
      isAppWindow: true,
    }, { kind: 'origin', origin: appUrl });
    if (!decision.allow) {
      refused.push(decision.reason);
      return { ok: false, error: { kind: 'invalid_request', message: 'Refused.', hint: null } };
    }
    return router.handle(channel, payload);
  });
  await context.addInitScript(INIT_SCRIPT);

  const page = context.pages()[0] ?? (await context.newPage());
  for (const name of EVENT_NAMES) {
    worker.on(name, (payload) => {
      void page.evaluate(([n, p]) => {
        (window as unknown as { __ziEmit(n: unknown, p: unknown): void }).__ziEmit(n, p);
      }, [name, payload] as const).catch(() => undefined);
    });
  }

  return {
    page,
    context,
    worker,
    opened,
    refused,
    close: async () => {
      await context.close();
      await worker.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOTS = path.resolve('docs/screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
