/**
 * A real SMTP server (the smtp-server package) on 127.0.0.1 that keeps every message it
 * accepted, byte for byte, with its envelope. Faults: refuse a recipient, hold the final reply.
 */
import type { AddressInfo } from 'node:net';

import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  received: ReceivedMail[];
  /** Recipients answered 550. */
  refuse: Set<string>;
  /** Milliseconds to wait after the message arrived before answering 250. */
  holdMs: number;
  /** Resolves when a message has arrived (before the server answers it). */
  arrived(): Promise<void>;
  close(): Promise<void>;
}

export const SMTP_USER = 'notifier';
export const SMTP_PASSWORD = 'pw-smtp-0123456789';

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const sink = { refuse: new Set<string>(), holdMs: 0 };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (sink.refuse.has(address.address)) {
        const error = new Error('5.1.1 Mailbox unavailable') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        waiters.splice(0).forEach((wake) => wake());
        setTimeout(() => callback(null), sink.holdMs);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;

  return Object.assign(sink, {
    port: address.port,
    received,
    arrived: () => new Promise<void>((resolve) => waiters.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The header block of a raw message, unfolded, one header per line. */
export function headersOf(raw: string): string[] {
  const head = raw.split(/\r\n\r\n/)[0] ?? '';
  return head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
}

/** The decoded text/plain and text/html parts of a raw multipart/alternative message. */
export function partsOf(raw: string): { text: string; html: string } {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  if (!boundary) throw new Error('not a multipart message');
  const parts = raw.split(`--${boundary}`).slice(1, -1);
  const found = { text: '', html: '' };

  for (const part of parts) {
    const [head = '', ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
    const body = decodePart(head, rest.join('\r\n\r\n'));
    if (/content-type:\s*text\/plain/i.test(head)) found.text = body;
    if (/content-type:\s*text\/html/i.test(head)) found.html = body;
  }
  return found;
}

function decodePart(head: string, body: string): string {
  if (/transfer-encoding:\s*base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/transfer-encoding:\s*quoted-printable/i.test(head)) {
    const joined = body.replace(/=\r\n/g, '');
    const bytes = joined.replace(/=([0-9A-F]{2})/g, (_m, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
