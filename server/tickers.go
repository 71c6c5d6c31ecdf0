package server

import (
	"net/http"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// defaultSpan is the range of a time series when from is not given.
var defaultSpan = map[store.Bucket]time.Duration{
	store.Minute: 24 * time.Hour,
	store.Hour:   7 * 24 * time.Hour,
	store.Day:    90 * 24 * time.Hour,
}

type seriesView struct {
	Ticker string       `json:"ticker"`
	Bucket store.Bucket `json:"bucket"`
	From   time.Time    `json:"from"`
	To     time.Time    `json:"to"`
	// Articles is the buzz: the articles mentioning the ticker in [from, to).
	Articles int         `json:"articles"`
	Points   []pointView `json:"points"`
}

type pointView struct {
	Start time.Time `json:"start"`
	// Sentiment is the relevance-weighted mean ticker sentiment in [-1, 1].
	Sentiment float64       `json:"sentiment"`
	Label     article.Label `json:"label"`
	Articles  int           `json:"articles"`
}

// tickerSentiment answers the sentiment series of one ticker: one point
// per bucket that has articles, in time order.
func (s *server) tickerSentiment(w http.ResponseWriter, r *http.Request) error {
	ticker, err := parseTicker(r.PathValue("ticker"))
	if err != nil {
		return errorf(http.StatusBadRequest, codeBadParameter, "ticker: %v", err)
	}
	p, err := readParams(r, "bucket", "from", "to")
	if err != nil {
		return err
	}
	bucket, from, to, err := seriesRange(p, time.Now())
	if err != nil {
		return err
	}
	points, err := s.store.TimeSeries(r.Context(), ticker, bucket, from, to)
	if err != nil {
		return storeError(err, "time series")
	}
	v := seriesView{Ticker: ticker, Bucket: bucket, From: from.UTC(), To: to.UTC(), Points: make([]pointView, len(points))}
	for i, pt := range points {
		v.Points[i] = pointView{pt.Start.UTC(), pt.Sentiment, article.LabelOf(pt.Sentiment), pt.Articles}
		v.Articles += pt.Articles
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// seriesRange reads bucket (default hour), to (default the end of the
// bucket holding now) and from (default a span before to that suits the
// bucket) and checks the range is not empty and not too many buckets.
func seriesRange(p params, now time.Time) (store.Bucket, time.Time, time.Time, error) {
	bucket := store.Bucket(p.get("bucket"))
	if !p.has("bucket") {
		bucket = store.Hour
	}
	width, err := bucket.Duration()
	if err != nil {
		return "", time.Time{}, time.Time{}, badParam("bucket", "%q is not minute, hour or day", p.get("bucket"))
	}
	to := now.UTC().Truncate(width).Add(width)
	if p.has("to") {
		if to, err = parseTime(p.get("to")); err != nil {
			return "", time.Time{}, time.Time{}, badParam("to", "%v", err)
		}
	}
	from := to.Add(-defaultSpan[bucket])
	if p.has("from") {
		if from, err = parseTime(p.get("from")); err != nil {
			return "", time.Time{}, time.Time{}, badParam("from", "%v", err)
		}
	}
	if !from.Before(to) {
		return "", time.Time{}, time.Time{}, badParam("from", "must be before to (the range is [from, to))")
	}
	if n := to.Sub(from) / width; n > store.MaxPoints {
		return "", time.Time{}, time.Time{}, badParam("from", "the range spans %d %s buckets; at most %d are allowed (use a wider bucket)",
			n, bucket, store.MaxPoints)
	}
	return bucket, from, to, nil
}
