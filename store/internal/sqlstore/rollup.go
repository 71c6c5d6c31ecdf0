package sqlstore

import (
	"cmp"
	"fmt"
	"slices"
)

// hourMillis is the width of a ticker_hourly row.
const hourMillis = 3_600_000

// rollKey names one ticker_hourly row.
type rollKey struct {
	ticker string
	hour   int64
}

// rollDelta is a change to the sums of one ticker_hourly row.
type rollDelta struct {
	weighted, relevance, sentiment float64
	articles                       int64
}

// rollup collects the changes a transaction makes to ticker_hourly, so
// each row is written once, in key order: PostgreSQL transactions then
// lock rows in one order and cannot deadlock on them.
type rollup map[rollKey]*rollDelta

// add counts (sign 1) or uncounts (sign -1) one ticker row of time at.
func (r rollup) add(ticker string, at int64, relevance, sentiment float64, sign int64) {
	k := rollKey{ticker, floorDiv(at, hourMillis) * hourMillis}
	d := r[k]
	if d == nil {
		d = &rollDelta{}
		r[k] = d
	}
	s := float64(sign)
	d.weighted += s * relevance * sentiment
	d.relevance += s * relevance
	d.sentiment += s * sentiment
	d.articles += sign
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

const upsertHourly = `INSERT INTO ticker_hourly (ticker, hour, weighted, relevance, sentiment, articles)
VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (ticker, hour) DO UPDATE SET
	weighted = ticker_hourly.weighted + excluded.weighted,
	relevance = ticker_hourly.relevance + excluded.relevance,
	sentiment = ticker_hourly.sentiment + excluded.sentiment,
	articles = ticker_hourly.articles + excluded.articles`

// flush writes the collected changes and removes the rows left without
// articles.
func (w *writer) flush() error {
	keys := make([]rollKey, 0, len(w.roll))
	for k := range w.roll {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b rollKey) int {
		return cmp.Or(cmp.Compare(a.ticker, b.ticker), cmp.Compare(a.hour, b.hour))
	})
	for _, k := range keys {
		d := w.roll[k]
		if d.articles == 0 && d.relevance == 0 && d.sentiment == 0 {
			continue
		}
		if err := w.exec(upsertHourly, k.ticker, k.hour, d.weighted, d.relevance, d.sentiment, d.articles); err != nil {
			return fmt.Errorf("hourly sums of %s: %w", k.ticker, err)
		}
		if d.articles < 0 {
			err := w.exec(`DELETE FROM ticker_hourly WHERE ticker = $1 AND hour = $2 AND articles <= 0`, k.ticker, k.hour)
			if err != nil {
				return fmt.Errorf("hourly sums of %s: %w", k.ticker, err)
			}
		}
	}
	clear(w.roll)
	return nil
}
