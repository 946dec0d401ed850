/**
 * Checking a bundle folder: every file the manifest lists is present with its size and hash,
 * SHA256SUMS agrees with the manifest and the disk, raw records are named by their hash, and
 * no file was added or removed.
 */
import fs from 'node:fs';
import path from 'node:path';

import { errorMessage } from '../errors.ts';
import { hashFile, listBundleFiles } from './files.ts';
import type { BundleFile } from './files.ts';
import { MANIFEST_FILE, parseSums, SUMS_FILE } from './manifest.ts';
import type { Manifest } from './manifest.ts';
import { RAW_FOLDER } from './raw-files.ts';

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

/** A raw record's file name is its hash: a file edited along with the manifest still shows. */
function checkRawNames(hashes: Map<string, BundleFile>, problems: BundleProblem[]): void {
  for (const file of hashes.values()) {
    const match = new RegExp(`^${RAW_FOLDER}/([0-9a-f]{64})\\.json$`).exec(file.path);
    if (match && match[1] !== file.sha256) {
      problems.push({ file: file.path, expected: match[1]!, actual: file.sha256 });
    }
  }
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
