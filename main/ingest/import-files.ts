/**
 * Imports files an investigator brings: webhook bodies (alone, as NDJSON, or wrapped as
 * {body}), API response pages, and arrays of records. Every file is read and checked before
 * anything is written, and each file is stored in one transaction: all of it or none of it.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { EventSource } from '../../shared/events.ts';
import { ExpectedError, UsageError, errorMessage } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { findInstanceByAccountId, getInstance, resolveInstance } from '../store/instances.ts';
import type { Instance } from '../store/instances.ts';
import { isObject } from './common.ts';
import type { JsonObject } from './common.ts';
import { inferRecordKind } from './record-kinds.ts';
import type { RecordKind } from './record-kinds.ts';
import { ingestRecords } from './store-records.ts';
import type { IngestItem } from './store-records.ts';
import { isWebhookBody, webhookAccountId } from './webhooks.ts';

export type ImportFormat = 'webhook' | 'ndjson' | 'page' | 'records' | 'record' | 'unknown';

export interface ImportOptions {
  /** The instance to attach records to when a webhook body does not name a known account. */
  instanceName?: string;
  /** Reads every record of an array as this kind instead of guessing from its fields. */
  kind?: RecordKind;
  now?: number;
}

export interface ImportedFile {
  path: string;
  instance: string;
  format: ImportFormat;
  records: number;
  inserted: number;
  merged: number;
  skipped: number;
  skippedReasons: string[];
}

export interface ImportSummary {
  files: ImportedFile[];
  records: number;
  inserted: number;
  merged: number;
  skipped: number;
}

/** A file read and understood, not yet written. */
interface PreparedFile {
  path: string;
  text: string;
  format: ImportFormat;
  items: IngestItem[];
  instance: Instance;
}

/** The list keys of Zoom's response pages and the record family each holds. */
const PAGE_KEYS: ReadonlyArray<[string, RecordKind]> = [
  ['activity_logs', 'activity'],
  ['operation_logs', 'operation_log'],
  ['edited_messages', 'chat_report_edit'],
  ['deleted_messages', 'chat_report_deletion'],
  ['users', 'user'],
  ['channels', 'channel'],
  ['members', 'channel_member'],
  ['sessions', 'chat_session'],
];

export function importFiles(
  db: Db,
  paths: readonly string[],
  options: ImportOptions = {},
): ImportSummary {
  const now = options.now ?? Date.now();
  const prepared = paths.map((file) => prepareFile(db, file, options));

  const files = prepared.map((file) => storeFile(db, file, now));
  return {
    files,
    records: sum(files, 'records'),
    inserted: sum(files, 'inserted'),
    merged: sum(files, 'merged'),
    skipped: sum(files, 'skipped'),
  };
}

function prepareFile(db: Db, file: string, options: ImportOptions): PreparedFile {
  const text = readText(file);
  const parsed = parseFileText(file, text);
  checkNesting(file, parsed);
  const { format, items } = classify(parsed, options.kind);
  const instance = instanceFor(db, file, items, options.instanceName);
  return { path: file, text, format, items, instance };
}

/** Zoom's records nest a few levels; far deeper ones are hostile and would exhaust the stack. */
export const MAX_NESTING = 200;

function checkNesting(file: string, parsed: Parsed): void {
  const values = parsed.kind === 'document' ? [parsed.value] : parsed.values;

  values.forEach((value, index) => {
    if (nestingDepth(value, MAX_NESTING) > MAX_NESTING) {
      const where = parsed.kind === 'document' ? '' : ` (record ${index + 1})`;
      throw new ExpectedError(
        `${file}${where} nests objects or arrays more than ${MAX_NESTING} levels deep, ` +
          'which no Zoom record does. Nothing from the files of this import was stored.',
        'Check where the file came from; import the other files without it.',
      );
    }
  });
}

/** Depth of nested arrays and objects, counted without recursion; stops past the limit. */
function nestingDepth(root: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];

  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;

    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function storeFile(db: Db, file: PreparedFile, now: number): ImportedFile {
  const allWebhooks = file.items.length > 0 && file.items.every((i) => i.kind === 'webhook');
  const source: EventSource = allWebhooks ? 'webhook' : 'import';
  const page = {
    request: `import ${path.basename(file.path)}`,
    httpStatus: null,
    receivedAt: now,
    text: file.text,
  };

  const counts = ingestRecords(db, file.instance, source, page, file.items, now);
  return {
    path: file.path,
    instance: file.instance.name,
    format: file.format,
    records: counts.records,
    inserted: counts.inserted,
    merged: counts.merged,
    skipped: counts.skipped,
    skippedReasons: counts.skippedReasons,
  };
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ExpectedError(`Cannot read ${file}: ${errorMessage(error)}`,
      'Check the path and that the file is readable.');
  }
}

/** One JSON document, or NDJSON (one document per line); either way a list of values. */
type Parsed = { kind: 'document'; value: unknown } | { kind: 'lines'; values: unknown[] };

export function parseFileText(file: string, text: string): Parsed {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { kind: 'document', value: JSON.parse(body) };
  } catch (error) {
    if (looksLikeNdjson(body)) return { kind: 'lines', values: parseLines(file, body) };
    throw malformed(file, lineOfError(body, error), error);
  }
}

function looksLikeNdjson(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length < 2) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

function parseLines(file: string, text: string): unknown[] {
  const values: unknown[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      values.push(JSON.parse(line));
    } catch (error) {
      throw malformed(file, index + 1, error);
    }
  });
  return values;
}

function malformed(file: string, line: number, error: unknown): ExpectedError {
  return new ExpectedError(
    `${file} line ${line}: not valid JSON (${errorMessage(error)}). Nothing from this file ` +
      'was stored.',
    'Fix or cut the broken line (a half-written last line is common), then import again.',
  );
}

/** The 1-based line JSON.parse stopped at, from the position in its message. */
function lineOfError(text: string, error: unknown): number {
  const position = /position (\d+)/.exec(errorMessage(error))?.[1];
  const offset = position === undefined ? text.length : Number(position);
  return text.slice(0, offset).split('\n').length;
}

interface Classified {
  format: ImportFormat;
  items: IngestItem[];
}

function classify(parsed: Parsed, hint?: RecordKind): Classified {
  if (parsed.kind === 'lines') {
    return { format: 'ndjson', items: parsed.values.flatMap((v) => classifyValue(v, hint).items) };
  }
  return classifyValue(parsed.value, hint);
}

function classifyValue(value: unknown, hint?: RecordKind): Classified {
  if (Array.isArray(value)) {
    return { format: 'records', items: value.map((record) => recordItem(record, hint)) };
  }
  if (isObject(value) && isWebhookBody(value.body)) {
    return { format: 'webhook', items: [{ kind: 'webhook', record: value.body }] };
  }
  if (isWebhookBody(value)) {
    return { format: 'webhook', items: [{ kind: 'webhook', record: value }] };
  }
  if (isObject(value) && isPage(value)) return { format: 'page', items: pageItems(value) };

  const single = recordItem(value, hint);
  return { format: single.kind === 'unknown' ? 'unknown' : 'record', items: [single] };
}

function recordItem(record: unknown, hint?: RecordKind): IngestItem {
  return { kind: hint ?? inferRecordKind(record) ?? 'unknown', record };
}

function isPage(value: JsonObject): boolean {
  return Array.isArray(value.messages) || PAGE_KEYS.some(([key]) => Array.isArray(value[key]));
}

/** A page's records in order; chat messages are per-user items when they carry a status. */
function pageItems(page: JsonObject): IngestItem[] {
  const items: IngestItem[] = [];
  if (Array.isArray(page.messages)) {
    for (const record of page.messages) {
      const perUser = isObject(record) && record.status !== undefined;
      items.push({ kind: perUser ? 'chat_user_message' : 'chat_report_message', record });
    }
  }
  for (const [key, kind] of PAGE_KEYS) {
    const list = page[key];
    if (Array.isArray(list)) items.push(...list.map((record) => ({ kind, record })));
  }
  return items;
}

/**
 * The instance a file belongs to: the one whose account the webhooks name, else the one the
 * investigator named, else the only one there is.
 */
function instanceFor(
  db: Db,
  file: string,
  items: readonly IngestItem[],
  instanceName: string | undefined,
): Instance {
  const accounts = [...new Set(items.map((i) => webhookAccountId(i.record)).filter(isString))];
  if (accounts.length > 1) {
    throw new UsageError(
      `${file} holds webhooks of several accounts (${accounts.join(', ')}).`,
      'Split the file by account and import each part.',
    );
  }

  const account = accounts[0];
  const byAccount = account === undefined ? null : findInstanceByAccountId(db, account);
  if (byAccount) return byAccount;
  if (instanceName) return getInstance(db, instanceName);

  if (account !== undefined) {
    throw new UsageError(
      `${file}: webhook for account ${account}, no instance has that account id; ` +
        'name one with --instance',
    );
  }
  return resolveInstance(db, undefined);
}

function isString(value: string | null): value is string {
  return value !== null;
}

function sum(files: readonly ImportedFile[], key: 'records' | 'inserted' | 'merged' | 'skipped') {
  return files.reduce((total, file) => total + file[key], 0);
}
