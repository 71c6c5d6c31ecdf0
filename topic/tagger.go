// Package topic finds the topics and events of a financial news article:
// earnings, guidance, central banks, custom silicon, layoffs and some forty
// more, each with a relevance in [0, 1].
//
// The taxonomy is data (data/taxonomy.txt, documented in TAXONOMY.md): each
// topic has weighted cue patterns and may take evidence from a small
// logistic-regression model (data/model.bin.gz) trained by Train on labelled
// financial news posts. Tag combines both, weighting the title and lead.
package topic

import (
	"bytes"
	_ "embed"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"sync"

	"github.com/tickerwire/tickerwire/article"
)

//go:embed data/model.bin.gz
var modelFile []byte

// Tagger tags sentences with topics. It is read-only after construction and
// safe for concurrent use.
type Tagger struct {
	defs    []Definition
	idx     *cueIndex
	m       *model
	label   [][]int // per model class: topics fed by it, primary first
	version string
	pool    sync.Pool
}

var defaultTagger = sync.OnceValue(func() *Tagger {
	t, err := New(bytes.NewReader(taxonomyFile))
	if err != nil {
		panic(fmt.Sprintf("topic: embedded data: %v", err))
	}
	return t
})

// Default returns the tagger with the embedded taxonomy and model. It panics
// only if the embedded files are broken, which the package tests rule out.
func Default() *Tagger { return defaultTagger() }

// New returns a tagger for the taxonomy read from r (the format of
// data/taxonomy.txt) with the embedded model. Model labels that no topic
// lists are ignored.
func New(r io.Reader) (*Tagger, error) {
	defs, err := Parse(r)
	if err != nil {
		return nil, err
	}
	idx, err := newCueIndex(defs)
	if err != nil {
		return nil, err
	}
	m, err := readModel(modelFile)
	if err != nil {
		return nil, err
	}
	t := &Tagger{defs: defs, idx: idx, m: m, label: labelTopics(defs, m.labels)}
	t.version = version(defs)
	t.pool.New = func() any { return t.newScratch() }
	return t, nil
}

func labelTopics(defs []Definition, labels []string) [][]int {
	out := make([][]int, len(labels))
	for c, l := range labels {
		for ti, d := range defs {
			for _, dl := range d.Labels {
				if dl == l {
					out[c] = append(out[c], ti)
				}
			}
		}
	}
	return out
}

// version names the taxonomy and model: it changes whenever either does.
func version(defs []Definition) string {
	h := fnv.New32a()
	for _, d := range defs {
		fmt.Fprintf(h, "%s|%s|%v|%v\n", d.ID, d.Labels, d.Event, d.Cues)
	}
	h.Write(modelFile)
	return fmt.Sprintf("1-%08x", h.Sum32())
}

// Version identifies the taxonomy and model, for stored analyses.
func (t *Tagger) Version() string { return t.version }

// Taxonomy returns a copy of the topic definitions, in file order.
func (t *Tagger) Taxonomy() []Definition {
	out := make([]Definition, len(t.defs))
	for i, d := range t.defs {
		d.Labels, d.Cues = slices.Clone(d.Labels), slices.Clone(d.Cues)
		out[i] = d
	}
	return out
}

// AVTopic is an Alpha Vantage NEWS_SENTIMENT topic with its relevance in
// [0, 1].
type AVTopic struct {
	Topic     string  `json:"topic"`
	Relevance float64 `json:"relevance_score"`
}

// AlphaVantage maps topics found by Tag onto Alpha Vantage topics: each gets
// the highest relevance among the topics that map to it. The result is most
// relevant first (ties in AlphaVantageTopics order); ids the taxonomy does
// not know and topics without a mapping are skipped.
func (t *Tagger) AlphaVantage(ts []article.Topic) []AVTopic {
	best := make([]float64, len(AlphaVantageTopics))
	for _, tp := range ts {
		i := slices.IndexFunc(t.defs, func(d Definition) bool { return d.ID == tp.ID })
		if i < 0 {
			continue
		}
		if k := slices.Index(AlphaVantageTopics, t.defs[i].AlphaVantage); k >= 0 {
			best[k] = max(best[k], tp.Relevance)
		}
	}
	var out []AVTopic
	for k, r := range best {
		if r > 0 {
			out = append(out, AVTopic{Topic: AlphaVantageTopics[k], Relevance: r})
		}
	}
	slices.SortStableFunc(out, func(a, b AVTopic) int { return cmpDesc(a.Relevance, b.Relevance) })
	return out
}

// cmpDesc orders relevances from high to low.
func cmpDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
