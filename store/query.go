package store

import (
	"fmt"
	"time"
)

// Query selects analysed articles for Search. The zero value lists every
// analysed article, newest first, DefaultLimit at a time. Filters combine
// with AND; the values inside one list filter combine with OR.
type Query struct {
	// Text keeps articles whose title or body contains every word of Text
	// (letters and digits; case-insensitive, no stemming). Empty: no filter.
	Text string
	// Tickers keeps articles mentioning any of these tickers (exact match).
	Tickers []string
	// Topics keeps articles tagged with any of these topic ids.
	Topics []string
	// Source keeps articles read from this source id; 0: no filter.
	Source int64
	// Site keeps articles whose Site equals this; empty: no filter.
	Site string
	// From and To bound the article Time to [From, To); zero: unbounded.
	From, To time.Time
	// Sentiment, when set, bounds the overall sentiment to [Min, Max].
	Sentiment *Range
	// MinRelevance and MinNovelty, when > 0, keep articles with at least one
	// ticker (one of Tickers when given) at or above them. A ticker whose
	// novelty is unknown fails a MinNovelty filter.
	MinRelevance float64
	MinNovelty   float64
	// Sort orders the results; the zero value is Newest.
	Sort Sort
	// Limit is the page size in [1, MaxLimit]; 0 means DefaultLimit.
	Limit int
	// Cursor is Page.Next of the previous page of the same query; empty for
	// the first page.
	Cursor string
}

// Range is a closed interval [Min, Max].
type Range struct{ Min, Max float64 }

// Sort is a result order.
type Sort string

// The orders Search supports. Articles of the same millisecond come in a
// stable order that is the same in every store, reversed by Oldest.
const (
	Newest Sort = "" // by Time, newest first
	Oldest Sort = "oldest"
)

// Page limits of Search.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// Page is one page of Search results.
type Page struct {
	Articles []Stored
	// Next is the cursor of the following page, empty on the last page.
	Next string
}

// Bucket is the width of a time-series bucket.
type Bucket string

// The supported buckets.
const (
	Minute Bucket = "minute"
	Hour   Bucket = "hour"
	Day    Bucket = "day"
)

// MaxPoints is the most buckets one TimeSeries call may span.
const MaxPoints = 100_000

// Duration returns the width of b, or an error wrapping ErrBadQuery.
func (b Bucket) Duration() (time.Duration, error) {
	switch b {
	case Minute:
		return time.Minute, nil
	case Hour:
		return time.Hour, nil
	case Day:
		return 24 * time.Hour, nil
	}
	return 0, fmt.Errorf("%w: unknown bucket %q (want minute, hour or day)", ErrBadQuery, string(b))
}

// Point is one bucket of a ticker time series.
type Point struct {
	// Start is the UTC start of the bucket.
	Start time.Time
	// Sentiment is the mean ticker sentiment in [-1, 1], each article
	// weighted by the ticker's relevance; the plain mean when every
	// relevance is 0.
	Sentiment float64
	// Articles counts the articles mentioning the ticker in the bucket.
	Articles int
}

// Source is a place articles are read from (a feed, a folder, a page).
type Source struct {
	ID    int64
	URL   string
	Kind  string // for example "rss", "atom", "folder"
	Title string
	// Paused sources are not polled.
	Paused bool
	// ETag and LastModified are the validators of the last response.
	ETag         string
	LastModified string
	// LastPoll is when the source was last read, zero when never.
	LastPoll time.Time
	// LastError is the error of the last poll, empty when it succeeded.
	LastError string
	// Items counts the articles read from the source.
	Items int64
}
