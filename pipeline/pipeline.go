// Package pipeline composes the analysis stages into one call:
// Analyze(ctx, Article) -> Analysis. The CLI, the batch scorer, the server
// and the benchmarks all go through it; none re-implements a stage.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/entity"
	"github.com/tickerwire/tickerwire/sentiment"
	"github.com/tickerwire/tickerwire/summary"
	"github.com/tickerwire/tickerwire/text"
	"github.com/tickerwire/tickerwire/topic"
)

// ErrNoText reports an article with nothing to analyse.
var ErrNoText = errors.New("the article has no text to analyse")

// Engine runs the analysis stages. It is safe for concurrent use; build it
// once and share it.
type Engine struct {
	linker *entity.Linker
	model  *sentiment.Model
	tagger *topic.Tagger
}

var defaultEngine = sync.OnceValue(func() *Engine {
	return &Engine{linker: entity.Default(), model: sentiment.Default(), tagger: topic.Default()}
})

// Default returns the engine with the embedded security master, aliases and
// models.
func Default() *Engine { return defaultEngine() }

// WithAliases returns an engine whose linker also knows the aliases and
// tickers in r (the alias file format of the README).
func WithAliases(r io.Reader) (*Engine, error) {
	l, err := entity.New(entity.Options{Extra: []io.Reader{r}})
	if err != nil {
		return nil, fmt.Errorf("load aliases: %w", err)
	}
	d := Default()
	return &Engine{linker: l, model: d.model, tagger: d.tagger}, nil
}

// Model names the versions of the models, as stored with each analysis.
func (e *Engine) Model() string {
	return "sentiment/" + e.model.Version() + " topics/" + e.tagger.Version() + " entities/" + e.linker.Version()
}

// Analyze runs every stage over a and returns its analysis. It fails only
// when a has no text or ctx is done.
func (e *Engine) Analyze(ctx context.Context, a article.Article) (article.Analysis, error) {
	if err := ctx.Err(); err != nil {
		return article.Analysis{}, err
	}
	doc := a.Text()
	sents := text.Split(doc)
	if len(sents) == 0 {
		return article.Analysis{}, ErrNoText
	}
	c := e.core(sents, a.Title != "", e.model)
	an := article.Analysis{
		Article:   a,
		Sentiment: c.overall,
		Tickers:   c.tickers,
		Topics:    e.tagger.Tag(sents),
		Sentences: make([]article.Sentence, len(sents)),
		Model:     e.Model(),
	}
	scores := make([]float64, len(sents))
	for i, s := range sents {
		scores[i] = c.sentences[i].Score
		an.Sentences[i] = article.Sentence{Index: i, Text: s.Text, Score: c.sentences[i].Score, Tickers: c.links.SentenceTickers(i)}
	}
	an.MostPositive, an.MostNegative = summary.Extremes(scores, 0.15)
	picked := summary.Select(summary.Input{Sentences: sents, HasTitle: a.Title != "", Tickers: c.perSentence(), Relevance: c.relevance()})
	for _, i := range picked {
		an.Summary = append(an.Summary, sents[i].Text)
	}
	return an, nil
}
