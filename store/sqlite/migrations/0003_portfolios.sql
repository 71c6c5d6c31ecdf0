-- Portfolios and their holdings (schema version 3; version 2 belongs to the
-- alerts). Times are unix milliseconds. Holdings keep the order of the
-- import in position; quantity and cost are 0 when not given.

CREATE TABLE portfolios (
	id      INTEGER PRIMARY KEY,
	name    TEXT NOT NULL UNIQUE,
	created INTEGER NOT NULL,
	updated INTEGER NOT NULL
);

CREATE TABLE portfolio_holdings (
	portfolio_id INTEGER NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	ticker       TEXT NOT NULL,
	name         TEXT NOT NULL DEFAULT '',
	quantity     REAL NOT NULL DEFAULT 0,
	cost         REAL NOT NULL DEFAULT 0,
	weight       REAL NOT NULL,
	sector       TEXT NOT NULL DEFAULT '',
	unknown      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (portfolio_id, position)
) WITHOUT ROWID;
