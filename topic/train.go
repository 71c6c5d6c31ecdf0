package topic

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/tickerwire/tickerwire/text"
)

// ModelPath is where the embedded model file sits, relative to the
// repository root.
var ModelPath = filepath.Join("topic", "data", "model.bin.gz")

// TrainOptions configures Train. Zero fields take the defaults used to build
// the embedded model.
type TrainOptions struct {
	// DataDir is the shared data folder holding topics/topic_train.csv.
	DataDir string
	// Out is the model file to write; empty means ModelPath.
	Out string
	// Seed orders the training examples; the same seed and data give a
	// byte-identical model.
	Seed int64
	// Bits is log2 of the number of hash buckets (default 16).
	Bits uint8
	// Epochs is the number of passes over the data (default 25).
	Epochs int
	// Rate is the initial learning rate (default 2).
	Rate float64
	// L2 is the weight decay per update (default 1e-6).
	L2 float64
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Bits == 0 {
		o.Bits = 16
	}
	if o.Epochs == 0 {
		o.Epochs = 25
	}
	if o.Rate == 0 {
		o.Rate = 2
	}
	if o.L2 == 0 {
		o.L2 = 1e-6
	}
	if o.Out == "" {
		o.Out = ModelPath
	}
	return o
}

// Train fits the topic model on the training part of the topic data under
// opts.DataDir (the development part is held out), reports its accuracy on
// the development part to w and writes the model to opts.Out. It is
// deterministic for a given seed. It fails when the data is absent or
// malformed, ctx is done, or the file cannot be written.
func Train(ctx context.Context, opts TrainOptions, w io.Writer) error {
	opts = opts.withDefaults()
	train, dev, err := loadExamples(opts.DataDir)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "topic model: %d training and %d development posts, 2^%d buckets, %d epochs\n",
		len(train), len(dev), opts.Bits, opts.Epochs)
	m, err := fit(ctx, featurize(train, opts.Bits), opts)
	if err != nil {
		return err
	}
	acc, f1 := modelScores(m, dev)
	fmt.Fprintf(w, "development part (20 labels): accuracy %.3f, macro-F1 %.3f\n", acc, f1)
	var buf bytes.Buffer
	if err := m.writeTo(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(opts.Out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write topic model: %w", err)
	}
	fmt.Fprintf(w, "wrote %s (%d bytes)\n", opts.Out, buf.Len())
	return nil
}

// sample is an example as hashed features.
type sample struct {
	fs    []uint32
	label int
}

func featurize(xs []example, bits uint8) []sample {
	out := make([]sample, len(xs))
	var toks []text.Token
	for i, x := range xs {
		toks = text.AppendTokens(toks[:0], x.text, 0)
		out[i] = sample{fs: features(nil, toks, 1<<bits-1), label: x.label}
	}
	return out
}

// fit trains a softmax regression by stochastic gradient descent.
func fit(ctx context.Context, data []sample, o TrainOptions) (*model, error) {
	nc := len(trainLabels)
	w := make([]float64, (1<<o.Bits)*nc)
	b := make([]float64, nc)
	p := make([]float64, nc)
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x70706963))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	for ep := range o.Epochs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("train topic model: %w", err)
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := o.Rate / (1 + float64(ep))
		for _, i := range order {
			step(w, b, p, data[i], rate, o.L2)
		}
	}
	return quantize(w, b, o.Bits), nil
}

// step does one gradient step on s.
func step(w, b, p []float64, s sample, rate, l2 float64) {
	nc := len(b)
	v := 0.0
	if len(s.fs) > 0 {
		v = 1 / math.Sqrt(float64(len(s.fs)))
	}
	copy(p, b)
	for _, f := range s.fs {
		for c, x := range w[int(f)*nc : int(f)*nc+nc] {
			p[c] += x * v
		}
	}
	softmax(p)
	p[s.label]--
	for c := range nc {
		b[c] -= rate * p[c]
	}
	for _, f := range s.fs {
		row := w[int(f)*nc : int(f)*nc+nc]
		for c := range row {
			row[c] -= rate * (p[c]*v + l2*row[c])
		}
	}
}

// quantize turns float weights into int8 with one scale per class.
func quantize(w, b []float64, bits uint8) *model {
	nc := len(b)
	m := &model{bits: bits, labels: trainLabels, bias: make([]float32, nc), scale: make([]float32, nc), w: make([]int8, len(w))}
	for c := range nc {
		mx := 0.0
		for i := c; i < len(w); i += nc {
			mx = max(mx, math.Abs(w[i]))
		}
		m.bias[c] = float32(b[c])
		m.scale[c] = float32(mx / 127)
		if mx == 0 {
			continue
		}
		for i := c; i < len(w); i += nc {
			m.w[i] = int8(math.Round(w[i] / mx * 127))
		}
	}
	return m
}
