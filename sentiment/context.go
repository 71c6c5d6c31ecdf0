package sentiment

// Target context features: what stands next to the target, what else is
// in its clause, the target's own words and where in the sentence it is.
// They let one sentence give different entities different labels.

// windowSize is how many items on each side of the target are read.
const windowSize = 2

func (f *featurizer) targetContext() {
	first, last := f.targetItems()
	if first < 0 {
		return
	}
	for k := first; k <= last; k++ {
		it := f.items[k]
		f.add(mix(gTargetWord, it.key), 1, -1, -1)
	}
	for d := 1; d <= windowSize; d++ {
		f.windowItem(first-d, -d)
		f.windowItem(last+d, d)
	}
	for _, it := range f.items {
		if it.clause == f.tg.clause && !f.inTarget(it.tok) {
			f.add(mix(gClause, it.key), 1, it.tok, it.tok+1)
		}
	}
	f.position(first, last)
}

// targetItems returns the first and last item indexes inside the target,
// or -1, -1.
func (f *featurizer) targetItems() (int, int) {
	first, last := -1, -1
	for k, it := range f.items {
		if f.inTarget(it.tok) {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	return first, last
}

// windowItem adds the item at index k seen at offset d from the target,
// or a sentence boundary mark.
func (f *featurizer) windowItem(k, d int) {
	h := mix(gWindow, uint64(d+8))
	switch {
	case k < 0:
		f.add(mix(h, keyStart), 1, -1, -1)
	case k >= len(f.items):
		f.add(mix(h, keyEnd), 1, -1, -1)
	default:
		it := f.items[k]
		f.add(mix(h, it.key), 1, it.tok, it.tok+1)
	}
}

// position adds where the target stands: first or last, after a colon
// (often the source of a headline: "...: Analyst Name"), before one, and
// whether it opens its clause.
func (f *featurizer) position(first, last int) {
	pos := func(name string) { f.add(mix(gPosition, hashString(name)), 1, -1, -1) }
	if first == 0 {
		pos("first")
	}
	if last == len(f.items)-1 {
		pos("last")
	}
	if f.tg.clause == 0 {
		pos("clause0")
	}
	colonBefore, colonAfter := false, false
	for i, t := range f.toks {
		if t.Norm != ":" {
			continue
		}
		if i < f.tg.start {
			colonBefore = true
		} else if i >= f.tg.end {
			colonAfter = true
		}
	}
	if colonBefore {
		pos("after-colon")
	}
	if colonAfter {
		pos("before-colon")
	}
	if first > 0 && f.items[first-1].clause != f.tg.clause || first == 0 {
		pos("opens-clause")
	}
}
