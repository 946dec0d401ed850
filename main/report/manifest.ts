/**
 * manifest.json and SHA256SUMS: the size and SHA-256 of every file in the bundle, computed over
 * the bytes read back from disk. SHA256SUMS is `<64 hex>  <path>` with LF, so that
 * `sha256sum -c SHA256SUMS` checks the folder without this program.
 */
import type { BundleData } from './data.ts';
import { hashFile, writeText } from './files.ts';
import type { BundleFile } from './files.ts';
import { isoUtc } from './time.ts';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const BUNDLE_FORMAT = 'zoom-investigator-evidence-bundle';

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  /** 2: raw records in raw/records.jsonl; 1 had one raw/<sha256>.json per record. */
  version: 2;
  generatedAt: string;
  scope: {
    instances: Array<{ id: number; name: string; accountId: string }>;
    since: string | null;
    until: string | null;
    findingId: string | null;
  };
  counts: { events: number; rawRecords: number; findings: number; actions: number };
  auditChain: { verified: boolean; rows: number; headSeq: number | null; headHash: string | null };
  hashAlgorithm: 'SHA-256';
  /** Every file but manifest.json and SHA256SUMS, sorted by path. */
  files: BundleFile[];
}

export interface ManifestInput {
  data: BundleData;
  files: string[];
  events: number;
  rawRecords: number;
}

/** Hashes the written files, then writes manifest.json and SHA256SUMS (which lists both). */
export function writeManifest(dir: string, input: ManifestInput): {
  manifest: Manifest;
  files: BundleFile[];
} {
  const hashed = [...input.files].sort().map((file) => hashFile(dir, file));
  const manifest = buildManifest(input, hashed);
  writeText(dir, MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);

  const listed = [...hashed, hashFile(dir, MANIFEST_FILE)].sort(byPath);
  writeText(dir, SUMS_FILE, sumsText(listed));
  return { manifest, files: [...listed, hashFile(dir, SUMS_FILE)].sort(byPath) };
}

/** `<sha256>  <path>\n` per file: the format `sha256sum -c` reads. */
export function sumsText(files: BundleFile[]): string {
  return files.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}

/** Parses SHA256SUMS; a line in another shape is returned as a problem, not skipped. */
export function parseSums(text: string): { entries: Map<string, string>; badLines: string[] } {
  const entries = new Map<string, string>();
  const badLines: string[] = [];

  for (const line of text.split('\n')) {
    if (line === '') continue;
    const match = /^([0-9a-f]{64}) {2}([^\r\n\\]+)$/.exec(line);
    if (match) entries.set(match[2]!, match[1]!);
    else badLines.push(line);
  }
  return { entries, badLines };
}

function buildManifest(input: ManifestInput, files: BundleFile[]): Manifest {
  const { data } = input;
  return {
    format: BUNDLE_FORMAT,
    version: 2,
    generatedAt: isoUtc(data.generatedAt),
    scope: {
      instances: data.instances.map((i) => ({ id: i.id, name: i.name, accountId: i.accountId })),
      since: data.window.since === null ? null : isoUtc(data.window.since),
      until: data.window.until === null ? null : isoUtc(data.window.until),
      findingId: data.findingId,
    },
    counts: {
      events: input.events,
      rawRecords: input.rawRecords,
      findings: data.findings.length,
      actions: data.actions.length,
    },
    auditChain: {
      verified: data.audit.ok,
      rows: data.audit.rows,
      headSeq: data.audit.headSeq,
      headHash: data.audit.headHash,
    },
    hashAlgorithm: 'SHA-256',
    files,
  };
}

function byPath(a: BundleFile, b: BundleFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
