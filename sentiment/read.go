package sentiment

import "github.com/tickerwire/tickerwire/text"

// reading is a sentence after the three passes of scan.go: its items,
// clauses and cues. It is scratch memory, reused between calls through
// the Model's pool, and so never shared between goroutines.
type reading struct {
	toks    []text.Token
	words   []uint64 // per token: stemmed word hash for lexicon matching
	clause  []int    // per token: clause index
	items   []item
	cues    []cue
	negated []bool // per token: in the scope of a negator, see modify
}

// read fills r from toks.
func (r *reading) read(lx *lexicon, toks []text.Token) {
	r.toks = toks
	r.words, r.clause = r.words[:0], r.clause[:0]
	r.items, r.cues = r.items[:0], r.cues[:0]
	for i := range toks {
		r.words = append(r.words, hashWord(stem(toks[i].Norm)))
	}
	r.readCues(lx)
	r.readClauses()
	r.readItems()
	r.readNumbers()
	r.modify()
}

// readCues matches lexicon phrases, longest first, left to right.
func (r *reading) readCues(lx *lexicon) {
	for i := 0; i < len(r.toks); {
		class, n := lx.match(r.words, i)
		if n == 0 {
			i++
			continue
		}
		r.cues = append(r.cues, cue{class: class, start: i, end: i + n})
		i += n
	}
}

// readClauses assigns a clause to every token: punctuation breaks, contrast
// words ("but", "while") and a conjunctive "as" start a new clause. A comma
// after a part with no cue only separates list items ("Adani Ports, Lanco,
// Punj drop"), so it does not break.
func (r *reading) readClauses() {
	c, next, partStart := 0, 0, 0
	for i := range r.toks {
		contrast := false
		for next < len(r.cues) && r.cues[next].end <= i {
			next++
		}
		if next < len(r.cues) && r.cues[next].start == i && r.cues[next].class&cueContrast != 0 {
			contrast = true
		}
		if i > 0 && isClauseBreak(r.toks, i, contrast) {
			if r.toks[i].Norm != "," || r.hasCue(partStart, i) {
				c++
			}
			partStart = i
		}
		r.clause = append(r.clause, c)
	}
	for k := range r.cues {
		r.cues[k].clause = r.clause[r.cues[k].start]
	}
}

// hasCue reports whether tokens [start, end) hold an evaluative or
// direction cue.
func (r *reading) hasCue(start, end int) bool {
	for _, c := range r.cues {
		if c.start >= start && c.start < end && c.class&(cuePositive|cueNegative|cueUp|cueDown) != 0 {
			return true
		}
	}
	return false
}

// readItems keeps the tokens that take part in n-grams; links are dropped.
func (r *reading) readItems() {
	for i := 0; i < len(r.toks); i++ {
		if end := r.linkEnd(i); end > i {
			i = end - 1
			continue
		}
		if key, ok := tokenKey(&r.toks[i]); ok {
			r.items = append(r.items, item{key: key, tok: i, clause: r.clause[i]})
		}
	}
}

// linkEnd returns the token after a web link starting at token i
// ("https://t.co/x" is several tokens with no space between), or i.
func (r *reading) linkEnd(i int) int {
	n := r.toks[i].Norm
	if (n != "http" && n != "https") || i+1 >= len(r.toks) || r.toks[i+1].Norm != ":" {
		return i
	}
	j := i + 1
	for j < len(r.toks) && r.toks[j].Start == r.toks[j-1].End {
		j++
	}
	return j
}

// readNumbers adds direction cues read from numbers: a signed percentage
// ("+6.6%", "-3%"), a percentage added ("added 1.5%"), a change "from X to Y" or "to Y from X", and a figure
// against its forecast or previous value, "X vs Y" ("unemployment rate
// 3.5% vs 3.6%": down).
func (r *reading) readNumbers() {
	for i := range r.toks {
		t := &r.toks[i]
		if t.Kind == text.Percent && (t.Norm[0] == '+' || t.Norm[0] == '-') {
			r.addNumberCue(i, i+1, t.Norm[0] == '+')
			continue
		}
		if (t.Norm == "added" || t.Norm == "adds" || t.Norm == "add") && i+1 < len(r.toks) && r.toks[i+1].Kind == text.Percent {
			r.addNumberCue(i, i+2, true) // "Bank of America added 1.5%"
			continue
		}
		if a, b, start, end, ok := r.versus(i); ok && a != b {
			r.addNumberCue(start, end, a > b)
			continue
		}
		if t.Norm != "from" && t.Norm != "to" {
			continue
		}
		if a, b, end, ok := r.change(i); ok && a != b {
			up := b > a
			if t.Norm == "to" {
				up = a > b
			}
			r.addNumberCue(i, end, up)
		}
	}
}

// change reads "from X to Y" (or "to X from Y") starting at token i and
// returns the two values and the token after the second.
func (r *reading) change(i int) (first, second float64, end int, ok bool) {
	other := "to"
	if r.toks[i].Norm == "to" {
		other = "from"
	}
	first, j, ok := r.amountAfter(i + 1)
	if !ok || j >= len(r.toks) || r.toks[j].Norm != other {
		return 0, 0, 0, false
	}
	second, end, ok = r.amountAfter(j + 1)
	return first, second, end, ok
}

// versus reads "X vs Y" around the token i ("vs", "vs." or "versus")
// and returns both values and the span from X to the end of Y.
func (r *reading) versus(i int) (first, second float64, start, end int, ok bool) {
	switch r.toks[i].Norm {
	case "vs", "versus":
	default:
		return 0, 0, 0, 0, false
	}
	next := i + 1
	if next < len(r.toks) && r.toks[next].Norm == "." { // "vs."
		next++
	}
	if i == 0 {
		return 0, 0, 0, 0, false
	}
	start = i - 1
	if start > 0 && isScaleWord(r.toks[start].Norm) {
		start--
	}
	first, ok = numberValue(r.toks, start)
	if !ok {
		return 0, 0, 0, 0, false
	}
	second, end, ok = r.amountAfter(next)
	return first, second, start, end, ok
}

// amountAfter reads an amount at token i: an optional currency word
// ("EUR", "Rs"), a number and an optional scale word.
func (r *reading) amountAfter(i int) (float64, int, bool) {
	if i < len(r.toks) && r.toks[i].Kind == text.Word && i+1 < len(r.toks) &&
		(r.toks[i+1].Kind == text.Number || r.toks[i+1].Kind == text.Money) {
		i++
	}
	if i >= len(r.toks) {
		return 0, i, false
	}
	v, ok := numberValue(r.toks, i)
	if !ok {
		return 0, i, false
	}
	i++
	if i < len(r.toks) && isScaleWord(r.toks[i].Norm) {
		i++
	}
	return v, i, true
}

func isScaleWord(s string) bool {
	switch s {
	case "bn", "billion", "bln", "mn", "million", "mln", "m", "crore", "cr", "lakh", "k", "thousand", "trillion", "tn", "cents":
		return true
	}
	return false
}

func (r *reading) addNumberCue(start, end int, up bool) {
	class := cueDown
	if up {
		class = cueUp
	}
	r.cues = append(r.cues, cue{class: class, start: start, end: end, clause: r.clause[start]})
}

// negationReach is how many tokens after a negator it reaches.
const negationReach = 4

// modify marks the tokens in a negator's reach as negated, and each cue
// negated or hedged by a negator or hedge earlier in its clause, and
// intensified or weakened by an intensifier or diminisher next to it. A
// question mark after a clause hedges its cues.
func (r *reading) modify() {
	r.markNegation()
	for k := range r.cues {
		c := &r.cues[k]
		for _, o := range r.cues {
			if o.clause != c.clause || o.start == c.start {
				continue
			}
			switch {
			case o.class&cueNegator != 0 && o.end <= c.start && c.start-o.end < negationReach:
				c.mods |= modNegated
			case o.class&cueHedge != 0 && o.end <= c.start:
				c.mods |= modHedged
			case o.class&cueIntensifier != 0 && (o.end == c.start || o.start == c.end):
				c.mods |= modIntense
			case o.class&cueDiminisher != 0 && (o.end == c.start || o.start == c.end):
				c.mods |= modWeak
			}
		}
		if r.endsWithQuestion(c.clause) {
			c.mods |= modHedged
		}
	}
}

// markNegation fills r.negated: the tokens within negationReach after a
// negator, in its clause.
func (r *reading) markNegation() {
	r.negated = r.negated[:0]
	for range r.toks {
		r.negated = append(r.negated, false)
	}
	for _, c := range r.cues {
		if c.class&cueNegator == 0 {
			continue
		}
		for i := c.end; i < len(r.toks) && i < c.end+negationReach && r.clause[i] == c.clause; i++ {
			r.negated[i] = true
		}
	}
}

// endsWithQuestion reports whether clause c is followed by a question mark.
func (r *reading) endsWithQuestion(c int) bool {
	for i := 1; i < len(r.toks); i++ {
		if r.toks[i].Norm == "?" && r.clause[i-1] == c {
			return true
		}
	}
	return false
}
