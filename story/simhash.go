// Package story groups copies of one news story: exact and near duplicates
// (syndicated or lightly edited copies) share a story cluster, found through
// a 64-bit SimHash of the article's word shingles. It also computes novelty
// per ticker in the way institutional feeds define it: 100 for the first
// story of an event about a company, decaying for each later story of the
// same chain within 24 hours.
package story

import (
	"hash/fnv"
	"math/bits"

	"github.com/tickerwire/tickerwire/text"
)

// shingle is how many consecutive words make one feature.
const shingle = 3

// Fingerprint returns the SimHash of s: similar texts get fingerprints that
// differ in few bits. Case, punctuation and spacing do not matter. The
// empty text has fingerprint 0.
func Fingerprint(s string) uint64 {
	words := make([]string, 0, len(s)/6)
	for _, t := range text.Tokenize(s) {
		if t.Kind != text.Punct && t.Kind != text.Symbol {
			words = append(words, t.Norm)
		}
	}
	var counts [64]int
	add := func(parts []string) {
		h := fnv.New64a()
		for _, p := range parts {
			h.Write([]byte(p))
			h.Write([]byte{0})
		}
		v := h.Sum64()
		for b := 0; b < 64; b++ {
			if v&(1<<b) != 0 {
				counts[b]++
			} else {
				counts[b]--
			}
		}
	}
	switch {
	case len(words) == 0:
		return 0
	case len(words) < shingle:
		add(words)
	default:
		for i := 0; i+shingle <= len(words); i++ {
			add(words[i : i+shingle])
		}
	}
	var fp uint64
	for b, c := range counts {
		if c > 0 {
			fp |= 1 << b
		}
	}
	return fp
}

// Distance is the number of bits in which two fingerprints differ (0-64).
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
