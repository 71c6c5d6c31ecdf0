package sentiment

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/tickerwire/tickerwire/text"
)

// ModelPath is where the embedded model file sits, relative to the
// repository root.
var ModelPath = filepath.Join("sentiment", "data", "model-v1.bin")

// TrainOptions configures Train.
type TrainOptions struct {
	// DataDir is the shared data folder holding sentfin/sentfin_train.csv
	// and tweets/tfns_train.csv.
	DataDir string
	// Out is the model file to write; empty means ModelPath.
	Out string
	// Seed orders the training examples; the same seed and data give a
	// byte-identical model.
	Seed int64
	// Without names a shared set ("sentfin" or "tweets") whose training
	// part is left out, to measure how the model does on a domain it never
	// saw (its development part is still evaluated); empty uses both.
	Without string
}

// trainConfig holds the hyperparameters, chosen on the development parts.
type trainConfig struct {
	bits        uint8   // log2 of the hash table size
	l2          float64 // L2 penalty on the summed example losses
	iterations  int     // L-BFGS iterations at most
	tweetWeight float64 // weight of a tweet relative to a SEntFiN entity
	teamWeight  float64 // weight of a team-written sentence (data/team_train.jsonl)
	// sentenceOffset and targetOffset are taken off the neutral bias of
	// each mode after fitting (see leanPolar). The headline development
	// parts prefer less (0.005 of post accuracy for 0.75 against 0.5);
	// more is kept for article sentences with one clear cue, which the
	// posts' neutral prior leaves neutral (MODEL.md, Training).
	sentenceOffset, targetOffset float32
	// crossWeight is the weight of a training text copied into the other
	// mode (see otherMode), relative to its own.
	crossWeight float64
}

var defaultConfig = trainConfig{bits: 20, l2: 0.3, iterations: 400, tweetWeight: 1, teamWeight: 10, sentenceOffset: 0.75, targetOffset: 0.5, crossWeight: 0.25}

// teamTrain are labelled long-form sentences written by the team, in the
// JSON lines gold format, that teach article-style language the headline
// sets lack. They are training data only; the golden tests use others.
//
//go:embed data/team_train.jsonl
var teamTrain string

// Train fits the model on the training parts of the shared SEntFiN and
// Twitter files under opts.DataDir (the development parts are held out),
// writes it to opts.Out and prints progress and development metrics to w.
// It fails when the data is absent or malformed, ctx is done, or the file
// cannot be written.
func Train(ctx context.Context, opts TrainOptions, w io.Writer) error {
	if opts.Out == "" {
		opts.Out = ModelPath
	}
	return train(ctx, opts, defaultConfig, w)
}

func train(ctx context.Context, opts TrainOptions, cfg trainConfig, w io.Writer) error {
	parts, err := loadCorpora(opts.DataDir)
	if err != nil {
		return err
	}
	if err := checkWithout(opts.Without, parts); err != nil {
		return err
	}
	lex := defaultLexicon()
	set := newTrainingSet(cfg.bits)
	for _, c := range parts {
		if c.name == opts.Without {
			fmt.Fprintf(w, "%s: training part left out, %d development examples\n", c.name, len(c.dev))
			continue
		}
		weight := 1.0
		if c.name == "tweets" {
			weight = cfg.tweetWeight
		}
		skipped := set.add(lex, shuffled(c.train, opts.Seed), weight)
		fmt.Fprintf(w, "%s: %d training examples (%d entities not found in their text, skipped), %d development examples\n",
			c.name, len(c.train)-skipped, skipped, len(c.dev))
		other := otherMode(c.train)
		set.add(lex, shuffled(other, opts.Seed), weight*cfg.crossWeight)
		fmt.Fprintf(w, "%s: %d copies in the other mode\n", c.name, len(other))
	}
	team, err := readJSONLines(strings.NewReader(teamTrain))
	if err != nil {
		return fmt.Errorf("team sentences: %w", err)
	}
	set.add(lex, team, cfg.teamWeight)
	fmt.Fprintf(w, "team-written sentences: %d\n", len(team))
	fmt.Fprintf(w, "features: %d distinct of 2^%d buckets\n", len(set.index), cfg.bits)
	weights, err := set.fit(ctx, cfg, w)
	if err != nil {
		return err
	}
	leanPolar(weights, cfg.bits, cfg.sentenceOffset, cfg.targetOffset)
	m, buf, err := calibrate(weights, cfg.bits, lex, parts, w)
	if err != nil {
		return err
	}
	if err := os.WriteFile(opts.Out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write sentiment model: %w", err)
	}
	fmt.Fprintf(w, "wrote %s (%d bytes, %s)\n", opts.Out, buf.Len(), m.Version())
	return nil
}

// otherMode copies training examples into the other scoring mode, so that
// each mode learns from both sets and neither is left to one domain:
// SEntFiN headlines whose entities all share a label become whole-sentence
// examples, and posts that name a company by cashtag ("$CCL") become
// examples toward it. Without them the sentence mode knows only US posts
// and the target mode only Indian headlines: a model trained without one
// set scored the other's development part below the lexicon baseline.
func otherMode(xs []example) []example {
	var out []example
	for _, g := range groupByText(xs) {
		if g[0].target != "" {
			if label, ok := agreedLabel(g); ok {
				out = append(out, example{text: g[0].text, label: label, group: g[0].group})
			}
			continue
		}
		for _, x := range g {
			if tag, ok := firstCashtag(x.text); ok {
				x.target = tag
				out = append(out, x)
			}
		}
	}
	return out
}

// firstCashtag returns the first cashtag of s, if any.
func firstCashtag(s string) (string, bool) {
	for _, t := range text.Tokenize(s) {
		if t.Kind == text.Cashtag {
			return t.Text, true
		}
	}
	return "", false
}

// checkWithout fails when without names no shared set.
func checkWithout(without string, parts []corpus) error {
	if without == "" {
		return nil
	}
	var names []string
	for _, c := range parts {
		if c.name == without {
			return nil
		}
		names = append(names, c.name)
	}
	return fmt.Errorf("cannot leave out %q: the shared sets are %s", without, strings.Join(names, ", "))
}

// leanPolar lowers the neutral class's bias weight of the sentence and the
// target mode by the offsets. The log loss makes the model cautious toward
// the polar classes, most in sentence mode, whose data is two thirds
// neutral posts; a reader of articles wants one clear cue ("raised its
// guidance", "failed to beat estimates") to decide the label.
func leanPolar(weights []float32, bits uint8, sentence, target float32) {
	mask := uint64(1)<<bits - 1
	for mode, offset := range map[string]float32{"sentence": sentence, "target": target} {
		b := mix(gBias, hashString(mode)) & mask
		weights[int(b)*numClasses+ClassNeutral] -= offset
	}
}

// temperatures are the factors tried on the weights. Scaling all weights
// by s is a softmax with temperature 1/s: it leaves every decision (the
// most probable class) as it is and only makes the probabilities, and so
// the graded scores, more or less confident.
var temperatures = []float32{0.3, 0.4, 0.5, 0.6, 0.75, 1}

// calibrate picks the scaling with the least mean log loss on the
// development parts (the decisions, and so the accuracies, do not depend
// on it), prints the metrics of each, and returns the model and its file.
func calibrate(weights []float32, bits uint8, lex *lexicon, parts []corpus, w io.Writer) (*Model, *bytes.Buffer, error) {
	var best *Model
	var bestBuf *bytes.Buffer
	bestLoss, bestS := math.Inf(1), float32(0)
	for _, s := range temperatures {
		scaled := make([]float32, len(weights))
		for i, x := range weights {
			scaled[i] = x * s
		}
		buf := new(bytes.Buffer)
		if err := writeModel(buf, scaled, bits, lex); err != nil {
			return nil, nil, err
		}
		m, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			return nil, nil, fmt.Errorf("reload trained model: %w", err)
		}
		fmt.Fprintf(w, "scaling %.2f:\n", s)
		loss := 0.0
		for _, c := range parts {
			r := evaluatePart(m, c.name, c.dev)
			fmt.Fprintf(w, "  log loss %.4f; ", r.logLoss())
			r.printSummary(w)
			loss += r.logLoss() / float64(len(parts))
		}
		if loss < bestLoss {
			best, bestBuf, bestLoss, bestS = m, buf, loss, s
		}
	}
	fmt.Fprintf(w, "chose scaling %.2f\n", bestS)
	return best, bestBuf, nil
}

// loadCorpora reads and splits both shared files.
func loadCorpora(dataDir string) ([]corpus, error) {
	sf, err := loadCorpus(dataDir, sentfinFile, "sentfin")
	if err != nil {
		return nil, err
	}
	tw, err := loadCorpus(dataDir, tweetsFile, "tweets")
	if err != nil {
		return nil, err
	}
	return []corpus{sf, tw}, nil
}

// sample is one training example as compact feature indexes.
type sample struct {
	idx    []int32
	val    []float32
	label  int
	weight float64
}

// trainingSet holds the featurized examples; index maps a bucket to its
// compact index in order of first appearance, which keeps training
// deterministic.
type trainingSet struct {
	bits    uint8
	index   map[uint32]int32
	buckets []uint32
	samples []sample
	f       featurizer
}

func newTrainingSet(bits uint8) *trainingSet {
	t := &trainingSet{bits: bits, index: map[uint32]int32{}}
	t.f.domainCopies = true
	return t
}

// add featurizes xs and returns how many were skipped because their target
// does not occur in their text.
func (t *trainingSet) add(lex *lexicon, xs []example, weight float64) int {
	skipped := 0
	for _, x := range xs {
		toks := text.Tokenize(x.text)
		tg := target{start: -1, end: -1}
		if x.target != "" {
			s, e, ok := FindTarget(toks, x.target)
			if !ok {
				skipped++
				continue
			}
			tg = target{start: s, end: e}
		}
		t.samples = append(t.samples, t.sample(t.f.features(lex, t.bits, toks, tg), x.label, weight))
	}
	return skipped
}

func (t *trainingSet) sample(feats []feature, label int, weight float64) sample {
	s := sample{label: label, weight: weight, idx: make([]int32, len(feats)), val: make([]float32, len(feats))}
	for i, ft := range feats {
		k, ok := t.index[ft.bucket]
		if !ok {
			k = int32(len(t.buckets))
			t.index[ft.bucket] = k
			t.buckets = append(t.buckets, ft.bucket)
		}
		s.idx[i], s.val[i] = k, ft.value
	}
	return s
}

// fit minimises the L2-penalised log loss and returns the weight table.
func (t *trainingSet) fit(ctx context.Context, cfg trainConfig, w io.Writer) ([]float32, error) {
	x := make([]float64, len(t.buckets)*numClasses)
	progress := func(it int, fx float64) {
		if it%50 == 0 {
			fmt.Fprintf(w, "  iteration %d: loss %.2f\n", it, fx)
		}
	}
	center, penalty := t.regularization(cfg)
	copy(x, center)
	o := lbfgsOptions{iterations: cfg.iterations, history: 10, tolerance: 1e-7}
	if err := minimize(ctx, t.objective(center, penalty), x, o, progress); err != nil {
		return nil, err
	}
	weights := make([]float32, (1<<cfg.bits)*numClasses)
	for k, b := range t.buckets {
		for c := range numClasses {
			weights[int(b)*numClasses+c] = float32(x[k*numClasses+c])
		}
	}
	return weights, nil
}

// regularization returns, per weight, the value the penalty pulls it
// toward (0, or its prior) and the penalty's strength.
func (t *trainingSet) regularization(cfg trainConfig) (center, penalty []float64) {
	center = make([]float64, len(t.buckets)*numClasses)
	penalty = make([]float64, len(center))
	for i := range penalty {
		penalty[i] = cfg.l2
	}
	mask := uint32(1)<<cfg.bits - 1
	for _, p := range priors() {
		b := uint32(p.hash) & mask
		if k, ok := t.index[b]; ok {
			for c := range numClasses {
				center[int(k)*numClasses+c] = p.w[c]
				penalty[int(k)*numClasses+c] = priorStrength
			}
		}
		// The domain copies of a prior feature are held near zero as
		// strongly, so that no domain can unlearn the prior alone.
		for d := domainPost; d < numDomains; d++ {
			if k, ok := t.index[domainBucket(b, d, mask)]; ok {
				for c := range numClasses {
					penalty[int(k)*numClasses+c] = priorStrength
				}
			}
		}
	}
	return center, penalty
}

// objective is the summed weighted log loss plus Σ penalty/2·(x-center)².
func (t *trainingSet) objective(center, penalty []float64) objective {
	return func(x, grad []float64) float64 {
		loss := 0.0
		for i := range grad {
			d := x[i] - center[i]
			grad[i] = penalty[i] * d
			loss += 0.5 * penalty[i] * d * d
		}
		for _, s := range t.samples {
			var z [numClasses]float64
			for j, k := range s.idx {
				v := float64(s.val[j])
				for c := range numClasses {
					z[c] += v * x[int(k)*numClasses+c]
				}
			}
			p := softmax(z)
			loss -= s.weight * math.Log(max(p[s.label], 1e-300))
			p[s.label]--
			for j, k := range s.idx {
				v := s.weight * float64(s.val[j])
				for c := range numClasses {
					grad[int(k)*numClasses+c] += v * p[c]
				}
			}
		}
		return loss
	}
}
