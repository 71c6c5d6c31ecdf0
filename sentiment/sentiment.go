// Package sentiment scores the tone of financial text, per sentence and
// toward a target entity, with the phrases that moved each score.
//
// The model is a multinomial logistic regression (negative, neutral,
// positive) over hashed features of the text.Token stream: word unigrams
// and bigrams, cues of a team-written financial lexicon (data/lexicon.txt)
// with negation, hedging and intensity, rules that combine a direction with
// the financial variable it moves ("costs rose" is bad news, "losses
// narrowed" good news, "from EUR 8.7 mn to EUR 13.1 mn" is a rise), and,
// toward a target, the target's clause, its neighbours and its position.
// Weights are learned by Train from the shared SEntFiN and Twitter
// financial news sets and embedded in the binary (data/model-v1.bin);
// MODEL.md is the model card.
package sentiment

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/text"
)

// Class indexes of Result.Probs.
const (
	ClassNegative = iota
	ClassNeutral
	ClassPositive
	numClasses
)

// maxDrivers is how many phrases a Result lists at most.
const maxDrivers = 6

// Result is the sentiment of a sentence or toward a target.
type Result struct {
	// Score is the graded sentiment in [-1, 1] (see GradedScore): its
	// article.LabelOf label is always the most probable class, and its
	// size grows with the model's confidence in that class, so ±0.35
	// ("strongly") needs clear evidence and ±1 near certainty.
	Score float64
	// Probs are the probabilities of negative, neutral and positive; they
	// sum to 1.
	Probs [3]float64
	// Drivers are the phrases that moved the score, strongest first, at
	// most six. A Weight is the phrase's contribution to the log-odds of
	// positive over negative: > 0 pushed the score up, < 0 down.
	Drivers []article.Driver
}

// Model is a trained sentiment model. It is read-only after loading and
// safe for concurrent use; each call uses pooled scratch memory.
type Model struct {
	version string
	bits    uint8
	// folded are the weights of each domain, bucket*numClasses + class:
	// the shared weight plus the domain's own (see domain).
	folded [numDomains][]float32
	lex    *lexicon
	pool   sync.Pool // *featurizer
}

//go:embed data/model-v1.bin
var embeddedModel []byte

var defaultModel = sync.OnceValue(func() *Model {
	m, err := Load(bytes.NewReader(embeddedModel))
	if err != nil {
		panic(fmt.Sprintf("sentiment: embedded model: %v (retrain with: go run ./cmd/tickerwire train sentiment)", err))
	}
	return m
})

// Default returns the embedded model, loaded on first use.
func Default() *Model { return defaultModel() }

// Version names the model, for example "sentiment-v1+3f2a9c1e": the format
// and the first bytes of the SHA-256 of the model file, so stored scores can
// be traced to the model that made them.
func (m *Model) Version() string { return m.version }

// Sentence returns the sentiment of a whole sentence (or headline).
func (m *Model) Sentence(toks []text.Token) Result {
	return m.score(toks, target{start: -1, end: -1}, true)
}

// Target returns the sentiment toward the entity at tokens [start, end) of
// toks, read from the cues that concern it: its clause, its neighbours and
// its position ("X beats estimates while Y cuts outlook" is positive for X
// and negative for Y). An empty or out-of-range span gives Sentence(toks).
func (m *Model) Target(toks []text.Token, start, end int) Result {
	if start < 0 || end > len(toks) || start >= end {
		return m.Sentence(toks)
	}
	return m.score(toks, target{start: start, end: end}, true)
}

// Scorer scores sentences and targets. A *Model is one; Unexplained gives
// another that leaves Drivers empty.
type Scorer interface {
	Sentence(toks []text.Token) Result
	Target(toks []text.Token, start, end int) Result
}

// Unexplained returns the model as a Scorer whose results have no Drivers:
// the same scores and probabilities, faster, for batch scoring where no
// explanation is shown.
func (m *Model) Unexplained() Scorer { return unexplained{m} }

type unexplained struct{ m *Model }

func (u unexplained) Sentence(toks []text.Token) Result {
	return u.m.score(toks, target{start: -1, end: -1}, false)
}

func (u unexplained) Target(toks []text.Token, start, end int) Result {
	if start < 0 || end > len(toks) || start >= end {
		return u.Sentence(toks)
	}
	return u.m.score(toks, target{start: start, end: end}, false)
}

func (m *Model) score(toks []text.Token, tg target, explain bool) Result {
	f, _ := m.pool.Get().(*featurizer)
	if f == nil {
		f = &featurizer{}
	}
	defer func() {
		f.toks = nil // do not keep the caller's tokens alive
		m.pool.Put(f)
	}()
	feats := f.features(m.lex, m.bits, toks, tg)
	var res Result
	res.Probs = m.probs(feats, f)
	res.Score = GradedScore(res.Probs)
	if explain {
		res.Drivers = f.drivers(feats)
	}
	return res
}

// probs returns the class probabilities of a feature vector and records
// each feature's contribution to the positive-over-negative log-odds in
// f.contrib, for drivers.
func (m *Model) probs(feats []feature, f *featurizer) [3]float64 {
	var z [numClasses]float64
	f.contrib = f.contrib[:0]
	weights := m.folded[f.domain]
	for _, ft := range feats {
		row := weights[int(ft.bucket)*numClasses : int(ft.bucket)*numClasses+numClasses]
		v := float64(ft.value)
		z[0] += v * float64(row[0])
		z[1] += v * float64(row[1])
		z[2] += v * float64(row[2])
		f.contrib = append(f.contrib, v*float64(row[ClassPositive]-row[ClassNegative]))
	}
	return softmax(z)
}

func softmax(z [numClasses]float64) [numClasses]float64 {
	mx := max(z[0], z[1], z[2])
	var p [numClasses]float64
	sum := 0.0
	for c := range z {
		p[c] = math.Exp(z[c] - mx)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
	return p
}

// Load reads a model file written by Train. It fails with an error naming
// the problem when r is not a sentiment model, is truncated, or was trained
// with another lexicon or feature set than this code's.
func Load(r io.Reader) (*Model, error) {
	m, err := readModel(r)
	if err != nil {
		return nil, fmt.Errorf("load sentiment model: %w", err)
	}
	return m, nil
}
