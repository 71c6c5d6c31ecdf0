package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// seriesSQL sums whole hours of the range from ticker_hourly and the
// partial hours at its ends ([$2, $5) and [$6, $3)) from ticker_sentiment.
// A bucket starts at a time minus its floored remainder, so times before
// 1970 fall in the right bucket too.
const seriesSQL = `SELECT b, SUM(w), SUM(r), SUM(s), SUM(n) FROM (
	SELECT hour - ((hour % $4) + $4) % $4 AS b, weighted AS w, relevance AS r,
		sentiment AS s, articles AS n
	FROM ticker_hourly WHERE ticker = $1 AND hour >= $5 AND hour < $6
	UNION ALL
	SELECT at - ((at % $4) + $4) % $4, relevance * sentiment, relevance, sentiment, 1
	FROM ticker_sentiment WHERE ticker = $1 AND at >= $2 AND at < $5
	UNION ALL
	SELECT at - ((at % $4) + $4) % $4, relevance * sentiment, relevance, sentiment, 1
	FROM ticker_sentiment WHERE ticker = $1 AND at >= $6 AND at < $3
) AS parts GROUP BY b ORDER BY b`

// minuteSQL is the series from ticker_sentiment alone, for buckets finer
// than an hour.
const minuteSQL = `SELECT at - ((at % $4) + $4) % $4 AS b, SUM(relevance * sentiment),
	SUM(relevance), SUM(sentiment), COUNT(*)
FROM ticker_sentiment WHERE ticker = $1 AND at >= $2 AND at < $3
GROUP BY b ORDER BY b`

// TimeSeries implements store.Store.
func (s *DB) TimeSeries(ctx context.Context, ticker string, bucket store.Bucket, from, to time.Time) ([]store.Point, error) {
	width, err := bucket.Duration()
	if err != nil {
		return nil, err
	}
	if n := to.Sub(from) / width; n > store.MaxPoints {
		return nil, fmt.Errorf("%w: %d %s buckets exceed %d", store.ErrBadQuery, n, bucket, store.MaxPoints)
	}
	lo, hi, w := from.UnixMilli(), to.UnixMilli(), width.Milliseconds()
	q, args := minuteSQL, []any{ticker, lo, hi, w}
	if w%hourMillis == 0 {
		first, last := hoursWithin(lo, hi)
		q, args = seriesSQL, append(args, first, last)
	}
	return s.series(ctx, ticker, q, args)
}

// hoursWithin returns the whole hours [first, last) inside [lo, hi); when
// there is none, first and last are hi, so [lo, first) is the whole range
// and [last, hi) is empty.
func hoursWithin(lo, hi int64) (first, last int64) {
	first = -floorDiv(-lo, hourMillis) * hourMillis
	last = floorDiv(hi, hourMillis) * hourMillis
	if first >= last {
		return hi, hi
	}
	return first, last
}

func (s *DB) series(ctx context.Context, ticker, q string, args []any) ([]store.Point, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: time series %s: %w", s.d.Name, ticker, err)
	}
	defer rows.Close()
	var out []store.Point
	for rows.Next() {
		var start, n int64
		var weighted, relevance, sum float64
		if err := rows.Scan(&start, &weighted, &relevance, &sum, &n); err != nil {
			return nil, fmt.Errorf("%s: time series %s: %w", s.d.Name, ticker, err)
		}
		if n <= 0 {
			continue
		}
		p := store.Point{Start: fromMillis(start), Sentiment: sum / float64(n), Articles: int(n)}
		if relevance > 1e-9 {
			p.Sentiment = weighted / relevance
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
