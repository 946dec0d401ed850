/**
 * The window's security decisions as pure functions. The Electron wiring in main.ts calls these
 * and nothing else decides; tests prove them under plain Node. Everything is denied unless a
 * rule here allows it.
 */

/** Where the app's own page lives: a file in the package, or the dev server's origin. */
export type AppLocation =
  | { kind: 'file'; /** file: URL of index.html */ url: string }
  | { kind: 'origin'; /** e.g. http://127.0.0.1:5173 */ origin: string };

export type Decision = { allow: true } | { allow: false; reason: string };

const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** True when a URL is the app's own page (any hash or query), never anything beside it. */
export function isAppUrl(raw: string, app: AppLocation): boolean {
  const url = parse(raw);
  if (!url) return false;

  if (app.kind === 'origin') return url.origin === new URL(app.origin).origin;

  const page = new URL(app.url);
  return url.protocol === 'file:' && url.host === page.host && url.pathname === page.pathname;
}

/** will-navigate: the page may only reload itself. Every other target is refused. */
export function navigationDecision(raw: string, app: AppLocation): Decision {
  if (isAppUrl(raw, app)) return { allow: true };
  return { allow: false, reason: `navigation to ${describeUrl(raw)} is not allowed` };
}

/** setWindowOpenHandler: no new windows, ever. Links go through openExternal's prompt. */
export function windowOpenDecision(raw: string): { allow: false; reason: string } {
  return { allow: false, reason: `window.open(${describeUrl(raw)}) is not allowed` };
}

/** Permission requests (camera, notifications, geolocation, ...): all refused. */
export function permissionDecision(permission: string): { allow: false; reason: string } {
  return { allow: false, reason: `permission "${permission}" is never granted` };
}

export type ExternalLinkDecision =
  | { open: true; url: string }
  | { open: false; reason: string };

/**
 * Whether a link from chat text may be handed to the system browser: only http, https and
 * mailto, judged on the scheme that `new URL()` parses (so case and whitespace tricks fail).
 */
export function externalLinkDecision(raw: string): ExternalLinkDecision {
  const url = parse(raw.trim());
  if (!url) return { open: false, reason: 'the link is not a valid URL' };

  if (!EXTERNAL_SCHEMES.has(url.protocol)) {
    return { open: false, reason: `links with the scheme "${url.protocol}" are never opened` };
  }
  if (url.protocol !== 'mailto:' && url.username + url.password !== '') {
    return { open: false, reason: 'links that carry a user name or password are not opened' };
  }
  return { open: true, url: url.href };
}

/** What main knows about the frame that sent an IPC message. */
export interface SenderInfo {
  /** The sending frame's URL (`event.senderFrame.url`). */
  frameUrl: string | null;
  /** Whether that frame is the top frame of its page. */
  isMainFrame: boolean;
  /** Whether the webContents is one of the windows the app created. */
  isAppWindow: boolean;
}

/** IPC sender check: only the top frame of our own window showing our own page. */
export function senderDecision(sender: SenderInfo, app: AppLocation): Decision {
  if (!sender.isAppWindow) return { allow: false, reason: 'sender is not an app window' };
  if (!sender.isMainFrame) return { allow: false, reason: 'sender is a sub-frame' };
  if (!sender.frameUrl || !isAppUrl(sender.frameUrl, app)) {
    return { allow: false, reason: `sender page ${describeUrl(sender.frameUrl ?? '')} is foreign` };
  }
  return { allow: true };
}

/** A URL shortened for a log line: scheme and host only, so chat text does not flood logs. */
export function describeUrl(raw: string): string {
  const url = parse(raw);
  if (!url) return '(unparseable URL)';
  return url.host ? `${url.protocol}//${url.host}` : url.protocol;
}

/**
 * The page's Content-Security-Policy: no remote content, no inline script, no network from the
 * renderer at all (it talks only through the bridge).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
].join('; ');
