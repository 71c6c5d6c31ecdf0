package pipeline

import (
	"math"
	"sort"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/entity"
	"github.com/tickerwire/tickerwire/sentiment"
	"github.com/tickerwire/tickerwire/text"
)

// maxDrivers is how many phrases explain a ticker's or article's score.
const maxDrivers = 8

// coreResult is what Analyze and Score share: links, sentence scores and
// the aggregated scores per ticker and overall.
type coreResult struct {
	links     entity.Links
	sentences []sentiment.Result
	tickers   []article.TickerSentiment
	overall   article.Score
}

// core links and scores sents with sc. hasTitle tells that paragraph 0 is
// a title.
func (e *Engine) core(sents []text.Sentence, hasTitle bool, sc sentiment.Scorer) coreResult {
	c := coreResult{links: e.linker.Link(sents), sentences: make([]sentiment.Result, len(sents))}
	weights := make([]float64, len(sents))
	for i, s := range sents {
		c.sentences[i] = sc.Sentence(s.Tokens)
		weights[i] = positionWeight(s, i, hasTitle)
	}
	c.overall = aggregate(c.sentences, weights)
	c.tickers = e.tickerScores(sents, c.links, weights, sc)
	return c
}

// positionWeight weighs the title and the lead above the rest of the body.
func positionWeight(s text.Sentence, i int, hasTitle bool) float64 {
	switch {
	case hasTitle && s.Para == 0:
		return 2
	case i <= 1:
		return 1.5
	}
	return 1 / (1 + 0.02*float64(i))
}

// aggregate combines scored parts into one score: a mean weighted by
// position and by strength, so a few clear statements are not drowned by
// many neutral ones. Drivers are merged by phrase.
func aggregate(parts []sentiment.Result, weights []float64) article.Score {
	var sum, norm float64
	var drivers map[string]float64
	for i, p := range parts {
		w := weights[i] * (0.4 + math.Abs(p.Score))
		sum += w * p.Score
		norm += w
		for _, d := range p.Drivers {
			if drivers == nil {
				drivers = make(map[string]float64)
			}
			drivers[d.Phrase] += weights[i] * d.Weight
		}
	}
	if norm == 0 {
		return article.NewScore(0, nil)
	}
	return article.NewScore(sum/norm, topDrivers(drivers))
}

// topDrivers turns summed phrase contributions into drivers: each weight is
// the phrase's signed share of all the evidence, so weights lie in [-1, 1]
// and read the same whatever the model's scale.
func topDrivers(m map[string]float64) []article.Driver {
	var total float64
	for _, w := range m {
		total += math.Abs(w)
	}
	out := make([]article.Driver, 0, len(m))
	for p, w := range m {
		if share := w / total; math.Abs(share) >= 0.01 {
			out = append(out, article.Driver{Phrase: p, Weight: math.Round(share*1000) / 1000})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if math.Abs(out[i].Weight) != math.Abs(out[j].Weight) {
			return math.Abs(out[i].Weight) > math.Abs(out[j].Weight)
		}
		return out[i].Phrase < out[j].Phrase
	})
	if len(out) > maxDrivers {
		out = out[:maxDrivers]
	}
	return out
}

// tickerScores scores each linked security from the sentences about it:
// each mention (including resolved references) is scored as a target and
// the sentence results are aggregated like the article's.
func (e *Engine) tickerScores(sents []text.Sentence, links entity.Links, weights []float64, sc sentiment.Scorer) []article.TickerSentiment {
	out := make([]article.TickerSentiment, 0, len(links.Tickers))
	for _, t := range links.Tickers {
		var parts []sentiment.Result
		var ws []float64
		for _, group := range mentionsBySentence(links.Mentions, t.Ticker) {
			s := sents[group[0].Sentence]
			parts = append(parts, targetScore(sc, s, group))
			ws = append(ws, weights[group[0].Sentence])
		}
		out = append(out, article.TickerSentiment{
			Ticker: t.Ticker, Name: t.Name, Relevance: round2(t.Relevance),
			Sentiment: aggregate(parts, ws), Mentions: t.Mentions, Surfaces: t.Surfaces,
		})
	}
	return out
}

// mentionsBySentence groups a ticker's mentions by sentence, in order.
func mentionsBySentence(ms []entity.Mention, ticker string) [][]entity.Mention {
	var out [][]entity.Mention
	for _, m := range ms {
		if m.Ticker != ticker {
			continue
		}
		if n := len(out); n > 0 && out[n-1][0].Sentence == m.Sentence {
			out[n-1] = append(out[n-1], m)
			continue
		}
		out = append(out, []entity.Mention{m})
	}
	return out
}

// targetScore scores one sentence toward a security mentioned one or more
// times in it: the mean of the per-mention target scores.
func targetScore(sc sentiment.Scorer, s text.Sentence, ms []entity.Mention) sentiment.Result {
	if len(ms) == 1 {
		return sc.Target(s.Tokens, ms[0].Start, ms[0].End)
	}
	var r sentiment.Result
	for _, m := range ms {
		t := sc.Target(s.Tokens, m.Start, m.End)
		r.Score += t.Score / float64(len(ms))
		r.Drivers = append(r.Drivers, t.Drivers...)
	}
	return r
}

func (c coreResult) perSentence() [][]string {
	out := make([][]string, len(c.sentences))
	for i := range out {
		out[i] = c.links.SentenceTickers(i)
	}
	return out
}

func (c coreResult) relevance() map[string]float64 {
	out := make(map[string]float64, len(c.tickers))
	for _, t := range c.tickers {
		out[t.Ticker] = t.Relevance
	}
	return out
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
