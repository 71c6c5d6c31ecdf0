package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// PutRaw implements store.Store.
func (s *DB) PutRaw(ctx context.Context, r store.Raw) (store.PutResult, error) {
	var res store.PutResult
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		res, _, err = newWriter(ctx, tx, s.d).insert(r, nil, 0)
		return err
	})
	if err != nil {
		return store.PutResult{}, fmt.Errorf("%s: put raw: %w", s.d.Name, err)
	}
	return res, nil
}

// PutAnalysis implements store.Store.
func (s *DB) PutAnalysis(ctx context.Context, id int64, a article.Analysis) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w := newWriter(ctx, tx, s.d)
		novelty, err := w.forgetTickers(id)
		if err != nil {
			return err
		}
		at, err := w.analyse(id, a)
		if err != nil {
			return err
		}
		if err := w.exec(`DELETE FROM article_topics WHERE article_id = $1`, id); err != nil {
			return err
		}
		if err := w.tickers(id, at, a.Tickers, novelty); err != nil {
			return err
		}
		if err := w.topics(id, at, a.Topics); err != nil {
			return err
		}
		return w.flush()
	})
	if err != nil {
		return fmt.Errorf("%s: put analysis: %w", s.d.Name, err)
	}
	return nil
}

// forgetTickers removes the ticker rows of a previous analysis of article
// id from ticker_sentiment and the hourly sums, and returns their known
// novelty per ticker.
func (w *writer) forgetTickers(id int64) (map[string]float64, error) {
	rows, err := w.tx.QueryContext(w.ctx, `SELECT ticker, at, relevance, sentiment, novelty
		FROM ticker_sentiment WHERE article_id = $1`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	novelty := map[string]float64{}
	for rows.Next() {
		var t string
		var at int64
		var rel, sen float64
		var nov sql.NullFloat64
		if err := rows.Scan(&t, &at, &rel, &sen, &nov); err != nil {
			return nil, err
		}
		w.roll.add(t, at, rel, sen, -1)
		if nov.Valid {
			novelty[t] = nov.Float64
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return novelty, w.exec(`DELETE FROM ticker_sentiment WHERE article_id = $1`, id)
}

// Import implements store.Store.
func (s *DB) Import(ctx context.Context, recs []store.Record) ([]store.PutResult, error) {
	out := make([]store.PutResult, len(recs))
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		w := newWriter(ctx, tx, s.d)
		for i, r := range recs {
			res, err := importOne(w, r)
			if err != nil {
				return fmt.Errorf("record %d: %w", i, err)
			}
			out[i] = res
		}
		return w.flush()
	})
	if err != nil {
		return nil, fmt.Errorf("%s: import: %w", s.d.Name, err)
	}
	return out, nil
}

func importOne(w *writer, r store.Record) (store.PutResult, error) {
	res, at, err := w.insert(r.Raw, &r.Analysis, r.Cluster)
	if err != nil || res.Duplicate {
		return res, err
	}
	if err := w.tickers(res.ID, at, r.Analysis.Tickers, r.Novelty); err != nil {
		return res, err
	}
	return res, w.topics(res.ID, at, r.Analysis.Topics)
}

// SetCluster implements store.Store.
func (s *DB) SetCluster(ctx context.Context, id, cluster int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE articles SET cluster_id = $2 WHERE id = $1`, id, nullInt(cluster))
	return s.changedOne(res, err, fmt.Sprintf("set cluster of article %d", id))
}

// SetNovelty implements store.Store.
func (s *DB) SetNovelty(ctx context.Context, id int64, ticker string, novelty float64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE ticker_sentiment SET novelty = $3
		WHERE article_id = $1 AND ticker = $2`, id, ticker, novelty)
	return s.changedOne(res, err, fmt.Sprintf("set novelty of %s in article %d", ticker, id))
}

// changedOne turns the result of an update of one row into an error:
// ErrNotFound when no row changed.
func (s *DB) changedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return fmt.Errorf("%s: %s: %w", s.d.Name, what, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %s: %w", s.d.Name, what, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: %s: %w", s.d.Name, what, store.ErrNotFound)
	}
	return nil
}
