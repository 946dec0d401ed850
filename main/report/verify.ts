/**
 * Checking a bundle folder: every file the manifest lists is present with its size and hash,
 * SHA256SUMS agrees with the manifest and the disk, every line of raw/records.jsonl hashes to
 * the SHA-256 it names, every raw hash events.jsonl cites is there, and no file was added or
 * removed. Bundles from before raw/records.jsonl (one raw/<sha256>.json per record) are still
 * checked by file name.
 */
import fs from 'node:fs';
import path from 'node:path';

import { errorMessage } from '../errors.ts';
import { sha256Hex } from '../store/hash.ts';
import { EVENTS_FILE } from './events-jsonl.ts';
import { hashFile, listBundleFiles, readLines } from './files.ts';
import type { BundleFile } from './files.ts';
import { MANIFEST_FILE, parseSums, SUMS_FILE } from './manifest.ts';
import type { Manifest } from './manifest.ts';
import { RAW_FOLDER, RAW_RECORDS_FILE } from './raw-files.ts';
import type { RawRecordLine } from './raw-files.ts';

export interface BundleProblem {
  file: string;
  expected: string;
  actual: string;
}

export interface BundleVerification {
  ok: boolean;
  /** Files whose bytes were hashed and compared. */
  checked: number;
  problems: BundleProblem[];
}

export function verifyBundle(dir: string): BundleVerification {
  const problems: BundleProblem[] = [];
  const manifest = readManifest(dir, problems);
  if (!manifest) return { ok: false, checked: 0, problems };

  const onDisk = new Set(listBundleFiles(dir));
  const hashes = new Map<string, BundleFile>();
  for (const file of [...manifest.files.map((f) => f.path), MANIFEST_FILE, SUMS_FILE]) {
    if (onDisk.has(file)) hashes.set(file, hashFile(dir, file));
  }

  checkListedFiles(manifest, hashes, problems);
  checkSums(dir, manifest, hashes, problems);
  checkRawNames(hashes, problems);
  if (hashes.has(RAW_RECORDS_FILE)) {
    const records = checkRawRecords(dir, problems);
    if (hashes.has(EVENTS_FILE)) checkCitations(dir, records, problems);
  }
  checkNothingAdded(onDisk, manifest, problems);
  return { ok: problems.length === 0, checked: hashes.size, problems };
}

function readManifest(dir: string, problems: BundleProblem[]): Manifest | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch (error) {
    problems.push({ file: MANIFEST_FILE, expected: 'a readable manifest',
      actual: errorMessage(error) });
    return null;
  }

  if (!Array.isArray(manifest.files)) {
    problems.push({ file: MANIFEST_FILE, expected: 'a list of files', actual: 'none' });
    return null;
  }
  const unsafe = manifest.files.filter((f) => !isSafePath(f.path));
  for (const file of unsafe) {
    problems.push({ file: String(file.path), expected: 'a path inside the bundle',
      actual: 'a path outside it' });
  }
  return unsafe.length ? null : manifest;
}

function checkListedFiles(
  manifest: Manifest,
  hashes: Map<string, BundleFile>,
  problems: BundleProblem[],
): void {
  for (const listed of manifest.files) {
    const actual = hashes.get(listed.path);
    if (!actual) {
      problems.push({ file: listed.path, expected: listed.sha256, actual: 'missing' });
    } else if (actual.sha256 !== listed.sha256 || actual.size !== listed.size) {
      problems.push({ file: listed.path, expected: listed.sha256, actual: actual.sha256 });
    }
  }
}

/** SHA256SUMS must list the manifest's files and the manifest itself, with the disk's hashes. */
function checkSums(
  dir: string,
  manifest: Manifest,
  hashes: Map<string, BundleFile>,
  problems: BundleProblem[],
): void {
  if (!hashes.has(SUMS_FILE)) {
    problems.push({ file: SUMS_FILE, expected: 'present', actual: 'missing' });
    return;
  }

  const { entries, badLines } = parseSums(fs.readFileSync(path.join(dir, SUMS_FILE), 'utf8'));
  for (const line of badLines) {
    problems.push({ file: SUMS_FILE, expected: '<64 hex>  <name> with LF', actual: line });
  }

  const expected = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  expected.set(MANIFEST_FILE, hashes.get(MANIFEST_FILE)?.sha256 ?? 'missing');
  for (const [file, sha256] of expected) {
    const listed = entries.get(file) ?? 'not listed';
    if (listed !== sha256) problems.push({ file: `${SUMS_FILE}: ${file}`, expected: sha256,
      actual: listed });
  }
  for (const file of entries.keys()) {
    if (!expected.has(file)) problems.push({ file: `${SUMS_FILE}: ${file}`,
      expected: 'not listed', actual: entries.get(file)! });
  }
}

/** Older bundles: a raw record's file name is its hash, so an edited file still shows. */
function checkRawNames(hashes: Map<string, BundleFile>, problems: BundleProblem[]): void {
  for (const file of hashes.values()) {
    const match = new RegExp(`^${RAW_FOLDER}/([0-9a-f]{64})\\.json$`).exec(file.path);
    if (match && match[1] !== file.sha256) {
      problems.push({ file: file.path, expected: match[1]!, actual: file.sha256 });
    }
  }
}

/**
 * Each line's json string, hashed as UTF-8, must give the line's sha256: a record edited along
 * with the manifest and SHA256SUMS still shows. Returns the hashes that checked out.
 */
function checkRawRecords(dir: string, problems: BundleProblem[]): Set<string> {
  const verified = new Set<string>();
  let number = 0;

  for (const line of readLines(dir, RAW_RECORDS_FILE)) {
    number += 1;
    const file = `${RAW_RECORDS_FILE} line ${number}`;
    const record = parseRecordLine(line);
    if (!record) {
      problems.push({ file, expected: '{"sha256": "<64 hex>", "json": "<text>"}',
        actual: line.slice(0, 80) });
      continue;
    }

    const actual = sha256Hex(record.json);
    if (actual !== record.sha256) problems.push({ file, expected: record.sha256, actual });
    else verified.add(actual);
  }
  return verified;
}

function parseRecordLine(line: string): RawRecordLine | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }

  const record = value as Partial<RawRecordLine> | null;
  if (typeof record !== 'object' || record === null) return null;
  if (typeof record.json !== 'string') return null;
  if (typeof record.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(record.sha256)) return null;
  return { sha256: record.sha256, json: record.json };
}

/** Every raw hash an event cites must be a record in raw/records.jsonl that checked out. */
function checkCitations(dir: string, records: Set<string>, problems: BundleProblem[]): void {
  let number = 0;

  for (const line of readLines(dir, EVENTS_FILE)) {
    number += 1;
    for (const sha256 of citedHashes(line)) {
      if (records.has(sha256)) continue;
      problems.push({ file: `${EVENTS_FILE} line ${number}`,
        expected: `raw record ${sha256} in ${RAW_RECORDS_FILE}`, actual: 'missing' });
    }
  }
}

function citedHashes(line: string): string[] {
  let event: { rawSha256?: unknown; evidenceRawSha256?: unknown };
  try {
    event = JSON.parse(line) as typeof event;
  } catch {
    return ['(an unreadable line)'];
  }

  const cited = Array.isArray(event.evidenceRawSha256) ? event.evidenceRawSha256 : [];
  return [...new Set([event.rawSha256, ...cited])].map(String);
}

function checkNothingAdded(
  onDisk: Set<string>,
  manifest: Manifest,
  problems: BundleProblem[],
): void {
  const known = new Set([...manifest.files.map((f) => f.path), MANIFEST_FILE, SUMS_FILE]);
  for (const file of onDisk) {
    if (!known.has(file)) {
      problems.push({ file, expected: 'absent (not in the manifest)', actual: 'present' });
    }
  }
}

function isSafePath(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  if (value.startsWith('/') || value.includes('\\') || /^[A-Za-z]:/.test(value)) return false;
  return value.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
