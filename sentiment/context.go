package sentiment

import "github.com/tickerwire/tickerwire/text"

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
			f.add(f.scopedKey(mix(gClause, it.key), it.clause, it.tok), 1, it.tok, it.tok+1)
		}
	}
	f.position(first, last)
	if v := f.agentVerb; v >= 0 {
		h := mix(gPosition, hashString("agent"))
		f.add(h, 1, f.tg.start, v+1)
		f.add(mix(h, f.words[v]), 1, f.tg.start, v+1)
	}
}

// agentVerbs are the stems of what a broker or an analyst does to another
// company's rating or price target (see analystAgent).
var agentVerbs = map[string]bool{
	"upgrad": true, "downgrad": true, "cut": true, "rais": true, "lower": true,
	"lift": true, "trim": true, "slash": true, "boost": true, "reduc": true,
	"initiat": true, "reiterat": true, "rat": true, "start": true, "maintain": true,
	"keep": true, "recommend": true, "prefer": true, "assign": true, "resum": true,
}

// analystAgent reports whether the target acts on another company, as a
// broker does ("Goldman Sachs downgrades Tesla to sell", "Citi cut its
// rating on Tesla", "analysts at Jefferies raised their price target on
// Acme"): the target, perhaps followed by "'s" or "analysts", then one of
// agentVerbs, then a capitalised name in the same clause. The action is
// news for the other company; for the agent it is neutral. It returns the
// token of the verb.
func (f *featurizer) analystAgent() (int, bool) {
	i := f.tg.end
	for i < len(f.toks) && (f.toks[i].Norm == "'s" || f.toks[i].Norm == "analysts" || f.toks[i].Norm == "analyst") {
		i++
	}
	if i >= len(f.toks) || f.clause[i] != f.tg.clause || !agentVerbs[stem(f.toks[i].Norm)] {
		return 0, false
	}
	for j := i + 1; j < len(f.toks) && f.clause[j] == f.tg.clause; j++ {
		if t := &f.toks[j]; (t.Kind == text.Word && t.IsUpper() && !functionWords[t.Norm]) || t.Kind == text.Cashtag {
			return i, true
		}
	}
	return 0, false
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
