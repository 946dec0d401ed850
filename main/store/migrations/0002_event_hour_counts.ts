/**
 * Events per hour, per account and kind, kept by triggers while ingesting, so that the
 * timeline's histogram reads a few thousand rows instead of counting millions of events.
 */
export const name = 'event_hour_counts';

export const sql = `
CREATE TABLE event_hour_counts (
  instance_id     INTEGER NOT NULL,
  -- UTC hour: occurred_at / 3,600,000, rounded down.
  hour            INTEGER NOT NULL,
  kind            TEXT NOT NULL,
  n               INTEGER NOT NULL,
  PRIMARY KEY (instance_id, hour, kind)
) STRICT, WITHOUT ROWID;

INSERT INTO event_hour_counts (instance_id, hour, kind, n)
  SELECT instance_id, occurred_at / 3600000, kind, count(*) FROM events
  GROUP BY instance_id, occurred_at / 3600000, kind;

CREATE TRIGGER event_hour_counts_insert AFTER INSERT ON events BEGIN
  INSERT INTO event_hour_counts (instance_id, hour, kind, n)
  VALUES (new.instance_id, new.occurred_at / 3600000, new.kind, 1)
  ON CONFLICT (instance_id, hour, kind) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER event_hour_counts_delete AFTER DELETE ON events BEGIN
  UPDATE event_hour_counts SET n = n - 1
  WHERE instance_id = old.instance_id AND hour = old.occurred_at / 3600000 AND kind = old.kind;
END;
`;
