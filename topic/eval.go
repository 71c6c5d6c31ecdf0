package topic

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/tickerwire/tickerwire/text"
)

// EvalOptions configures Evaluate.
type EvalOptions struct {
	// DataDir is the shared data folder holding topics/topic_train.csv.
	DataDir string
}

// Evaluate scores the embedded model and the default tagger on the
// development part of the topic data (never trained on) and prints to w:
// the model alone on the 20 training labels, then the top-1 topic of the
// cues alone, the model alone and the full tagger against the gold label,
// for the labels some topic takes. It fails when the data is absent or
// malformed or ctx is done.
func Evaluate(ctx context.Context, opts EvalOptions, w io.Writer) error {
	_, dev, err := loadExamples(opts.DataDir)
	if err != nil {
		return err
	}
	t := Default()
	acc, f1 := modelScores(t.m, dev)
	fmt.Fprintf(w, "topic model %s on %d development posts\n", t.Version(), len(dev))
	fmt.Fprintf(w, "  model, 20 labels:            accuracy %.3f  macro-F1 %.3f\n", acc, f1)
	r, err := t.evalMapped(ctx, dev)
	if err != nil {
		return err
	}
	r.print(w, t.m.labels)
	return nil
}

// mappedReport holds top-1 confusion counts of three scorers on the posts
// whose gold label some topic takes.
type mappedReport struct {
	n       int
	mapped  []bool
	scorers [3]*confusion // cues, model, tagger
}

func (t *Tagger) evalMapped(ctx context.Context, dev []example) (*mappedReport, error) {
	nc := len(t.m.labels)
	r := &mappedReport{mapped: make([]bool, nc)}
	for c, ts := range t.label {
		r.mapped[c] = len(ts) > 0
	}
	for k := range r.scorers {
		r.scorers[k] = newConfusion(nc + 1)
	}
	s := t.newScratch().(*scratch)
	for i, e := range dev {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("evaluate topics: %w", ctx.Err())
		}
		if !r.mapped[e.label] {
			continue
		}
		r.n++
		t.relevances(text.Split(e.text), s)
		r.scorers[0].add(e.label, t.labelOf(argmax(s.cueRel), e.label))
		r.scorers[1].add(e.label, t.labelOf(argmax(s.modelRel), e.label))
		r.scorers[2].add(e.label, t.labelOf(argmax(s.rel), e.label))
	}
	return r, nil
}

// labelOf maps a predicted topic to a label: gold when the topic takes the
// gold label, else the topic's first label, else "none" (the last class).
func (t *Tagger) labelOf(ti, gold int) int {
	none := len(t.m.labels)
	if ti < 0 || len(t.defs[ti].Labels) == 0 {
		return none
	}
	if slices.Contains(t.defs[ti].Labels, t.m.labels[gold]) {
		return gold
	}
	return slices.Index(t.m.labels, t.defs[ti].Labels[0])
}

func argmax(xs []float64) int {
	best, bi := 0.0, -1
	for i, x := range xs {
		if x > best {
			best, bi = x, i
		}
	}
	return bi
}

func (r *mappedReport) print(w io.Writer, labels []string) {
	fmt.Fprintf(w, "  top-1 topic vs gold label, %d posts with a mapped label:\n", r.n)
	for k, name := range []string{"cues alone", "model alone", "tagger"} {
		acc, f1 := r.scorers[k].scores(r.mapped)
		fmt.Fprintf(w, "    %-12s accuracy %.3f  macro-F1 %.3f\n", name, acc, f1)
	}
	fmt.Fprintf(w, "  tagger per label (precision recall F1 support):\n")
	for c, l := range labels {
		if r.mapped[c] {
			p, rc, f := r.scorers[2].prf(c)
			fmt.Fprintf(w, "    %-28s %.3f %.3f %.3f %4d\n", l, p, rc, f, r.scorers[2].support(c))
		}
	}
}

// modelScores returns the accuracy and macro-F1 of m alone on xs.
func modelScores(m *model, xs []example) (acc, f1 float64) {
	nc := len(m.labels)
	cf := newConfusion(nc)
	p := make([]float64, nc)
	var toks []text.Token
	var fs []uint32
	for _, x := range xs {
		toks = text.AppendTokens(toks[:0], x.text, 0)
		fs = features(fs[:0], toks, m.mask())
		m.probs(fs, p)
		cf.add(x.label, argmax(p))
	}
	all := make([]bool, nc)
	for i := range all {
		all[i] = true
	}
	return cf.scores(all)
}
