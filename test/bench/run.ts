/**
 * `npm run bench`: measured speed of the store and the detectors, each figure printed beside
 * a bare-SQLite floor doing the least work that could answer the same question.
 * Not a timed test: it prints figures for a person to compare across changes.
 *
 *   npm run bench -- --events 1000000
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { EventKind, NewEvent } from '../../shared/events.ts';
import { setLogLevel } from '../../main/log/logger.ts';
import { openDatabase } from '../../main/store/db.ts';
import type { Db } from '../../main/store/db.ts';
import { insertEvent, queryEvents, stableEventId } from '../../main/store/events.ts';
import { addInstance } from '../../main/store/instances.ts';
import { insertRawRecord } from '../../main/store/raw.ts';
import { makeSyntheticEvents } from './synthetic.ts';

const BATCH = 5_000;

interface Figure {
  what: string;
  ours: string;
  floor: string;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '200000' } } });
  const count = Number(values.events);
  setLogLevel('warn');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zi-bench-'));
  const events = makeSyntheticEvents(count, 'BENCH');
  const figures: Figure[] = [];

  const floorDb = new Database(path.join(dir, 'floor.sqlite'));
  floorDb.pragma('journal_mode = WAL');
  const floorRate = ingestFloor(floorDb, events);

  const db = openDatabase(path.join(dir, 'evidence.sqlite'));
  const instanceId = addInstance(db, {
    name: 'bench', accountId: 'BENCH', clientId: 'c', adminEmail: 'a@bench.test',
  }).id;
  const ourRate = ingestOurs(db, instanceId, events);
  figures.push({
    what: `ingest ${count.toLocaleString('en')} events (rows/s)`,
    ours: Math.round(ourRate).toLocaleString('en'),
    floor: `${Math.round(floorRate).toLocaleString('en')} (bare table, no indexes, no raw)`,
  });

  figures.push(...queryFigures(db, floorDb, events));
  figures.push(...(await detectionFigures(db, instanceId)));
  figures.push({
    what: 'database size (MiB)',
    ours: mib(path.join(dir, 'evidence.sqlite')),
    floor: mib(path.join(dir, 'floor.sqlite')),
  });

  printFigures(count, figures);
  db.close();
  floorDb.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

function ingestFloor(db: Database.Database, events: NewEvent[]): number {
  db.exec(`CREATE TABLE events (id TEXT, kind TEXT, occurred_at INTEGER, actor_email TEXT,
    text TEXT, raw TEXT)`);
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)');

  return timeRate(events.length, () => {
    for (let start = 0; start < events.length; start += BATCH) {
      db.transaction(() => {
        for (const e of events.slice(start, start + BATCH)) {
          insert.run(e.id, e.kind, e.occurredAt, e.actorEmail, e.text, JSON.stringify(e));
        }
      })();
    }
  });
}

function ingestOurs(db: Db, instanceId: number, events: NewEvent[]): number {
  const now = Date.now();
  return timeRate(events.length, () => {
    for (let start = 0; start < events.length; start += BATCH) {
      db.transaction(() => {
        for (const e of events.slice(start, start + BATCH)) {
          const raw = insertRawRecord(db, JSON.stringify(e), 'import', null, now);
          insertEvent(db, instanceId, e, raw, now);
        }
      })();
    }
  });
}

function queryFigures(db: Db, floorDb: Database.Database, events: NewEvent[]): Figure[] {
  const middle = events[Math.floor(events.length / 2)]!.occurredAt;
  const figures: Figure[] = [];

  figures.push({
    what: 'newest page of 100 (ms)',
    ours: ms(() => queryEvents(db, { limit: 100 })),
    floor: ms(() => floorDb.prepare('SELECT * FROM events ORDER BY occurred_at DESC LIMIT 100')
      .all()),
  });
  figures.push({
    what: 'page of 100 in the middle, keyset (ms)',
    ours: ms(() => queryEvents(db, { limit: 100, before: { occurredAt: middle, seq: 1e12 } })),
    floor: ms(() => floorDb
      .prepare('SELECT * FROM events WHERE occurred_at < ? ORDER BY occurred_at DESC LIMIT 100')
      .all(middle)),
  });
  figures.push({
    what: 'search a common word, first 100 (ms)',
    ours: ms(() => queryEvents(db, { search: 'quarterly', limit: 100 })),
    floor: ms(() => floorDb
      .prepare("SELECT * FROM events WHERE text LIKE '%quarterly%' LIMIT 100").all()),
  });
  figures.push({
    what: 'one user, one kind, newest 100 (ms)',
    ours: ms(() => queryEvents(db, {
      actor: events[7]!.actorEmail!, kinds: ['auth.sign_in' as EventKind], limit: 100,
    })),
    floor: ms(() => floorDb
      .prepare("SELECT * FROM events WHERE actor_email = ? AND kind = 'auth.sign_in' LIMIT 100")
      .all(events[7]!.actorEmail)),
  });
  return figures;
}

/** Detection runs when the engine is present; its floor is one pass that reads every row. */
async function detectionFigures(db: Db, instanceId: number): Promise<Figure[]> {
  const engine = (await import('../../main/detect/engine.ts').catch(() => null)) as
    | { runDetection: (db: Db, options: { instanceId: number }) => unknown }
    | null;
  if (!engine) return [];

  const floor = ms(() => {
    for (const row of db.prepare('SELECT * FROM events').iterate()) void row;
  });
  return [{
    what: 'full detection run (ms)',
    ours: ms(() => engine.runDetection(db, { instanceId })),
    floor: `${floor} (read every event once)`,
  }];
}

function timeRate(count: number, fn: () => void): number {
  const started = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

function ms(fn: () => unknown): string {
  const started = process.hrtime.bigint();
  fn();
  return (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1);
}

function mib(file: string): string {
  const wal = `${file}-wal`;
  const bytes = fs.statSync(file).size + (fs.existsSync(wal) ? fs.statSync(wal).size : 0);
  return (bytes / 2 ** 20).toFixed(1);
}

function printFigures(count: number, figures: Figure[]): void {
  const width = Math.max(...figures.map((f) => f.what.length));
  process.stdout.write(`Zoom Investigator bench: ${count.toLocaleString('en')} events, ` +
    `${os.cpus().length} cores, better-sqlite3, ${new Date().toISOString()}\n\n`);
  process.stdout.write(`${'what'.padEnd(width)}  ${'ours'.padStart(12)}  floor\n`);
  for (const f of figures) {
    process.stdout.write(`${f.what.padEnd(width)}  ${f.ours.padStart(12)}  ${f.floor}\n`);
  }
}

void stableEventId;
await main();
