package sentiment

import (
	"math"
	"testing"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/text"
)

func TestGradedScore(t *testing.T) {
	tests := []struct {
		name  string
		probs [3]float64 // negative, neutral, positive
		want  article.Label
		lo    float64 // the score lies in [lo, hi]
		hi    float64
	}{
		{"certain positive is near 1", [3]float64{0, 0, 1}, article.StronglyPositive, 0.99, 1},
		{"clear positive is strong", [3]float64{0.05, 0.2, 0.75}, article.StronglyPositive, 0.35, 0.5},
		{"narrow positive is mild", [3]float64{0.1, 0.42, 0.48}, article.Positive, 0.15, 0.2},
		{"positive at the boundary is 0.15", [3]float64{0.1, 0.45, 0.45 + 1e-12}, article.Positive, 0.15, 0.151},
		{"narrow negative is mild", [3]float64{0.5, 0.4, 0.1}, article.Negative, -0.2, -0.15},
		{"certain negative is near -1", [3]float64{1, 0, 0}, article.StronglyNegative, -1, -0.99},
		{"balanced neutral is 0", [3]float64{0.1, 0.8, 0.1}, article.Neutral, 0, 0},
		{"neutral leaning positive", [3]float64{0.05, 0.5, 0.45}, article.Neutral, 0.1, neutralReach},
		{"neutral leaning negative", [3]float64{0.3, 0.6, 0.1}, article.Neutral, -0.05, -0.04},
		{"all zero is 0", [3]float64{0, 0, 0}, article.Neutral, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GradedScore(tt.probs)
			if got < tt.lo || got > tt.hi || article.LabelOf(got) != tt.want {
				t.Errorf("GradedScore(%v) = %.4f (%s), want %s in [%.3f, %.3f]", tt.probs, got, article.LabelOf(got), tt.want, tt.lo, tt.hi)
			}
		})
	}
}

// TestGradedScoreAgreesWithDecision checks, over a grid of probabilities,
// that the label of the score is the most probable class and that a larger
// margin for the same class never lowers the score's size.
func TestGradedScoreAgreesWithDecision(t *testing.T) {
	const steps = 40
	for i := 0; i <= steps; i++ {
		for j := 0; i+j <= steps; j++ {
			p := [3]float64{float64(i) / steps, float64(j) / steps, float64(steps-i-j) / steps}
			got := classOf(GradedScore(p))
			best := argmax(p)
			if p[got] != p[best] {
				t.Errorf("probs %v: score %.3f is %s, most probable is %s", p, GradedScore(p), classNames[got], classNames[best])
			}
		}
	}
	prev := 0.0
	for k := 0; k <= 100; k++ {
		pos := 0.34 + 0.66*float64(k)/100
		s := GradedScore([3]float64{(1 - pos) / 2, (1 - pos) / 2, pos})
		if s < prev {
			t.Errorf("P(positive) %.2f: score %.3f below %.3f of a smaller margin", pos, s, prev)
		}
		prev = s
	}
	if s := GradedScore([3]float64{0.2, 0.3, 0.5}); s >= strongThreshold {
		t.Errorf("a 0.5 positive against 0.3 neutral scores %.3f, strongly positive", s)
	}
	if math.IsNaN(GradedScore([3]float64{math.NaN(), 0, 0})) {
		t.Error("NaN probabilities give a NaN score")
	}
}

func argmax(p [3]float64) int {
	best := 0
	for c := range p {
		if p[c] > p[best] {
			best = c
		}
	}
	return best
}

func TestUnexplainedScoresLikeTheModelWithoutDrivers(t *testing.T) {
	m := Default()
	u := m.Unexplained()
	for _, s := range []string{
		"Acme beats estimates while Widget cuts its outlook.",
		"Losses narrowed to $3 million from $9 million.",
		"Shares were little changed.",
	} {
		toks := text.Tokenize(s)
		want, got := m.Sentence(toks), u.Sentence(toks)
		if got.Score != want.Score || got.Probs != want.Probs || len(got.Drivers) != 0 {
			t.Errorf("Sentence(%q): unexplained %+v, model %+v", s, got, want)
		}
		want, got = m.Target(toks, 0, 1), u.Target(toks, 0, 1)
		if got.Score != want.Score || got.Probs != want.Probs || len(got.Drivers) != 0 {
			t.Errorf("Target(%q): unexplained %+v, model %+v", s, got, want)
		}
	}
}
