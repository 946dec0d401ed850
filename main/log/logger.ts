/**
 * One logger factory for the main side. Lines are meant for an investigator to read:
 * `2026-12-04T16:30:00.000Z info  sync: users: 152 stored (3 pages)`.
 * Every line passes through redaction first, so a secret cannot reach stderr or the log file
 * even when a caller interpolates one by mistake.
 */
import fs from 'node:fs';

import { redact } from './redact.ts';

export type Level = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface Sink {
  minLevel: Level;
  toStderr: boolean;
  file: string | null;
}

const sink: Sink = {
  minLevel: (process.env.ZI_LOG_LEVEL as Level | undefined) ?? 'info',
  toStderr: true,
  file: null,
};

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(prefix: string): Logger;
}

/** Sends log lines to a file as well (the data dir's log), or stops doing so with null. */
export function setLogFile(file: string | null): void {
  sink.file = file;
}

export function setLogLevel(level: Level): void {
  sink.minLevel = level;
}

/** Quiet mode for --json output: only warnings and errors reach stderr. */
export function setStderrLogging(enabled: boolean): void {
  sink.toStderr = enabled;
}

/** A full disk or a removed folder must not crash the process: log to stderr only, then. */
function appendToLogFile(line: string): void {
  try {
    fs.appendFileSync(sink.file!, line);
  } catch (error) {
    const file = sink.file;
    sink.file = null;
    process.stderr.write(`log file ${file} cannot be written (${String(error)}); ` +
      'logging to stderr only from now on\n');
  }
}

export function createLogger(prefix: string): Logger {
  const write = (level: Level, message: string): void => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[sink.minLevel]) return;

    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${prefix}: ${redact(message)}\n`;
    if (sink.toStderr || LEVEL_ORDER[level] >= LEVEL_ORDER.warn) process.stderr.write(line);
    if (sink.file) appendToLogFile(line);
  };

  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
    child: (sub) => createLogger(`${prefix}.${sub}`),
  };
}
