-- Tickerwire store, SQLite schema version 1. Times are unix milliseconds
-- (at, stored, analysed, last_poll) or RFC 3339 text (published, fetched).

CREATE TABLE sources (
	id            INTEGER PRIMARY KEY,
	url           TEXT NOT NULL UNIQUE,
	kind          TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	paused        INTEGER NOT NULL DEFAULT 0,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_poll     INTEGER,
	last_error    TEXT NOT NULL DEFAULT '',
	items         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
	id             INTEGER PRIMARY KEY,
	source_id      INTEGER REFERENCES sources (id) ON DELETE SET NULL,
	ext_id         TEXT NOT NULL DEFAULT '',
	url            TEXT NOT NULL DEFAULT '',
	canonical_url  TEXT NOT NULL DEFAULT '',
	url_key        TEXT UNIQUE,
	content_hash   TEXT NOT NULL UNIQUE,
	title          TEXT NOT NULL,
	body           TEXT NOT NULL,
	author         TEXT NOT NULL DEFAULT '',
	site           TEXT NOT NULL DEFAULT '',
	language       TEXT NOT NULL DEFAULT '',
	published      TEXT NOT NULL DEFAULT '',
	published_from TEXT NOT NULL DEFAULT '',
	fetched        TEXT NOT NULL DEFAULT '',
	at             INTEGER NOT NULL,
	-- seq orders articles by time: at * 65536 plus 16 bits of the content
	-- hash (bumped on a clash), unique.
	seq            INTEGER NOT NULL UNIQUE,
	stored         INTEGER NOT NULL,
	raw            BLOB,
	state          TEXT NOT NULL CHECK (state IN ('pending', 'analysed')),
	model          TEXT NOT NULL DEFAULT '',
	sentiment      REAL,
	label          TEXT NOT NULL DEFAULT '',
	analysis       TEXT,
	analysed       INTEGER,
	cluster_id     INTEGER
);

CREATE INDEX articles_pending ON articles (id) WHERE state = 'pending';
CREATE INDEX articles_model ON articles (model) WHERE state = 'analysed';
CREATE INDEX articles_source ON articles (source_id, seq) WHERE source_id IS NOT NULL;
CREATE INDEX articles_site ON articles (site, seq);
CREATE INDEX articles_cluster ON articles (cluster_id) WHERE cluster_id IS NOT NULL;

-- One row per (article, ticker) of an analysis, with the article's at and
-- seq. The covering index (ticker, at, relevance, sentiment) answers the
-- minutes of a time series from the index alone; (ticker, seq) lists a
-- ticker's articles newest first.
CREATE TABLE ticker_sentiment (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	ticker     TEXT NOT NULL,
	at         INTEGER NOT NULL,
	seq        INTEGER NOT NULL,
	relevance  REAL NOT NULL,
	sentiment  REAL NOT NULL,
	mentions   INTEGER NOT NULL,
	novelty    REAL,
	PRIMARY KEY (article_id, ticker)
) WITHOUT ROWID;

CREATE INDEX ticker_sentiment_series ON ticker_sentiment (ticker, at, relevance, sentiment);
CREATE INDEX ticker_sentiment_seq ON ticker_sentiment (ticker, seq);

-- Hourly sums of ticker_sentiment, kept by every write, so hour and day
-- series over long ranges read one row per hour. hour is the start of the
-- hour in unix milliseconds.
CREATE TABLE ticker_hourly (
	ticker    TEXT NOT NULL,
	hour      INTEGER NOT NULL,
	weighted  REAL NOT NULL,
	relevance REAL NOT NULL,
	sentiment REAL NOT NULL,
	articles  INTEGER NOT NULL,
	PRIMARY KEY (ticker, hour)
) WITHOUT ROWID;

CREATE TABLE article_topics (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	topic      TEXT NOT NULL,
	at         INTEGER NOT NULL,
	relevance  REAL NOT NULL,
	PRIMARY KEY (article_id, topic)
) WITHOUT ROWID;

CREATE INDEX article_topics_topic ON article_topics (topic, at);

-- Full-text index over title and body. It is contentless and keyed by
-- articles.seq, so it yields matches newest first and a search for a common
-- word stops after one page.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, body,
	content = '',
	tokenize = 'unicode61 remove_diacritics 0'
);
