package entity

import "slices"

// resolve decides which candidates become mentions. Unambiguous forms
// (full names, brands, people, cashtags, exchange forms) count at once. An
// ambiguous name ("Apple", "Target") counts when a company cue is near it
// or the company is mentioned unambiguously elsewhere in the document (an
// ambiguous brand or product only in the latter case); a
// bare ticker likewise (cue words count only for tickers of three or more
// letters of S&P 500 and alias companies), or when it stands in
// parentheses; a surname when
// the person's full name came earlier. Exclusion phrases ("price target",
// "Amazon rainforest") were already skipped while scanning.
func (l *Linker) resolve(sc *scratch) {
	strong := sc.strong[:0]
	for k := range sc.cands {
		c := &sc.cands[k]
		if c.need == needNothing {
			c.ok = true
			strong = appendUnique(strong, c.sec)
		}
	}
	// A second round lets a name accepted through a cue vouch for the
	// same name elsewhere: "Apple shares rose ... Apple said".
	for round := 0; round < 2; round++ {
		changed := false
		for k := range sc.cands {
			c := &sc.cands[k]
			if c.ok || !accepts(c, strong, sc.cands[:k]) {
				continue
			}
			c.ok, changed = true, true
			strong = appendUnique(strong, c.sec)
		}
		if !changed {
			break
		}
	}
	sc.strong = strong
}

// accepts reports whether a pending candidate has what it needs; before
// holds the candidates that precede it in the text.
func accepts(c *cand, strong []int32, before []cand) bool {
	switch c.need {
	case needContext:
		if c.kind == KindBrand || c.kind == KindProduct {
			// An ambiguous brand ("Blue Moon", "Echo") needs its company
			// named in the document: a business cue alone fits any
			// company's product of that name.
			return slices.Contains(strong, c.sec)
		}
		return c.cue || slices.Contains(strong, c.sec)
	case needTickerContext:
		return c.cue || c.paren || slices.Contains(strong, c.sec)
	case needFullName:
		for k := range before {
			b := &before[k]
			if b.ok && b.sec == c.sec && b.kind == KindPerson && b.need == needNothing {
				return true
			}
		}
	}
	return false
}

func appendUnique(ids []int32, id int32) []int32 {
	if slices.Contains(ids, id) {
		return ids
	}
	return append(ids, id)
}
