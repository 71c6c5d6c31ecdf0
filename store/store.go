// Package store keeps articles and their analyses durably. The raw input is
// stored before it is analysed, so a crash at any moment loses nothing:
// PutRaw records an article as pending, PutAnalysis completes it, and
// Pending lists what a restart still has to analyse.
//
// Store is implemented by store/sqlite (the default: one file in a data
// directory) and store/postgres; both pass the same conformance suite in
// store/storetest, so callers see identical behaviour.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/tickerwire/tickerwire/article"
)

// Errors returned by every Store. Callers test them with errors.Is.
var (
	// ErrNotFound means no article or source has the given id.
	ErrNotFound = errors.New("store: not found")
	// ErrEmpty means an article without title and body was given.
	ErrEmpty = errors.New("store: article has no title and no body")
	// ErrExists means a source with the same URL is already stored.
	ErrExists = errors.New("store: already exists")
	// ErrBadQuery means a query, cursor or bucket is malformed.
	ErrBadQuery = errors.New("store: bad query")
)

// Store is durable storage of articles, analyses and feed sources.
// Implementations are safe for concurrent use by many goroutines and by
// several processes sharing the same database. Every method honours ctx.
type Store interface {
	// PutRaw stores an article with its raw input in state Pending, before
	// it is analysed. An article whose canonical URL (URLKey) or content hash
	// (ContentHash) is already stored is not stored again: PutRaw returns the
	// existing id with Duplicate set. Concurrent calls with the same article
	// store it once. It returns ErrEmpty for an article without text.
	PutRaw(ctx context.Context, r Raw) (PutResult, error)
	// PutAnalysis stores the analysis of article id and marks it Analysed,
	// in one transaction. Analysing again replaces the previous analysis but
	// keeps the novelty of tickers still present. a.Article is ignored: the
	// stored article stays as PutRaw recorded it. ErrNotFound when id is
	// unknown.
	PutAnalysis(ctx context.Context, id int64, a article.Analysis) error
	// Import stores already analysed records in one transaction (a backfill
	// or a synthetic load). Duplicates are skipped as in PutRaw; the results
	// are in the order of recs. Nothing is stored when an error is returned.
	Import(ctx context.Context, recs []Record) ([]PutResult, error)
	// Pending returns up to limit articles still waiting for analysis,
	// oldest first, with their raw input. limit <= 0 means 100.
	Pending(ctx context.Context, limit int) ([]Stored, error)
	// Stale returns up to limit analysed articles whose analysis was made by
	// a model other than model, oldest first, with their raw input, so they
	// can be analysed again. limit <= 0 means 100.
	Stale(ctx context.Context, model string, limit int) ([]Stored, error)
	// SetCluster records that article id belongs to cluster (0 clears it).
	SetCluster(ctx context.Context, id, cluster int64) error
	// SetNovelty records the novelty in [0, 1] of ticker in article id. The
	// ticker must be one of the analysis' tickers, else ErrNotFound.
	SetNovelty(ctx context.Context, id int64, ticker string, novelty float64) error
	// Get returns one article with its raw input and, once analysed, its
	// analysis. ErrNotFound when id is unknown.
	Get(ctx context.Context, id int64) (Stored, error)
	// Search lists analysed articles that match q (see Query), without raw
	// input, ordered by Time as q.Sort says. Page.Next continues the
	// listing; articles stored meanwhile may or may not appear on later
	// pages, none appears twice. ErrBadQuery for a malformed q.
	Search(ctx context.Context, q Query) (Page, error)
	// TimeSeries returns, for each bucket in [from, to) that has at least one
	// analysed article mentioning ticker, the relevance-weighted mean of the
	// ticker's sentiment and the article count, in time order. Buckets are
	// aligned to UTC. ErrBadQuery for an unknown bucket or more than
	// MaxPoints buckets in the range.
	TimeSeries(ctx context.Context, ticker string, bucket Bucket, from, to time.Time) ([]Point, error)

	// AddSource stores a new source and returns its id; ErrExists when a
	// source with the same URL exists. s.ID is ignored.
	AddSource(ctx context.Context, s Source) (int64, error)
	// Source returns one source; ErrNotFound when id is unknown.
	Source(ctx context.Context, id int64) (Source, error)
	// Sources returns every source, by id.
	Sources(ctx context.Context) ([]Source, error)
	// UpdateSource replaces every field of source s.ID; ErrNotFound when it
	// is unknown, ErrExists when its new URL belongs to another source.
	UpdateSource(ctx context.Context, s Source) error
	// DeleteSource removes a source; its articles stay, without a source.
	// ErrNotFound when id is unknown.
	DeleteSource(ctx context.Context, id int64) error

	PortfolioStore
	AlertStore

	// Close releases the database; the Store must not be used afterwards.
	Close() error
}

// State is where an article is in its life: stored, then analysed.
type State string

// The two states of an article.
const (
	Pending  State = "pending"
	Analysed State = "analysed"
)

// Raw is an article as it came in, before analysis.
type Raw struct {
	Article article.Article
	// Source is the id of the Source it was read from, 0 when none.
	Source int64
	// Data is the raw input as read (a page, a JSON line); it may be nil.
	// The store keeps its own copy.
	Data []byte
}

// PutResult tells where an article was stored.
type PutResult struct {
	ID int64
	// Duplicate is set when the article was already stored under ID.
	Duplicate bool
}

// Record is an analysed article for Import.
type Record struct {
	Raw      Raw
	Analysis article.Analysis
	// Cluster is the article's cluster id, 0 when none.
	Cluster int64
	// Novelty holds the novelty in [0, 1] per ticker of Analysis; tickers
	// absent from the map have no novelty.
	Novelty map[string]float64
}

// Stored is an article as the store holds it.
type Stored struct {
	ID      int64
	Source  int64 // 0 when none
	Cluster int64 // 0 when none
	State   State
	Article article.Article
	// Time is Published, else Fetched, else when the article was stored; it
	// is what searches and time series filter and sort on (millisecond
	// precision).
	Time time.Time
	// StoredAt is when PutRaw or Import stored the article.
	StoredAt time.Time
	// Raw is the raw input; Search leaves it nil.
	Raw []byte
	// Analysis is nil while the article is Pending. Its Article field holds
	// the stored article.
	Analysis *article.Analysis
	// Novelty per ticker, for tickers whose novelty is known.
	Novelty map[string]float64
}
