package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// articleCols are the columns scanArticle reads, raw excluded.
const articleCols = `a.id, a.source_id, a.cluster_id, a.state, a.ext_id, a.url, a.canonical_url,
	a.title, a.body, a.author, a.site, a.language, a.published, a.published_from, a.fetched,
	a.at, a.stored, a.analysis`

type scanner interface{ Scan(dest ...any) error }

// scanArticle reads articleCols, followed by raw when withRaw, followed by
// extra.
func scanArticle(sc scanner, withRaw bool, extra ...any) (store.Stored, error) {
	var (
		st                store.Stored
		source, cluster   sql.NullInt64
		state, pub, fetch string
		at, stored        int64
		analysis          sql.NullString
		a                 = &st.Article
		dest              []any
	)
	dest = append(dest, &st.ID, &source, &cluster, &state, &a.ID, &a.URL, &a.CanonicalURL,
		&a.Title, &a.Body, &a.Author, &a.Site, &a.Language, &pub, &a.PublishedFrom, &fetch,
		&at, &stored, &analysis)
	if withRaw {
		dest = append(dest, &st.Raw)
	}
	dest = append(dest, extra...)
	if err := sc.Scan(dest...); err != nil {
		return store.Stored{}, err
	}
	st.Source, st.Cluster, st.State = source.Int64, cluster.Int64, store.State(state)
	a.Published, a.Fetched = parseTime(pub), parseTime(fetch)
	st.Time, st.StoredAt = fromMillis(at), fromMillis(stored)
	if withRaw && st.Raw == nil {
		st.Raw = []byte{}
	}
	if analysis.Valid {
		var an article.Analysis
		if err := json.Unmarshal([]byte(analysis.String), &an); err != nil {
			return store.Stored{}, fmt.Errorf("decode analysis of article %d: %w", st.ID, err)
		}
		an.Article = st.Article
		st.Analysis = &an
	}
	return st, nil
}

// Get implements store.Store.
func (s *DB) Get(ctx context.Context, id int64) (store.Stored, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+articleCols+`, a.raw FROM articles a WHERE a.id = $1`, id)
	st, err := scanArticle(row, true)
	if errors.Is(err, sql.ErrNoRows) {
		return store.Stored{}, fmt.Errorf("%s: article %d: %w", s.d.Name, id, store.ErrNotFound)
	}
	if err != nil {
		return store.Stored{}, fmt.Errorf("%s: get article %d: %w", s.d.Name, id, err)
	}
	list := []store.Stored{st}
	if err := s.addNovelty(ctx, list); err != nil {
		return store.Stored{}, err
	}
	return list[0], nil
}

// Pending implements store.Store.
func (s *DB) Pending(ctx context.Context, limit int) ([]store.Stored, error) {
	q := `SELECT ` + articleCols + `, a.raw FROM articles a WHERE a.state = 'pending' ORDER BY a.id LIMIT $1`
	return s.list(ctx, "pending", true, q, defaultLimit(limit, 100))
}

// Stale implements store.Store.
func (s *DB) Stale(ctx context.Context, model string, limit int) ([]store.Stored, error) {
	q := `SELECT ` + articleCols + `, a.raw FROM articles a
		WHERE a.state = 'analysed' AND a.model <> $1 ORDER BY a.id LIMIT $2`
	return s.list(ctx, "stale", true, q, model, defaultLimit(limit, 100))
}

func defaultLimit(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

// list runs a query returning articleCols (and raw when withRaw) and adds
// the novelty of the articles found.
func (s *DB) list(ctx context.Context, what string, withRaw bool, q string, args ...any) ([]store.Stored, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", s.d.Name, what, err)
	}
	defer rows.Close()
	var out []store.Stored
	for rows.Next() {
		st, err := scanArticle(rows, withRaw)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", s.d.Name, what, err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", s.d.Name, what, err)
	}
	return out, s.addNovelty(ctx, out)
}

// addNovelty fills the Novelty maps of list from ticker_sentiment.
func (s *DB) addNovelty(ctx context.Context, list []store.Stored) error {
	if len(list) == 0 {
		return nil
	}
	var b builder
	byID := make(map[int64]*store.Stored, len(list))
	ids := make([]string, len(list))
	for i := range list {
		byID[list[i].ID] = &list[i]
		ids[i] = b.arg(list[i].ID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, ticker, novelty FROM ticker_sentiment
		WHERE novelty IS NOT NULL AND article_id IN (`+strings.Join(ids, ", ")+`)`, b.args...)
	if err != nil {
		return fmt.Errorf("%s: read novelty: %w", s.d.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		var v float64
		if err := rows.Scan(&id, &t, &v); err != nil {
			return fmt.Errorf("%s: read novelty: %w", s.d.Name, err)
		}
		st := byID[id]
		if st.Novelty == nil {
			st.Novelty = map[string]float64{}
		}
		st.Novelty[t] = v
	}
	return rows.Err()
}
