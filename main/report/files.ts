/**
 * Writing bundle files and reading them back. Hashes are always taken over the bytes on disk
 * after the file is closed (B34), never over a string in memory.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface BundleFile {
  /** Relative to the bundle folder, with `/` on every platform. */
  path: string;
  size: number;
  sha256: string;
}

/** Writes UTF-8 text as given (callers produce LF only) and flushes it to disk. */
export function writeText(dir: string, relative: string, text: string): void {
  writeBytes(dir, relative, Buffer.from(text, 'utf8'));
}

export function writeBytes(dir: string, relative: string, bytes: Uint8Array): void {
  const file = path.join(dir, ...relative.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const fd = fs.openSync(file, 'wx');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends lines to one file through a single descriptor: for files too big for memory. */
export class LineWriter {
  private readonly fd: number;

  constructor(dir: string, relative: string) {
    const file = path.join(dir, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'wx');
  }

  line(text: string): void {
    fs.writeSync(this.fd, `${text}\n`);
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}

/** Size and SHA-256 of a file as it is on disk, read in chunks. */
export function hashFile(dir: string, relative: string): BundleFile {
  const file = path.join(dir, ...relative.split('/'));
  const hash = crypto.createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  let size = 0;

  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      size += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  return { path: relative, size, sha256: hash.digest('hex') };
}

/** Every regular file under dir, relative with `/`, sorted; links and oddities are named too. */
export function listBundleFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };

  walk('');
  return found.sort();
}

/**
 * The lines of a bundle file without its final LF, read in chunks so that a file of hundreds
 * of megabytes never has to fit in one string. Lines are decoded only once they are whole, so
 * a character split across two chunks is not mangled.
 */
export function* readLines(dir: string, relative: string): Generator<string> {
  const fd = fs.openSync(path.join(dir, ...relative.split('/')), 'r');
  const buffer = Buffer.alloc(1 << 20);
  let pending: Buffer[] = [];

  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      pending = yield* splitLines(pending, Buffer.from(buffer.subarray(0, read)));
    }
  } finally {
    fs.closeSync(fd);
  }

  if (pending.length) yield Buffer.concat(pending).toString('utf8');
}

/** Yields the whole lines in pending + chunk; returns the unfinished rest. */
function* splitLines(pending: Buffer[], chunk: Buffer): Generator<string, Buffer[]> {
  let start = 0;
  for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
    yield Buffer.concat([...pending, chunk.subarray(start, end)]).toString('utf8');
    pending = [];
    start = end + 1;
  }
  return start < chunk.length ? [...pending, chunk.subarray(start)] : pending;
}
