package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// writer writes articles inside one transaction, preparing each statement
// once however many articles it writes.
type writer struct {
	ctx   context.Context
	tx    *sql.Tx
	d     Dialect
	stmts map[string]*sql.Stmt
	roll  rollup
}

func newWriter(ctx context.Context, tx *sql.Tx, d Dialect) *writer {
	return &writer{ctx: ctx, tx: tx, d: d, stmts: map[string]*sql.Stmt{}, roll: rollup{}}
}

// stmt returns the prepared form of query.
func (w *writer) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	w.stmts[query] = st
	return st, nil
}

func (w *writer) exec(query string, args ...any) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

const insertArticle = `INSERT INTO articles (source_id, ext_id, url, canonical_url, url_key,
	content_hash, title, body, author, site, language, published, published_from, fetched,
	at, stored, raw, state, model, sentiment, label, analysis, analysed, cluster_id, seq)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
	$19, $20, $21, $22, $23, $24, $25)
ON CONFLICT DO NOTHING RETURNING id`

// stamp is where an article sits in time: its Time in unix milliseconds
// and its seq.
type stamp struct{ at, seq int64 }

// insert stores r unless it is a duplicate: pending when an is nil, else
// analysed with an and cluster. It returns where the article is and, when
// it is new, its stamp.
func (w *writer) insert(r store.Raw, an *article.Analysis, cluster int64) (store.PutResult, stamp, error) {
	a := r.Article
	if a.Title == "" && a.Body == "" {
		return store.PutResult{}, stamp{}, store.ErrEmpty
	}
	now := time.Now()
	key, hash := store.URLKey(a), store.ContentHash(a)
	cols, err := analysisCols(an, now)
	if err != nil {
		return store.PutResult{}, stamp{}, err
	}
	at := articleTime(a, now)
	args := append([]any{nullInt(r.Source), a.ID, a.URL, a.CanonicalURL, nullString(key),
		hash, a.Title, a.Body, a.Author, a.Site, a.Language, formatTime(a.Published), a.PublishedFrom,
		formatTime(a.Fetched), at, now.UnixMilli(), rawBytes(r.Data)}, cols...)
	args = append(args, nullInt(cluster))
	// A clash of seq alone is no duplicate: the next seq is tried.
	first := firstSeq(at, hash)
	for seq := first; seq < first+maxSeqTries; seq++ {
		res, err := w.tryInsert(append(args, seq), key, hash)
		if err != nil || res.ID != 0 {
			if err == nil && !res.Duplicate && w.d.IndexText != "" {
				err = w.exec(w.d.IndexText, seq, a.Title, a.Body)
			}
			return res, stamp{at, seq}, err
		}
	}
	return store.PutResult{}, stamp{}, fmt.Errorf("insert article: %d articles at %v", maxSeqTries, fromMillis(at))
}

// maxSeqTries bounds the articles of one millisecond with equal seq.
const maxSeqTries = 1 << 10

// firstSeq is the preferred seq of an article: its Time in milliseconds
// times 65536 plus 16 bits of its content hash, so articles sort by Time
// and those of one millisecond in a stable order.
func firstSeq(at int64, hash string) int64 {
	low, _ := strconv.ParseInt(hash[:4], 16, 64)
	return at<<16 | low
}

// tryInsert inserts one article row. It returns the new id, or the id of
// the stored duplicate with Duplicate set, or a zero result when only seq
// clashed.
func (w *writer) tryInsert(args []any, key, hash string) (store.PutResult, error) {
	st, err := w.stmt(insertArticle)
	if err != nil {
		return store.PutResult{}, err
	}
	var id int64
	err = st.QueryRowContext(w.ctx, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		id, err = w.existing(key, hash)
		return store.PutResult{ID: id, Duplicate: id != 0}, err
	}
	if err != nil {
		return store.PutResult{}, fmt.Errorf("insert article: %w", err)
	}
	return store.PutResult{ID: id}, nil
}

// analysisCols returns the values of the columns state, model, sentiment,
// label, analysis and analysed for an (nil: pending).
func analysisCols(an *article.Analysis, now time.Time) ([]any, error) {
	if an == nil {
		return []any{string(store.Pending), "", nil, "", nil, nil}, nil
	}
	a := *an
	a.Article = article.Article{}
	doc, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode analysis: %w", err)
	}
	return []any{string(store.Analysed), a.Model, a.Sentiment.Value, string(a.Sentiment.Label),
		string(doc), now.UnixMilli()}, nil
}

// existing returns the id of the stored article with the URL key or hash,
// 0 when there is none.
func (w *writer) existing(key, hash string) (int64, error) {
	lookups := []struct{ query, value string }{
		{`SELECT id FROM articles WHERE url_key = $1`, key},
		{`SELECT id FROM articles WHERE content_hash = $1`, hash},
	}
	for _, l := range lookups {
		if l.value == "" {
			continue
		}
		st, err := w.stmt(l.query)
		if err != nil {
			return 0, err
		}
		var id int64
		err = st.QueryRowContext(w.ctx, l.value).Scan(&id)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return id, err
		}
	}
	return 0, nil
}

const markAnalysed = `UPDATE articles SET state = $2, model = $3, sentiment = $4, label = $5,
	analysis = $6, analysed = $7 WHERE id = $1 RETURNING at, seq`

// analyse stores a as the analysis of article id and returns the
// article's stamp.
func (w *writer) analyse(id int64, a article.Analysis) (stamp, error) {
	cols, err := analysisCols(&a, time.Now())
	if err != nil {
		return stamp{}, err
	}
	st, err := w.stmt(markAnalysed)
	if err != nil {
		return stamp{}, err
	}
	var at, seq int64
	err = st.QueryRowContext(w.ctx, append([]any{id}, cols...)...).Scan(&at, &seq)
	if errors.Is(err, sql.ErrNoRows) {
		return stamp{}, fmt.Errorf("article %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return stamp{}, fmt.Errorf("store analysis: %w", err)
	}
	return stamp{at, seq}, nil
}

const insertTicker = `INSERT INTO ticker_sentiment (article_id, ticker, at, seq, relevance,
	sentiment, mentions, novelty) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`

// tickers stores the per-ticker rows of an analysis; a ticker listed twice
// keeps its first (most relevant) entry.
func (w *writer) tickers(id int64, at stamp, ts []article.TickerSentiment, novelty map[string]float64) error {
	seen := make(map[string]bool, len(ts))
	for _, t := range ts {
		if seen[t.Ticker] {
			continue
		}
		seen[t.Ticker] = true
		var nov any
		if v, ok := novelty[t.Ticker]; ok {
			nov = v
		}
		err := w.exec(insertTicker, id, t.Ticker, at.at, at.seq, t.Relevance, t.Sentiment.Value, t.Mentions, nov)
		if err != nil {
			return fmt.Errorf("store ticker %s: %w", t.Ticker, err)
		}
		w.roll.add(t.Ticker, at.at, t.Relevance, t.Sentiment.Value, 1)
	}
	return nil
}

const insertTopic = `INSERT INTO article_topics (article_id, topic, at, seq, relevance)
	VALUES ($1, $2, $3, $4, $5)`

// topics stores the topics of an analysis; a topic listed twice keeps its
// first entry.
func (w *writer) topics(id int64, at stamp, ts []article.Topic) error {
	seen := make(map[string]bool, len(ts))
	for _, t := range ts {
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		if err := w.exec(insertTopic, id, t.ID, at.at, at.seq, t.Relevance); err != nil {
			return fmt.Errorf("store topic %s: %w", t.ID, err)
		}
	}
	return nil
}
