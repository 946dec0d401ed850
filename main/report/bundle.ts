/**
 * The evidence bundle: a new folder holding report.html, events.jsonl, raw/records.jsonl,
 * manifest.json and SHA256SUMS. Each artefact has its own module; this one decides the order:
 * content first, hashes of what is on disk last.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { Db } from '../store/db.ts';
import { collectBundleData } from './data.ts';
import type { BundleRequest, ReportFinding } from './data.ts';
import { writeEventsJsonl } from './events-jsonl.ts';
import type { BundleFile } from './files.ts';
import { writeReportHtml } from './html.ts';
import { writeManifest } from './manifest.ts';
import type { Manifest } from './manifest.ts';
import { writeRawRecords } from './raw-files.ts';
import { compactUtc } from './time.ts';

export type { BundleRequest } from './data.ts';

export interface BundleResult {
  dir: string;
  files: BundleFile[];
  manifest: Manifest;
}

/** Writes a bundle into a new folder under outDir; never overwrites an existing one. */
export function writeBundle(db: Db, request: BundleRequest): BundleResult {
  const data = collectBundleData(db, request);
  const dir = createBundleFolder(request.outDir, folderName(data.instances, data.generatedAt));

  const events = writeEventsJsonl(dir, db, data);
  const rawIds = new Set([
    ...events.rawIds,
    ...snapshotRawIds(data.actions),
    ...memberRawIds(data.findings),
  ]);
  const raw = writeRawRecords(dir, db, rawIds);
  const html = writeReportHtml(dir, data);

  const { manifest, files } = writeManifest(dir, {
    data,
    files: [html, events.file, raw.file],
    events: events.count,
    rawRecords: raw.count,
  });
  return { dir, files, manifest };
}

function snapshotRawIds(actions: Array<{ snapshotRawId: number | null }>): number[] {
  return actions.flatMap((a) => (a.snapshotRawId === null ? [] : [a.snapshotRawId]));
}

/** The member snapshot of every channel a finding is about, so the bundle can prove it. */
function memberRawIds(findings: ReportFinding[]): number[] {
  return findings.flatMap((f) => f.channelMembers.map((m) => m.rawId));
}

function folderName(instances: Array<{ name: string }>, generatedAt: number): string {
  const scope = instances.length === 1 ? instances[0]!.name : 'all-accounts';
  return `zoom-evidence-${scope}-${compactUtc(generatedAt)}`;
}

/** mkdir without `recursive` fails on an existing folder, so a bundle is never mixed. */
function createBundleFolder(outDir: string, name: string): string {
  fs.mkdirSync(outDir, { recursive: true });

  for (let attempt = 1; ; attempt += 1) {
    const dir = path.join(outDir, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
