package sqlstore

import (
	"context"
	"database/sql"

	"fmt"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// PutPortfolio implements store.PortfolioStore.
func (s *DB) PutPortfolio(ctx context.Context, p store.Portfolio) error {
	if strings.TrimSpace(p.Name) == "" {
		return fmt.Errorf("%w: a portfolio needs a name", store.ErrBadQuery)
	}
	now := time.Now().UnixMilli()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO portfolios (name, created, updated) VALUES ($1, $2, $2)
			ON CONFLICT (name) DO UPDATE SET updated = excluded.updated RETURNING id`, p.Name, now).Scan(&id)
		if err != nil {
			return fmt.Errorf("%s: put portfolio %q: %w", s.d.Name, p.Name, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM portfolio_holdings WHERE portfolio_id = $1`, id); err != nil {
			return fmt.Errorf("%s: put portfolio %q: %w", s.d.Name, p.Name, err)
		}
		for i, h := range p.Holdings {
			_, err := tx.ExecContext(ctx, `INSERT INTO portfolio_holdings (portfolio_id, position, ticker,
				name, quantity, cost, weight, sector, unknown) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				id, i, h.Ticker, h.Name, h.Quantity, h.Cost, h.Weight, h.Sector, h.Unknown)
			if err != nil {
				return fmt.Errorf("%s: put portfolio %q: holding %s: %w", s.d.Name, p.Name, h.Ticker, err)
			}
		}
		return nil
	})
}

// Portfolio implements store.PortfolioStore.
func (s *DB) Portfolio(ctx context.Context, name string) (store.Portfolio, error) {
	list, err := s.portfolios(ctx, name)
	if err != nil {
		return store.Portfolio{}, err
	}
	if len(list) == 0 {
		return store.Portfolio{}, fmt.Errorf("%s: portfolio %q: %w", s.d.Name, name, store.ErrNotFound)
	}
	return list[0], nil
}

// Portfolios implements store.PortfolioStore.
func (s *DB) Portfolios(ctx context.Context) ([]store.Portfolio, error) {
	return s.portfolios(ctx, "")
}

// portfolios reads the portfolio called name, or every portfolio when
// name is "", with their holdings.
func (s *DB) portfolios(ctx context.Context, name string) ([]store.Portfolio, error) {
	cond, args := "", []any{}
	if name != "" {
		cond, args = ` WHERE p.name = $1`, []any{name}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.name, p.created, p.updated, h.ticker, h.name,
		h.quantity, h.cost, h.weight, h.sector, h.unknown
		FROM portfolios p LEFT JOIN portfolio_holdings h ON h.portfolio_id = p.id`+cond+`
		ORDER BY p.name, p.id, h.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: portfolios: %w", s.d.Name, err)
	}
	defer rows.Close()
	var out []store.Portfolio
	lastID := int64(-1)
	for rows.Next() {
		var id, created, updated int64
		var pname string
		var ticker, hname, sector sql.NullString
		var qty, cost, weight sql.NullFloat64
		var unknown sql.NullBool
		if err := rows.Scan(&id, &pname, &created, &updated, &ticker, &hname, &qty, &cost, &weight, &sector, &unknown); err != nil {
			return nil, fmt.Errorf("%s: portfolios: %w", s.d.Name, err)
		}
		if id != lastID {
			out = append(out, store.Portfolio{Name: pname, Created: fromMillis(created), Updated: fromMillis(updated)})
			lastID = id
		}
		if ticker.Valid {
			p := &out[len(out)-1]
			p.Holdings = append(p.Holdings, store.Holding{Ticker: ticker.String, Name: hname.String,
				Quantity: qty.Float64, Cost: cost.Float64, Weight: weight.Float64, Sector: sector.String, Unknown: unknown.Bool})
		}
	}
	return out, rows.Err()
}

// DeletePortfolio implements store.PortfolioStore. The holdings go with it
// (ON DELETE CASCADE).
func (s *DB) DeletePortfolio(ctx context.Context, name string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM portfolios WHERE name = $1`, name)
	return s.changedOne(res, err, fmt.Sprintf("delete portfolio %q", name))
}

// TickerStats implements store.PortfolioStore: one pass over the tickers'
// rows of ticker_sentiment in the range (the series index), and one over
// their join with article_topics.
func (s *DB) TickerStats(ctx context.Context, tickers []string, from, to time.Time) ([]store.TickerStats, error) {
	var out []store.TickerStats
	index := map[string]int{}
	for _, t := range tickers {
		if _, ok := index[t]; !ok {
			index[t] = len(out)
			out = append(out, store.TickerStats{Ticker: t, Topics: map[string]float64{}})
		}
	}
	if len(out) == 0 {
		return nil, nil
	}
	var b builder
	in := b.list(tickers)
	lo, hi := b.arg(from.UnixMilli()), b.arg(to.UnixMilli())
	rows, err := s.db.QueryContext(ctx, `SELECT ticker, COUNT(*), SUM(relevance), SUM(relevance * sentiment),
		SUM(sentiment) FROM ticker_sentiment WHERE ticker IN (`+in+`) AND at >= `+lo+` AND at < `+hi+`
		GROUP BY ticker`, b.args...)
	if err != nil {
		return nil, fmt.Errorf("%s: ticker stats: %w", s.d.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var st store.TickerStats
		if err := rows.Scan(&st.Ticker, &st.Articles, &st.Relevance, &st.Weighted, &st.Sentiment); err != nil {
			return nil, fmt.Errorf("%s: ticker stats: %w", s.d.Name, err)
		}
		st.Topics = out[index[st.Ticker]].Topics
		out[index[st.Ticker]] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: ticker stats: %w", s.d.Name, err)
	}
	rows.Close()
	return out, s.tickerTopics(ctx, out, index, b, in, lo, hi)
}

// tickerTopics adds the topic sums to out; b holds the arguments of the
// ticker list in and of the range [lo, hi).
func (s *DB) tickerTopics(ctx context.Context, out []store.TickerStats, index map[string]int, b builder, in, lo, hi string) error {
	rows, err := s.db.QueryContext(ctx, `SELECT t.ticker, o.topic, SUM(t.relevance * o.relevance)
		FROM ticker_sentiment t JOIN article_topics o ON o.article_id = t.article_id
		WHERE t.ticker IN (`+in+`) AND t.at >= `+lo+` AND t.at < `+hi+`
		GROUP BY t.ticker, o.topic`, b.args...)
	if err != nil {
		return fmt.Errorf("%s: ticker topics: %w", s.d.Name, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ticker, topic string
		var sum float64
		if err := rows.Scan(&ticker, &topic, &sum); err != nil {
			return fmt.Errorf("%s: ticker topics: %w", s.d.Name, err)
		}
		out[index[ticker]].Topics[topic] = sum
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: ticker topics: %w", s.d.Name, err)
	}
	return nil
}
