package pipeline

import (
	"context"
	"math"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/sentiment"
	"github.com/tickerwire/tickerwire/text"
)

// ScoreResult is the batch scorer's view of one text: the overall score,
// the score toward each requested target, and the securities found.
type ScoreResult struct {
	Score   float64                `json:"score"`
	Label   article.Label          `json:"label"`
	Targets map[string]TargetScore `json:"targets,omitempty"`
	Tickers []TickerScore          `json:"tickers"`
}

// TargetScore is the sentiment toward one requested target. Found is false
// when the target does not occur in the text (by name, ticker or alias);
// its score is then the text's overall score.
type TargetScore struct {
	Score  float64       `json:"score"`
	Label  article.Label `json:"label"`
	Ticker string        `json:"ticker,omitempty"`
	Found  bool          `json:"found"`
}

// TickerScore is a security found in the text with its sentiment.
type TickerScore struct {
	Ticker    string        `json:"ticker"`
	Score     float64       `json:"score"`
	Label     article.Label `json:"label"`
	Relevance float64       `json:"relevance"`
}

// Score scores a short text (a headline, a post, a paragraph) overall,
// toward each target (a name or a ticker, known to the security master or
// not) and toward each security it mentions. It is the engine behind
// `tickerwire score`; safe for concurrent use.
func (e *Engine) Score(ctx context.Context, s string, targets []string) ScoreResult {
	sents := text.Split(s)
	res := ScoreResult{Label: article.Neutral, Tickers: []TickerScore{}}
	if len(sents) == 0 || ctx.Err() != nil {
		return res
	}
	sc := e.model.Unexplained()
	c := e.core(sents, false, sc)
	res.Score, res.Label = round3(c.overall.Value), c.overall.Label
	for _, t := range c.tickers {
		res.Tickers = append(res.Tickers, TickerScore{Ticker: t.Ticker, Score: round3(t.Sentiment.Value), Label: t.Sentiment.Label, Relevance: t.Relevance})
	}
	if len(targets) > 0 {
		res.Targets = make(map[string]TargetScore, len(targets))
		for _, name := range targets {
			res.Targets[name] = e.scoreTarget(sc, sents, c, name)
		}
	}
	return res
}

// scoreTarget finds a target by its literal name first, then through the
// security it names (so "AMZN" finds "Amazon" and "AWS"), and scores it.
func (e *Engine) scoreTarget(sc sentiment.Scorer, sents []text.Sentence, c coreResult, name string) TargetScore {
	var parts []sentiment.Result
	var weights []float64
	for _, s := range sents {
		if start, end, ok := sentiment.FindTarget(s.Tokens, name); ok {
			parts = append(parts, sc.Target(s.Tokens, start, end))
			weights = append(weights, 1)
		}
	}
	ticker := ""
	if sec, ok := e.linker.Lookup(name); ok {
		ticker = sec.Ticker
		if len(parts) == 0 {
			for _, group := range mentionsBySentence(c.links.Mentions, ticker) {
				parts = append(parts, targetScore(sc, sents[group[0].Sentence], group))
				weights = append(weights, 1)
			}
		}
	}
	if len(parts) == 0 {
		return TargetScore{Score: round3(c.overall.Value), Label: c.overall.Label, Ticker: ticker}
	}
	agg := aggregate(parts, weights)
	return TargetScore{Score: round3(agg.Value), Label: agg.Label, Ticker: ticker, Found: true}
}

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
