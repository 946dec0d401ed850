/**
 * The first schema: raw evidence, derived events, snapshots, sync coverage, findings, actions
 * and the audit chain. Tables are STRICT so that a wrong type is an error, not a surprise.
 */
export const name = 'initial';

export const sql = `
CREATE TABLE instances (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  account_id      TEXT NOT NULL,
  client_id       TEXT NOT NULL,
  admin_email     TEXT NOT NULL,
  auth_type       TEXT NOT NULL DEFAULT 's2s' CHECK (auth_type IN ('s2s', 'oauth_pkce')),
  api_base_url    TEXT NOT NULL,
  oauth_base_url  TEXT NOT NULL,
  -- Random id that names this instance's entries in the OS keychain.
  keychain_key    TEXT NOT NULL UNIQUE,
  is_demo         INTEGER NOT NULL DEFAULT 0,
  own_domains     TEXT NOT NULL DEFAULT '[]',
  created_at      INTEGER NOT NULL,
  -- Set when the account is disconnected but its evidence kept.
  removed_at      INTEGER
) STRICT;

-- Each HTTP response body (or imported file) exactly as received, deflated, chained by hash.
CREATE TABLE raw_pages (
  id              INTEGER PRIMARY KEY,
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  source          TEXT NOT NULL,
  request         TEXT NOT NULL,
  http_status     INTEGER,
  received_at     INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  body_deflated   BLOB NOT NULL,
  chain_sha256    TEXT NOT NULL
) STRICT;

-- One record (one array item, one webhook body) as Zoom sent it: JSON text, key order kept.
CREATE TABLE raw_records (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE,
  json            TEXT NOT NULL,
  source          TEXT NOT NULL,
  page_id         INTEGER REFERENCES raw_pages(id),
  first_seen_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE events (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  kind            TEXT NOT NULL,
  source          TEXT NOT NULL,
  occurred_at     INTEGER NOT NULL,
  actor_email     TEXT,
  actor_id        TEXT,
  target_email    TEXT,
  target_id       TEXT,
  channel_id      TEXT,
  channel_name    TEXT,
  message_id      TEXT,
  parent_message_id TEXT,
  text            TEXT,
  ip              TEXT,
  client_type     TEXT,
  detail_json     TEXT NOT NULL DEFAULT '{}',
  raw_id          INTEGER NOT NULL REFERENCES raw_records(id),
  raw_sha256      TEXT NOT NULL,
  ingested_at     INTEGER NOT NULL
) STRICT;

-- The indexes the screens and detectors read by; each one costs ingest speed.
CREATE INDEX events_by_time ON events (occurred_at, seq);
CREATE INDEX events_by_kind_time ON events (kind, occurred_at);
CREATE INDEX events_by_actor_time ON events (actor_email, occurred_at);
CREATE INDEX events_by_message ON events (message_id) WHERE message_id IS NOT NULL;

-- Every raw record that evidences an event (the API record and a webhook body, say).
CREATE TABLE event_evidence (
  event_id        TEXT NOT NULL,
  raw_id          INTEGER NOT NULL REFERENCES raw_records(id),
  PRIMARY KEY (event_id, raw_id)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE events_fts USING fts5(
  text, actor_email, target_email, channel_name,
  content = 'events', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
  INSERT INTO events_fts (rowid, text, actor_email, target_email, channel_name)
  VALUES (new.seq, new.text, new.actor_email, new.target_email, new.channel_name);
END;

CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, text, actor_email, target_email, channel_name)
  VALUES ('delete', old.seq, old.text, old.actor_email, old.target_email, old.channel_name);
END;

CREATE TRIGGER events_fts_update AFTER UPDATE ON events BEGIN
  INSERT INTO events_fts (events_fts, rowid, text, actor_email, target_email, channel_name)
  VALUES ('delete', old.seq, old.text, old.actor_email, old.target_email, old.channel_name);
  INSERT INTO events_fts (rowid, text, actor_email, target_email, channel_name)
  VALUES (new.seq, new.text, new.actor_email, new.target_email, new.channel_name);
END;

-- Snapshots of lists that carry no times in Zoom's API: we know when we first and last saw them.
CREATE TABLE users (
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  user_id         TEXT NOT NULL,
  email           TEXT,
  display_name    TEXT,
  status          TEXT,
  type            INTEGER,
  role_id         TEXT,
  timezone        TEXT,
  raw_id          INTEGER NOT NULL REFERENCES raw_records(id),
  first_seen_at   INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  PRIMARY KEY (instance_id, user_id)
) STRICT;

CREATE INDEX users_by_email ON users (instance_id, email);

CREATE TABLE channels (
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  channel_id      TEXT NOT NULL,
  name            TEXT,
  type            INTEGER,
  raw_id          INTEGER NOT NULL REFERENCES raw_records(id),
  first_seen_at   INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  PRIMARY KEY (instance_id, channel_id)
) STRICT;

CREATE TABLE channel_members (
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  channel_id      TEXT NOT NULL,
  member_key      TEXT NOT NULL,
  email           TEXT,
  name            TEXT,
  role            TEXT,
  is_external     INTEGER,
  raw_id          INTEGER NOT NULL REFERENCES raw_records(id),
  first_seen_at   INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL,
  PRIMARY KEY (instance_id, channel_id, member_key)
) STRICT;

-- Per stream: where sync stands. Page tokens are never stored (they die after 15 minutes).
CREATE TABLE sync_state (
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  stream          TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('never', 'running', 'ok', 'partial',
                                                  'failed', 'unavailable')),
  reason          TEXT,
  cursor_json     TEXT NOT NULL DEFAULT '{}',
  last_run_at     INTEGER,
  last_ok_at      INTEGER,
  PRIMARY KEY (instance_id, stream)
) STRICT;

-- Which time windows of which stream were fetched completely, and when.
CREATE TABLE sync_coverage (
  id              INTEGER PRIMARY KEY,
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  stream          TEXT NOT NULL,
  window_start    INTEGER NOT NULL,
  window_end      INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'retried')),
  pages           INTEGER NOT NULL,
  records         INTEGER NOT NULL,
  note            TEXT,
  completed_at    INTEGER NOT NULL
) STRICT;

CREATE INDEX sync_coverage_by_stream ON sync_coverage (instance_id, stream, window_start);

CREATE TABLE findings (
  id              TEXT PRIMARY KEY,
  instance_id     INTEGER NOT NULL REFERENCES instances(id),
  detector_id     TEXT NOT NULL,
  detector_version INTEGER NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  technique       TEXT,
  title           TEXT NOT NULL,
  explanation     TEXT NOT NULL,
  values_json     TEXT NOT NULL DEFAULT '{}',
  subject         TEXT,
  first_event_at  INTEGER NOT NULL,
  last_event_at   INTEGER NOT NULL,
  detected_at     INTEGER NOT NULL,
  still_holds     INTEGER NOT NULL DEFAULT 1,
  status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'triaged', 'dismissed')),
  triage_note     TEXT,
  triaged_at      INTEGER
) STRICT;

CREATE TABLE finding_evidence (
  finding_id      TEXT NOT NULL REFERENCES findings(id),
  event_id        TEXT NOT NULL,
  PRIMARY KEY (finding_id, event_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE incidents (
  id              INTEGER PRIMARY KEY,
  instance_id     INTEGER REFERENCES instances(id),
  title           TEXT NOT NULL,
  severity        TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contained', 'closed')),
  owner           TEXT,
  notes           TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE incident_links (
  incident_id     INTEGER NOT NULL REFERENCES incidents(id),
  link_type       TEXT NOT NULL CHECK (link_type IN ('finding', 'event')),
  link_id         TEXT NOT NULL,
  PRIMARY KEY (incident_id, link_type, link_id)
) STRICT, WITHOUT ROWID;

-- Response actions: one row per intended effect, keyed so that it can never run twice.
CREATE TABLE actions (
  id              INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  instance_id     INTEGER REFERENCES instances(id),
  kind            TEXT NOT NULL,
  target_json     TEXT NOT NULL,
  reason          TEXT,
  status          TEXT NOT NULL CHECK (status IN ('planned', 'queued', 'running', 'done',
                                                  'failed', 'outcome_unknown', 'cancelled')),
  snapshot_raw_id INTEGER REFERENCES raw_records(id),
  result_json     TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
) STRICT;

-- Append-only, each row hashed together with the one before it.
CREATE TABLE audit_log (
  seq             INTEGER PRIMARY KEY,
  at              INTEGER NOT NULL,
  os_user         TEXT NOT NULL,
  investigator    TEXT,
  instance_id     INTEGER,
  action          TEXT NOT NULL,
  target          TEXT NOT NULL,
  idempotency_key TEXT,
  reason          TEXT,
  outcome         TEXT NOT NULL,
  request_json    TEXT,
  response_json   TEXT,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  scope           TEXT NOT NULL,
  key             TEXT NOT NULL,
  value_json      TEXT NOT NULL,
  PRIMARY KEY (scope, key)
) STRICT;
`;
