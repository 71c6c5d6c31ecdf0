package sentiment

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/tickerwire/tickerwire/text"
)

// EvalOptions configures Evaluate.
type EvalOptions struct {
	// DataDir is the shared data folder; its development parts are used
	// when File is empty.
	DataDir string
	// File is an optional gold file instead of the development parts: a
	// SEntFiN CSV (Title, Decisions), a CSV with text,label columns, or
	// JSON lines {"text", "label", "target"}. Labels are negative, neutral,
	// positive or the Twitter set's numbers (0 bearish, 1 bullish, 2 neutral).
	File string
	// Model is an optional model file written by Train to evaluate instead
	// of the embedded model.
	Model string
}

// Evaluate scores the development parts of the shared files (or
// opts.File) with the embedded model and with a plain lexicon baseline,
// and prints accuracy, macro-F1, confusion matrices, throughput on one core
// and headline-level results, ending with one summary line per part.
func Evaluate(ctx context.Context, opts EvalOptions, w io.Writer) error {
	var parts []corpus
	if opts.File != "" {
		xs, err := readLabelledFile(opts.File)
		if err != nil {
			return err
		}
		parts = []corpus{{name: filepath.Base(opts.File), dev: xs}}
	} else {
		var err error
		if parts, err = loadCorpora(opts.DataDir); err != nil {
			return err
		}
	}
	m, err := evalModel(opts.Model)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "model %s\n", m.Version())
	var results []partResult
	for _, c := range parts {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("evaluate sentiment: %w", err)
		}
		r := evaluatePart(m, c.name, c.dev)
		r.perSecond = throughput(m, c.dev)
		r.print(w)
		results = append(results, r)
	}
	fmt.Fprintln(w)
	for _, r := range results {
		r.printSummary(w)
	}
	return nil
}

// evalModel returns the model in path, or the embedded one when path is
// empty.
func evalModel(path string) (*Model, error) {
	if path == "" {
		return Default(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open sentiment model: %w", err)
	}
	defer f.Close()
	return Load(f)
}

// partResult holds the metrics of one evaluated part.
type partResult struct {
	name      string
	entities  int // examples with a target
	notFound  int // targets that do not occur in their text
	model     confusion
	baseline  confusion
	headline  confusion // whole texts whose entities agree, by Sentence
	headBase  confusion
	nll       float64               // summed negative log-likelihood of the gold classes
	bands     [len(scoreBands)]band // model scores by size, see scoreBands
	perSecond float64               // texts per second on one core, 0 if not measured
}

// evaluatePart scores xs with m and with the baseline.
func evaluatePart(m *Model, name string, xs []example) partResult {
	r := partResult{name: name}
	var toks []text.Token
	for _, g := range groupByText(xs) {
		toks = text.AppendTokens(toks[:0], g[0].text, 0)
		for _, x := range g {
			res, found := predict(m, toks, x.target)
			if x.target != "" {
				r.entities++
				if !found {
					r.notFound++
				}
			}
			r.model.add(x.label, classOf(res.Score))
			r.nll -= math.Log(max(res.Probs[x.label], 1e-12))
			r.addBand(res.Score, classOf(res.Score) == x.label)
			r.baseline.add(x.label, classOf(baselineScore(toks)))
		}
		if label, ok := agreedLabel(g); ok && g[0].target != "" {
			r.headline.add(label, classOf(m.Sentence(toks).Score))
			r.headBase.add(label, classOf(baselineScore(toks)))
		}
	}
	return r
}

// scoreBands are the lower bounds of the score sizes eval reports on:
// neutral, a label, a strong label, near certainty.
var scoreBands = [...]float64{0, labelThreshold, strongThreshold, 0.9}

// band counts the scores of one band and how many of them were right.
type band struct{ n, right int }

// addBand counts a model score in its band.
func (r *partResult) addBand(score float64, right bool) {
	k := 0
	for i, lo := range scoreBands {
		if math.Abs(score) >= lo {
			k = i
		}
	}
	r.bands[k].n++
	if right {
		r.bands[k].right++
	}
}

// logLoss is the mean negative log-likelihood of the gold classes.
func (r partResult) logLoss() float64 {
	if n := r.model.total(); n > 0 {
		return r.nll / float64(n)
	}
	return 0
}

// predict scores toks toward target, or as a whole when target is empty or
// not found (found is then false for a non-empty target).
func predict(m *Model, toks []text.Token, targetName string) (res Result, found bool) {
	if targetName == "" {
		return m.Sentence(toks), true
	}
	if s, e, ok := FindTarget(toks, targetName); ok {
		return m.Target(toks, s, e), true
	}
	return m.Sentence(toks), false
}

// groupByText groups consecutive examples of the same text.
func groupByText(xs []example) [][]example {
	var out [][]example
	for i, x := range xs {
		if i > 0 && x.group == xs[i-1].group && x.text == xs[i-1].text {
			out[len(out)-1] = append(out[len(out)-1], x)
			continue
		}
		out = append(out, []example{x})
	}
	return out
}

func agreedLabel(g []example) (int, bool) {
	for _, x := range g[1:] {
		if x.label != g[0].label {
			return 0, false
		}
	}
	return g[0].label, true
}

// throughput measures texts per second on one core: tokenizing, scoring the
// text and scoring each of its targets, as the batch scorer does.
func throughput(m *Model, xs []example) float64 {
	groups := groupByText(xs)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var toks []text.Token
	n, start := 0, time.Now()
	for time.Since(start) < time.Second {
		for _, g := range groups {
			toks = text.AppendTokens(toks[:0], g[0].text, 0)
			m.Sentence(toks)
			for _, x := range g {
				if x.target != "" {
					predict(m, toks, x.target)
				}
			}
			n++
		}
	}
	return float64(n) / time.Since(start).Seconds()
}

func (r partResult) print(w io.Writer) {
	fmt.Fprintf(w, "\n== %s: %d examples", r.name, r.model.total())
	if r.entities > 0 {
		fmt.Fprintf(w, " (%d entity targets, %d not found in their text and scored as whole texts)", r.entities, r.notFound)
	}
	fmt.Fprintln(w)
	for _, s := range []struct {
		name string
		c    confusion
	}{{"model", r.model}, {"lexicon baseline", r.baseline}} {
		fmt.Fprintf(w, "%s: accuracy %.3f macro-F1 %.3f\n", s.name, s.c.accuracy(), s.c.macroF1())
		s.c.print(w, "  ")
	}
	fmt.Fprintf(w, "scores by size (count, accuracy): ")
	for i, b := range r.bands {
		hi := "1]"
		if i+1 < len(scoreBands) {
			hi = fmt.Sprintf("%.2f)", scoreBands[i+1])
		}
		fmt.Fprintf(w, "|score| in [%.2f, %s %d, %.3f; ", scoreBands[i], hi, b.n, float64(b.right)/float64(max(b.n, 1)))
	}
	fmt.Fprintf(w, "log loss %.3f\n", r.logLoss())
	if n := r.headline.total(); n > 0 {
		fmt.Fprintf(w, "headline level (%d headlines whose entities agree, scored as whole headlines): model accuracy %.3f macro-F1 %.3f; baseline accuracy %.3f macro-F1 %.3f\n",
			n, r.headline.accuracy(), r.headline.macroF1(), r.headBase.accuracy(), r.headBase.macroF1())
	}
	if r.perSecond > 0 {
		fmt.Fprintf(w, "throughput: %.0f texts/s on one core (tokenize, score the text and each target)\n", r.perSecond)
	}
}

func (r partResult) printSummary(w io.Writer) {
	if r.entities > 0 && r.entities == r.model.total() {
		fmt.Fprintf(w, "%s dev: entity accuracy %.3f macro-F1 %.3f (n=%d); lexicon baseline accuracy %.3f macro-F1 %.3f\n",
			r.name, r.model.accuracy(), r.model.macroF1(), r.model.total(), r.baseline.accuracy(), r.baseline.macroF1())
		return
	}
	fmt.Fprintf(w, "%s dev: accuracy %.3f macro-F1 %.3f (n=%d); lexicon baseline accuracy %.3f macro-F1 %.3f\n",
		r.name, r.model.accuracy(), r.model.macroF1(), r.model.total(), r.baseline.accuracy(), r.baseline.macroF1())
}
