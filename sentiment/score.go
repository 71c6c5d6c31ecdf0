package sentiment

import "github.com/tickerwire/tickerwire/article"

// The score scale of article.LabelOf: a label is positive from
// labelThreshold and strongly positive from strongThreshold (and the same
// below zero).
const (
	labelThreshold  = 0.15
	strongThreshold = 0.35
	// neutralReach is the largest size of a neutral score, kept clear of
	// labelThreshold so that a rounded neutral score never reads as a label.
	neutralReach = 0.14
	// confidenceExponent shapes how fast a decided score grows with the
	// margin of its class: with 2, "strongly" (0.35) needs a probability
	// margin of about 0.49 over the next class (e.g. 0.72 against 0.23),
	// and 0.9 a margin of 0.94.
	confidenceExponent = 2
)

// GradedScore turns class probabilities (negative, neutral, positive) into
// a score in [-1, 1] whose article.LabelOf label is the most probable class
// and whose size is the model's confidence in it:
//
//   - positive is most probable: 0.15 + 0.85·m², where m = P(positive) −
//     max(P(neutral), P(negative)) is the margin of the decision, in [0, 1];
//     so the score is 0.15 at the decision boundary, 0.35 at a margin of
//     about one half and 1 at certainty. Negative mirrors it.
//   - neutral is most probable: 0.14·(P(positive) − P(negative))/P(neutral),
//     within ±0.14: the lean of the residual evidence, 0 when the two
//     polar classes balance, near ±0.14 only at the boundary with a class.
//
// The mapping is monotone in each class's margin, so the score orders texts
// by the model's confidence, not by a saturated difference of
// probabilities.
func GradedScore(p [3]float64) float64 {
	pos, neu, neg := p[ClassPositive], p[ClassNeutral], p[ClassNegative]
	switch {
	case pos > neu && pos >= neg:
		return decided(pos - max(neu, neg))
	case neg > neu && neg > pos:
		return -decided(neg - max(neu, pos))
	case neu <= 0:
		return 0
	}
	return article.Clamp(neutralReach * (pos - neg) / neu)
}

// decided maps the margin of a polar decision, in [0, 1], to the size of
// its score, in [0.15, 1].
func decided(margin float64) float64 {
	m := min(max(margin, 0), 1)
	v := m
	for range confidenceExponent - 1 {
		v *= m
	}
	return labelThreshold + (1-labelThreshold)*v
}
