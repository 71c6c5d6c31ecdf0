package sentiment

import (
	"math"
	"strings"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/text"
)

// minDriver is the smallest contribution (log-odds) worth showing.
const minDriver = 0.05

// span is a phrase of a sentence and what its features contributed.
type span struct {
	start, end int32
	weight     float64
}

// drivers groups the features by the phrase they stand for and returns
// the strongest phrases; f.contrib holds each feature's contribution,
// value × (w_positive - w_negative).
func (f *featurizer) drivers(feats []feature) []article.Driver {
	f.groupSpans(feats)
	var top [maxDrivers]int
	n := 0
	for i, s := range f.spans {
		w := math.Abs(s.weight)
		if w < minDriver {
			continue
		}
		// Insert i into top, kept sorted by |weight| descending; ties keep
		// the earlier phrase first.
		k := n
		if k == maxDrivers {
			if w <= math.Abs(f.spans[top[k-1]].weight) {
				continue
			}
			k--
		} else {
			n++
		}
		for k > 0 && w > math.Abs(f.spans[top[k-1]].weight) {
			top[k] = top[k-1]
			k--
		}
		top[k] = i
	}
	if n == 0 {
		return nil
	}
	out := make([]article.Driver, n)
	for k, i := range top[:n] {
		s := f.spans[i]
		out[k] = article.Driver{Phrase: phrase(f.toks[s.start:s.end]), Weight: math.Round(s.weight*1000) / 1000}
	}
	return out
}

// groupSpans sums the contributions of the features into f.spans, one per
// distinct token span, in order of first appearance. A small open-addressing
// table keyed by the span finds each span's entry.
func (f *featurizer) groupSpans(feats []feature) {
	f.spans = f.spans[:0]
	size := 64
	for size < 2*len(feats) {
		size *= 2
	}
	if cap(f.slots) < size {
		f.slots = make([]int32, size)
	}
	slots := f.slots[:size]
	for i := range slots {
		slots[i] = -1
	}
	for i, ft := range feats {
		if ft.start < 0 {
			continue
		}
		c := f.contrib[i]
		h := int(uint32(ft.start)*2654435761^uint32(ft.end)*40503) & (size - 1)
		for {
			k := slots[h]
			if k < 0 {
				slots[h] = int32(len(f.spans))
				f.spans = append(f.spans, span{start: ft.start, end: ft.end, weight: c})
				break
			}
			if s := &f.spans[k]; s.start == ft.start && s.end == ft.end {
				s.weight += c
				break
			}
			h = (h + 1) & (size - 1)
		}
	}
}

// phrase rebuilds the text of toks, with a space where the source had one.
func phrase(toks []text.Token) string {
	if len(toks) == 1 {
		return toks[0].Text
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.Start > toks[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
