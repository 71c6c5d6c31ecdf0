-- Tickerwire store, SQLite schema version 2: alert rules, alerts and their
-- delivery outbox. Times are unix milliseconds.

CREATE TABLE alert_rules (
	id      TEXT PRIMARY KEY,
	spec    TEXT NOT NULL,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
);

-- id is the de-duplication key of an alert (rule, ticker, story); seq
-- orders alerts as stored.
CREATE TABLE alerts (
	seq        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	rule_id    TEXT NOT NULL,
	ticker     TEXT NOT NULL,
	article_id INTEGER NOT NULL,
	cluster_id INTEGER NOT NULL DEFAULT 0,
	fired      INTEGER NOT NULL,
	acked      INTEGER,
	data       TEXT NOT NULL
);

CREATE INDEX alerts_fired ON alerts (fired);
CREATE INDEX alerts_rule ON alerts (rule_id, seq);
CREATE INDEX alerts_ticker ON alerts (ticker, seq);

-- The outbox: one row per alert and webhook, pending until delivered or
-- given up. next_at is when it is due, or the end of a claim's lease.
CREATE TABLE alert_deliveries (
	id         INTEGER PRIMARY KEY,
	alert_id   TEXT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
	target     TEXT NOT NULL,
	secret     TEXT NOT NULL DEFAULT '',
	state      TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
	attempts   INTEGER NOT NULL DEFAULT 0,
	next_at    INTEGER NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	delivered  INTEGER,
	UNIQUE (alert_id, target)
);

CREATE INDEX alert_deliveries_due ON alert_deliveries (next_at) WHERE state = 'pending';
