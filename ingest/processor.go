package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/story"
)

// Analyzer is the analysis pipeline as the processor needs it;
// *pipeline.Engine implements it.
type Analyzer interface {
	Analyze(ctx context.Context, a article.Article) (article.Analysis, error)
	// Model names the model versions, stored with each analysis.
	Model() string
}

// Processor takes articles from every source through the same steps:
// store the raw input, analyse, assign the story cluster and per-ticker
// novelty, and publish. Because the raw input is stored first, a crash at
// any point loses nothing: Recover analyses what was left pending.
// It is safe for concurrent use.
type Processor struct {
	Store  store.Store
	Engine Analyzer
	// Publish, when set, is called with every newly analysed article (for
	// the stream and alerts). It must not block for long.
	Publish func(ctx context.Context, s store.Stored)
	// Analysed, when set, is called with the time each analysis took.
	Analysed func(d time.Duration)
	Logger   *slog.Logger

	once    sync.Once
	stories *story.Index
}

// Submit stores a (read from source, 0 when none) with its raw input, then
// analyses it. A duplicate of a stored article (same canonical URL or same
// content) is not stored or analysed again: Submit returns the stored id
// with duplicate set.
func (p *Processor) Submit(ctx context.Context, a article.Article, raw []byte, source int64) (id int64, duplicate bool, err error) {
	res, err := p.Store.PutRaw(ctx, store.Raw{Article: a, Source: source, Data: raw})
	if err != nil {
		return 0, false, fmt.Errorf("store article: %w", err)
	}
	if res.Duplicate {
		return res.ID, true, nil
	}
	if err := p.analyse(ctx, res.ID, a); err != nil {
		return res.ID, false, err
	}
	return res.ID, false, nil
}

// Recover analyses every article left pending (by a crash or a kill), oldest
// first, and returns how many it analysed.
func (p *Processor) Recover(ctx context.Context) (int, error) {
	return p.drain(ctx, func(ctx context.Context) ([]store.Stored, error) { return p.Store.Pending(ctx, 100) })
}

// Reanalyze analyses again every article whose analysis was made by another
// model than the engine's, and returns how many it analysed. progress, when
// set, is called after each batch with the running count.
func (p *Processor) Reanalyze(ctx context.Context, progress func(done int)) (int, error) {
	model := p.Engine.Model()
	return p.drainWith(ctx, func(ctx context.Context) ([]store.Stored, error) { return p.Store.Stale(ctx, model, 100) }, progress)
}

func (p *Processor) drain(ctx context.Context, next func(context.Context) ([]store.Stored, error)) (int, error) {
	return p.drainWith(ctx, next, nil)
}

func (p *Processor) drainWith(ctx context.Context, next func(context.Context) ([]store.Stored, error), progress func(int)) (int, error) {
	done := 0
	for {
		batch, err := next(ctx)
		if err != nil {
			return done, fmt.Errorf("list articles to analyse: %w", err)
		}
		if len(batch) == 0 {
			return done, nil
		}
		for _, s := range batch {
			if err := p.analyse(ctx, s.ID, s.Article); err != nil {
				return done, err
			}
			done++
		}
		if progress != nil {
			progress(done)
		}
	}
}

// analyse runs the pipeline on article id and stores the result. An
// article with no text to analyse is stored with an empty analysis, so it
// does not stay pending forever.
func (p *Processor) analyse(ctx context.Context, id int64, a article.Article) error {
	start := time.Now()
	an, err := p.Engine.Analyze(ctx, a)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		p.logger().Warn("article has nothing to analyse", "id", id, "err", err)
		an = article.Analysis{Article: a, Model: p.Engine.Model(), MostPositive: -1, MostNegative: -1}
	}
	if err := p.Store.PutAnalysis(ctx, id, an); err != nil {
		return fmt.Errorf("store analysis of article %d: %w", id, err)
	}
	if p.Analysed != nil {
		p.Analysed(time.Since(start))
	}
	if err := p.cluster(ctx, id, an); err != nil {
		return err
	}
	if p.Publish != nil {
		s, err := p.Store.Get(ctx, id)
		if err != nil {
			return fmt.Errorf("read back article %d: %w", id, err)
		}
		p.Publish(ctx, s)
	}
	return nil
}

// cluster assigns the article to a story (near-duplicates from other
// sources or later edits) and records each ticker's novelty.
func (p *Processor) cluster(ctx context.Context, id int64, an article.Analysis) error {
	tickers := tickersOf(an)
	when := an.Article.Published
	if when.IsZero() {
		when = an.Article.Fetched
	}
	if when.IsZero() {
		when = time.Now()
	}
	as := p.index().Add(story.Item{ID: strconv.FormatInt(id, 10), Published: when, Fingerprint: story.Fingerprint(an.Article.Text()), Tickers: tickers})
	cluster, err := strconv.ParseInt(as.Cluster, 10, 64)
	if err != nil {
		return fmt.Errorf("story cluster %q: %w", as.Cluster, err)
	}
	if err := p.Store.SetCluster(ctx, id, cluster); err != nil {
		return fmt.Errorf("store cluster of article %d: %w", id, err)
	}
	for t, n := range as.Novelty {
		if err := p.Store.SetNovelty(ctx, id, t, n/100); err != nil && !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("store novelty of %s in article %d: %w", t, id, err)
		}
	}
	return nil
}

// Warm loads the analysed articles of the last story.DefaultWindow into the
// story index, so clusters and novelty continue across a restart. Call it
// once before the first Submit.
func (p *Processor) Warm(ctx context.Context, now time.Time) (int, error) {
	q := store.Query{From: now.Add(-story.DefaultWindow), Sort: store.Oldest, Limit: store.MaxLimit}
	n := 0
	for {
		page, err := p.Store.Search(ctx, q)
		if err != nil {
			return n, fmt.Errorf("load recent articles: %w", err)
		}
		for _, s := range page.Articles {
			if s.Analysis == nil {
				continue
			}
			p.index().Add(story.Item{ID: strconv.FormatInt(s.ID, 10), Published: s.Time, Fingerprint: story.Fingerprint(s.Article.Text()), Tickers: tickersOf(*s.Analysis)})
			n++
		}
		if page.Next == "" {
			return n, nil
		}
		q.Cursor = page.Next
	}
}

func (p *Processor) index() *story.Index {
	p.once.Do(func() { p.stories = story.NewIndex() })
	return p.stories
}

func tickersOf(an article.Analysis) []string {
	out := make([]string, len(an.Tickers))
	for i, t := range an.Tickers {
		out[i] = t.Ticker
	}
	return out
}

func (p *Processor) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}
