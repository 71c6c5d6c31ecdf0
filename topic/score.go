package topic

import (
	"math"
	"slices"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/text"
)

// Tuning of the relevance, explained in TAXONOMY.md.
const (
	// Threshold is the least relevance Tag reports.
	Threshold = 0.3
	// MaxTopics caps how many topics Tag reports.
	MaxTopics = 8
	// modelWeight is how much relevance the model alone can give (at
	// probability 1).
	modelWeight = 0.8
	// fullCoverage is the share of the (position-weighted) text about a
	// topic at which coverage stops adding to relevance.
	fullCoverage = 0.2
	// primaryShare is the cue-free share of a model label that goes to the
	// label's primary topic.
	primaryShare = 0.1
	// cueScale keeps one cue of weight 1 below certainty: it takes two
	// strong cues in a sentence to come close to 1.
	cueScale = 0.85
	// repeatGain is how much each mentioning sentence adds to a topic's
	// strength beyond its strongest one (a noisy-or of the sentences'
	// evidence scaled by repeatGain), so a topic discussed throughout
	// outranks one named once in the title.
	repeatGain = 0.5
)

// scratch holds the per-call buffers of Tag, pooled to avoid allocation.
type scratch struct {
	seen             []int32
	stamp            int32
	hits             []int32
	cur, peak, cov   []float64
	miss             []float64
	touched          []int
	fs               []uint32
	p, labelP, rel   []float64
	modelRel, cueRel []float64
}

func (t *Tagger) newScratch() any {
	nt, nc := len(t.defs), len(t.m.labels)
	return &scratch{
		seen: make([]int32, len(t.idx.cues)),
		cur:  make([]float64, nt), peak: make([]float64, nt), cov: make([]float64, nt), miss: make([]float64, nt),
		p: make([]float64, nc), labelP: make([]float64, nc),
		rel: make([]float64, nt), modelRel: make([]float64, nt), cueRel: make([]float64, nt),
	}
}

func (s *scratch) reset() {
	clear(s.peak)
	clear(s.cov)
	for i := range s.miss {
		s.miss[i] = 1
	}
	clear(s.labelP)
	clear(s.modelRel)
}

// Tag returns the topics of an article split into sentences (text.Split of
// Article.Text(), so paragraph 0 is the title or lead): relevance in [0, 1]
// rounded to 0.001, most relevant first (ties in taxonomy order), at most
// MaxTopics, none below Threshold. It returns nil when no topic qualifies.
func (t *Tagger) Tag(sents []text.Sentence) []article.Topic {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	t.relevances(sents, s)
	var out []article.Topic
	for ti, r := range s.rel {
		if r >= Threshold {
			out = append(out, article.Topic{ID: t.defs[ti].ID, Name: t.defs[ti].Name, Relevance: math.Round(r*1000) / 1000})
		}
	}
	slices.SortStableFunc(out, func(a, b article.Topic) int { return cmpDesc(a.Relevance, b.Relevance) })
	if len(out) > MaxTopics {
		out = out[:MaxTopics]
	}
	return out
}

// relevances fills s.rel with every topic's relevance to sents.
func (t *Tagger) relevances(sents []text.Sentence, s *scratch) {
	s.reset()
	total := 0.0
	for i := range sents {
		pw, lam := position(i, sents[i].Para)
		total += pw
		t.scanSentence(sents[i].Tokens, s, pw, lam)
		s.fs = features(s.fs[:0], sents[i].Tokens, t.m.mask())
		t.m.probs(s.fs, s.p)
		for c, p := range s.p {
			s.labelP[c] += p * pw
		}
	}
	for ti := range s.cueRel {
		s.cueRel[ti] = 0
		if total > 0 && s.peak[ti] > 0 {
			cover := min(1, s.cov[ti]/total/fullCoverage)
			strength := max(s.peak[ti], 1-s.miss[ti])
			s.cueRel[ti] = strength * (0.4 + 0.6*cover)
		}
	}
	if total > 0 {
		t.spreadModel(s, total)
	}
	for ti := range s.rel {
		s.rel[ti] = 1 - (1-s.cueRel[ti])*(1-modelWeight*s.modelRel[ti])
	}
}

// position weighs a sentence by where it stands: pw for coverage, lam for
// the strongest single mention. The title (or lead paragraph) weighs most.
func position(i, para int) (pw, lam float64) {
	switch {
	case para == 0:
		return 2, 1
	case para == 1 || i < 3:
		return 1.5, 0.9
	}
	return 1, 0.75
}

// scanSentence adds the cue evidence of one sentence: a noisy-or of the
// weights of the cues that match in it.
func (t *Tagger) scanSentence(toks []text.Token, s *scratch, pw, lam float64) {
	if s.stamp == math.MaxInt32 {
		clear(s.seen)
		s.stamp = 0
	}
	s.stamp++
	s.hits = t.idx.scan(toks, s.seen, s.stamp, s.hits[:0])
	s.touched = s.touched[:0]
	for _, id := range s.hits {
		c := &t.idx.cues[id]
		if s.cur[c.topic] == 0 {
			s.touched = append(s.touched, c.topic)
		}
		s.cur[c.topic] = 1 - (1-s.cur[c.topic])*(1-cueScale*c.weight)
	}
	for _, ti := range s.touched {
		e := s.cur[ti]
		s.peak[ti] = max(s.peak[ti], e*lam)
		s.miss[ti] *= 1 - repeatGain*e*lam
		s.cov[ti] += e * pw
		s.cur[ti] = 0
	}
}

// spreadModel shares each label's mean probability among the topics it
// feeds, in proportion to their cue relevance plus a base share for the
// primary topic, so the cues decide which kind of "Legal | Regulation" a
// text is about.
func (t *Tagger) spreadModel(s *scratch, total float64) {
	for c, ts := range t.label {
		if len(ts) == 0 {
			continue
		}
		p := s.labelP[c] / total
		sum := primaryShare
		for _, ti := range ts {
			sum += s.cueRel[ti]
		}
		for k, ti := range ts {
			w := s.cueRel[ti]
			if k == 0 {
				w += primaryShare
			}
			s.modelRel[ti] = max(s.modelRel[ti], p*w/sum)
		}
	}
}
