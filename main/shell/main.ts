/**
 * The Electron main process: one window, locked down, wired to the IPC router and the data
 * worker. Every decision comes from policies.ts; this file only connects Electron to them.
 */
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { EVENT_NAMES } from '../../shared/ipc.ts';
import { defaultDataDir } from '../app/data-dir.ts';
import { KeytarCredentialStore } from '../credentials/keytar-store.ts';
import type { CredentialStore } from '../credentials/store.ts';
import { ExpectedError, errorMessage } from '../errors.ts';
import { createRouter } from '../ipc/router.ts';
import type { Router } from '../ipc/router.ts';
import { createLogger } from '../log/logger.ts';
import { DataWorkerClient } from '../worker/client.ts';
import {
  CONTENT_SECURITY_POLICY,
  navigationDecision,
  permissionDecision,
  senderDecision,
  windowOpenDecision,
} from './policies.ts';
import type { AppLocation } from './policies.ts';

export const INVOKE_CHANNEL = 'zi:invoke';
export const EVENT_CHANNEL = 'zi:event';

const log = createLogger('shell');
const here = path.dirname(fileURLToPath(import.meta.url));
const appWindows = new Set<number>();

/** Dev server (electron-vite dev) or the packaged page. */
function appLocation(): AppLocation {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && devUrl) return { kind: 'origin', origin: devUrl };
  return { kind: 'file', url: pathToFileURL(path.join(here, '../renderer/index.html')).href };
}

/** Main keeps the keychain; keytar loads on first use so the window opens without it. */
function lazyCredentials(): CredentialStore {
  let store: KeytarCredentialStore | null = null;
  const real = (): KeytarCredentialStore => (store ??= new KeytarCredentialStore());
  return {
    get: (key, slot) => real().get(key, slot),
    set: (key, slot, value) => real().set(key, slot, value),
    delete: (key, slot) => real().delete(key, slot),
    deleteAll: (key) => real().deleteAll(key),
  };
}

function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
    const decision = permissionDecision(permission);
    log.warn(decision.reason);
    callback(decision.allow);
  });
  session.defaultSession.setPermissionCheckHandler(() => false);

  // The page's meta tag carries the same policy; the header covers the dev server too.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/** Navigation, new windows and webviews are decided by the policies, for every webContents. */
function lockDownContents(contents: WebContents, location: AppLocation): void {
  contents.on('will-navigate', (event, url) => {
    const decision = navigationDecision(url, location);
    if (decision.allow) return;
    event.preventDefault();
    log.warn(decision.reason);
  });
  contents.on('will-redirect', (event, url) => {
    if (navigationDecision(url, location).allow) return;
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(windowOpenDecision(url).reason);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createWindow(location: AppLocation): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Zoom Investigator',
    backgroundColor: '#0f172a',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  appWindows.add(window.webContents.id);
  window.on('closed', () => appWindows.delete(window.webContents.id));
  window.once('ready-to-show', () => window.show());

  if (location.kind === 'origin') void window.loadURL(location.origin);
  else void window.loadURL(location.url);
  return window;
}

/** Every invoke is checked for its sender, then handed to the router. */
function bindIpc(router: Router, location: AppLocation): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, payload) => {
    const decision = senderDecision({
      frameUrl: event.senderFrame?.url ?? null,
      isMainFrame: event.senderFrame !== null && event.senderFrame === event.sender.mainFrame,
      isAppWindow: appWindows.has(event.sender.id),
    }, location);
    if (!decision.allow) {
      log.warn(`refused IPC ${String(channel)}: ${decision.reason}`);
      return { ok: false, error: { kind: 'invalid_request', message: 'Refused.', hint: null } };
    }
    return router.handle(channel, payload);
  });
}

function forwardEvents(worker: DataWorkerClient): void {
  for (const name of EVENT_NAMES) {
    worker.on(name, (payload) => {
      for (const window of BrowserWindow.getAllWindows()) {
        if (appWindows.has(window.webContents.id)) {
          window.webContents.send(EVENT_CHANNEL, name, payload);
        }
      }
    });
  }
}

async function confirmExternal(url: string): Promise<boolean> {
  const answer = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url,
  });
  return answer.response === 0;
}

/** A database that cannot open is fatal and said so; the app never runs on an empty store. */
function fail(error: unknown): never {
  const hint = error instanceof ExpectedError ? `\n\n${error.hint}` : '';
  log.error(`startup failed: ${errorMessage(error)}`);
  dialog.showErrorBox('Zoom Investigator cannot start', `${errorMessage(error)}${hint}`);
  app.exit(1);
  throw error;
}

async function start(): Promise<void> {
  await app.whenReady();
  const location = appLocation();
  lockDownSessions();
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, location));

  const worker = await DataWorkerClient.start({ dataDir: defaultDataDir() }, lazyCredentials())
    .catch(fail);
  const router = createRouter({
    backend: worker,
    openExternal: (url) => shell.openExternal(url),
    confirmExternal,
  });
  bindIpc(router, location);
  forwardEvents(worker);
  createWindow(location);

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void worker.close());
}

if (!app.requestSingleInstanceLock()) app.quit();
else void start();
