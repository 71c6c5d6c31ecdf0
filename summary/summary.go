// Package summary picks the sentences that carry an article's point: an
// extractive summary chosen for salience, position and coverage of the
// article's securities.
package summary

import (
	_ "embed"
	"math"
	"sort"
	"strings"

	"github.com/tickerwire/tickerwire/text"
)

//go:embed data/stopwords.txt
var stopwordData string

var stopwords = loadStopwords(stopwordData)

func loadStopwords(data string) map[string]bool {
	out := make(map[string]bool)
	for _, line := range strings.Split(data, "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			out[w] = true
		}
	}
	return out
}

// Input is what the summariser needs to know about an article.
type Input struct {
	// Sentences of the article's Text(), title first when HasTitle.
	Sentences []text.Sentence
	// HasTitle tells that paragraph 0 is the title, which is never picked.
	HasTitle bool
	// Tickers lists, per sentence, the securities it concerns.
	Tickers [][]string
	// Relevance of each security to the article, in [0, 1].
	Relevance map[string]float64
}

// Select returns the indices (into in.Sentences, ascending) of 2-4 sentences
// summarising the article: fewer when the article has fewer usable
// sentences, none for an empty one.
func Select(in Input) []int {
	cands := candidates(in)
	if len(cands) == 0 {
		return nil
	}
	want := size(len(cands))
	weights := contentWeights(in)
	scored := make([]scoredSentence, 0, len(cands))
	for rank, i := range cands {
		scored = append(scored, scoredSentence{i, salience(in, i, rank, weights), contentSet(in.Sentences[i])})
	}
	return pick(in, scored, want)
}

type scoredSentence struct {
	index int
	score float64
	words map[string]bool
}

// candidates are the body sentences long enough to stand alone.
func candidates(in Input) []int {
	var out []int
	for i, s := range in.Sentences {
		if in.HasTitle && s.Para == 0 {
			continue
		}
		n := wordCount(s)
		if n < 6 || n > 80 || strings.HasSuffix(s.Text, "?") {
			continue
		}
		out = append(out, i)
	}
	return out
}

func size(n int) int {
	switch {
	case n <= 2:
		return n
	case n < 12:
		return 2
	case n < 30:
		return 3
	}
	return 4
}

func wordCount(s text.Sentence) int {
	n := 0
	for _, t := range s.Tokens {
		if t.Kind != text.Punct {
			n++
		}
	}
	return n
}

// contentWeights gives each content word a weight from its frequency in the
// article, with title words counted three times: the article's centroid.
func contentWeights(in Input) map[string]float64 {
	w := make(map[string]float64)
	for _, s := range in.Sentences {
		boost := 1.0
		if in.HasTitle && s.Para == 0 {
			boost = 3
		}
		for word := range contentSet(s) {
			w[word] += boost
		}
	}
	return w
}

func contentSet(s text.Sentence) map[string]bool {
	set := make(map[string]bool, len(s.Tokens))
	for _, t := range s.Tokens {
		if t.Kind == text.Word && len(t.Norm) > 2 && !stopwords[t.Norm] {
			set[t.Norm] = true
		}
	}
	return set
}

// salience scores a candidate by position, centroid similarity, coverage of
// relevant securities and the presence of figures.
func salience(in Input, i, rank int, weights map[string]float64) float64 {
	s := in.Sentences[i]
	position := 1 / (1 + 0.25*float64(rank))
	var centroid float64
	words := contentSet(s)
	for w := range words {
		centroid += math.Log1p(weights[w] - 1)
	}
	centroid /= math.Sqrt(float64(len(words)) + 1)
	var entities float64
	if i < len(in.Tickers) {
		for _, t := range in.Tickers[i] {
			entities += in.Relevance[t]
		}
	}
	figures := 0.0
	for _, t := range s.Tokens {
		if t.Kind == text.Money || t.Kind == text.Percent {
			figures = 0.3
			break
		}
	}
	return 1.5*position + 0.5*centroid + math.Min(entities, 1.5) + figures
}

// pick chooses want sentences greedily, penalising overlap with those
// already chosen, and returns them in article order.
func pick(in Input, scored []scoredSentence, want int) []int {
	var chosen []scoredSentence
	for len(chosen) < want {
		best, bestScore := -1, math.Inf(-1)
		for k, c := range scored {
			if c.index < 0 {
				continue
			}
			v := c.score - 2*maxOverlap(c.words, chosen)
			if v > bestScore {
				best, bestScore = k, v
			}
		}
		if best < 0 {
			break
		}
		chosen = append(chosen, scored[best])
		scored[best].index = -1
	}
	out := make([]int, len(chosen))
	for k, c := range chosen {
		out[k] = c.index
	}
	sort.Ints(out)
	return out
}

// maxOverlap is the largest Jaccard similarity of words with a chosen one.
func maxOverlap(words map[string]bool, chosen []scoredSentence) float64 {
	var best float64
	for _, c := range chosen {
		inter := 0
		for w := range words {
			if c.words[w] {
				inter++
			}
		}
		union := len(words) + len(c.words) - inter
		if union > 0 {
			best = math.Max(best, float64(inter)/float64(union))
		}
	}
	return best
}

// Extremes returns the indices of the most positive and the most negative
// sentence among scores (one per sentence), or -1 where no sentence scores
// beyond ±threshold. Titles count: a headline is often the strongest claim.
func Extremes(scores []float64, threshold float64) (positive, negative int) {
	positive, negative = -1, -1
	hi, lo := threshold, -threshold
	for i, v := range scores {
		if v > hi {
			positive, hi = i, v
		}
		if v < lo {
			negative, lo = i, v
		}
	}
	return positive, negative
}
