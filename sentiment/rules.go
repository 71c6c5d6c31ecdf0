package sentiment

// The rule features read financial direction: a direction cue ("rose",
// "narrowed", "cut", "+12%") paired with the financial variable it moves
// ("revenue", "losses", "debt") in the same clause. Up on a good variable
// or down on a bad one is good news; the learned weights decide how good.

// maxRuleGap is how many tokens may separate a variable from its direction.
const maxRuleGap = 5

// rulePair is a direction cue and the variable cue it moves (-1: none).
type rulePair struct{ dir, variable int }

// pairRules pairs each direction cue with its variable and marks the
// tokens of paired cues as ruled: their words then count through the rule
// only, so "fell" in "costs fell" is not also read as bad news.
func (f *featurizer) pairRules() {
	f.pairs = f.pairs[:0]
	f.ruled = f.ruled[:0]
	for range f.toks {
		f.ruled = append(f.ruled, false)
	}
	for k := range f.cues {
		d := &f.cues[k]
		up, down := d.class&cueUp != 0, d.class&cueDown != 0
		if up == down || f.inTarget(d.start) {
			continue
		}
		v := f.variableFor(k)
		f.pairs = append(f.pairs, rulePair{dir: k, variable: v})
		if v >= 0 {
			f.markRuled(d)
			f.markRuled(&f.cues[v])
		}
	}
}

func (f *featurizer) markRuled(c *cue) {
	for i := c.start; i < c.end && i < len(f.ruled); i++ {
		f.ruled[i] = true
	}
}

// rules adds the direction × variable features and, for directions with no
// variable, the bare direction (the subject itself moved: "X jumps 5%").
func (f *featurizer) rules() {
	for _, p := range f.pairs {
		d := &f.cues[p.dir]
		up := d.class&cueUp != 0
		if p.variable < 0 {
			h := mix(gDirection, boolKey(up))
			f.addScoped(h, d)
			if m := d.mods & (modNegated | modHedged); m != 0 {
				f.addScoped(mix(h, uint64(m)), d)
			}
			continue
		}
		f.addRule(d, &f.cues[p.variable], up)
	}
}

// addRule adds the features of direction d on variable v.
func (f *featurizer) addRule(d, v *cue, up bool) {
	if f.policyRate(v) {
		f.addPolicy(d, v, up)
		return
	}
	good := (v.class&cueGood != 0) == up
	mods := (d.mods | v.mods) & (modNegated | modHedged)
	if mods&modNegated != 0 {
		good = !good
	}
	start, end := min(d.start, v.start), max(d.end, v.end)
	span := cue{start: start, end: end, clause: d.clause, mods: mods}
	h := mix(gRule, boolKey(good))
	f.addScoped(h, &span)
	if f.ownedByTarget(v) {
		f.add(mix(h, gOwner), 1, start, end)
	}
	if m := mods | d.mods&(modIntense|modWeak); m != 0 {
		f.addScoped(mix(h, uint64(m)), &span)
	}
	w := mix(gRuleWord, boolKey(up))
	for i := v.start; i < v.end; i++ {
		w = mix(w, f.words[i])
	}
	f.add(mix(w, uint64(mods)), 1, start, end)
}

// centralBanks are words that name a central bank or its policy makers.
var centralBanks = map[string]bool{
	"fed": true, "fomc": true, "ecb": true, "rbi": true, "boe": true, "boj": true,
	"pboc": true, "rba": true, "rbnz": true, "snb": true, "riksbank": true, "norge": true,
	"central": true, "monetary": true, "reserve": true, "policymakers": true, "mpc": true,
}

// policyRate reports whether variable v is an interest rate that a central
// bank sets in this clause ("the ECB cut rates", "RBI keeps repo rate
// unchanged"): a policy decision, which the training sets label neutral
// and whose good or bad depends on who holds what, so it gets features of
// its own with no prior instead of the "rates are bad" rule.
func (f *featurizer) policyRate(v *cue) bool {
	switch stem(f.toks[v.end-1].Norm) {
	case "rate", "rat":
	default:
		return false
	}
	for i := range f.toks {
		if f.clause[i] == v.clause && centralBanks[f.toks[i].Norm] {
			return true
		}
	}
	return false
}

// addPolicy adds the features of a central bank moving its rate.
func (f *featurizer) addPolicy(d, v *cue, up bool) {
	start, end := min(d.start, v.start), max(d.end, v.end)
	span := cue{start: start, end: end, clause: d.clause, mods: (d.mods | v.mods) & (modNegated | modHedged)}
	h := mix(mix(gRule, hashString("policy")), boolKey(up))
	f.addScoped(h, &span)
	if span.mods != 0 {
		f.addScoped(mix(h, uint64(span.mods)), &span)
	}
}

// prepositionBetween reports whether tokens [start, end) hold a
// preposition, which ends the object of a direction verb.
func (f *featurizer) prepositionBetween(start, end int) bool {
	for i := start; i < end; i++ {
		switch f.toks[i].Norm {
		case "in", "during", "for", "at", "on", "by", "to", "from", "of", "over", "since", "after", "than", "as":
			return true
		}
	}
	return false
}

// ownedByTarget reports whether variable v belongs to the target: it
// follows the target ("Acme's revenue", "Acme revenue") or a possessive
// after the target in its clause ("Acme cut its outlook").
func (f *featurizer) ownedByTarget(v *cue) bool {
	if !f.tg.ok() || v.clause != f.tg.clause || v.start < f.tg.end {
		return false
	}
	if f.agentVerb >= 0 {
		return false // "Citi cut its rating on Tesla": Tesla's rating
	}
	gap := v.start - f.tg.end
	if gap == 0 || (gap == 1 && f.toks[f.tg.end].Norm == "'s") {
		return true
	}
	switch f.toks[v.start-1].Norm {
	case "its", "their", "his", "her":
		return true
	}
	return false
}

// variableFor returns the index of the variable cue that direction cue k
// moves: the nearest good-or-bad cue in its clause within maxRuleGap
// tokens, preferring one before it ("revenue rose" over "rose revenue"),
// or -1.
func (f *featurizer) variableFor(k int) int {
	if v := f.variableIn(k, f.cues[k].clause, maxRuleGap); v >= 0 {
		return v
	}
	return f.appositionVariable(k)
}

// appositionVariable finds the variable of a direction cue in a clause
// that follows a comma, such as "the lowest level in its history" after
// "churn fell to 1.1%": the nearest variable of the clause before, or -1.
func (f *featurizer) appositionVariable(k int) int {
	d := &f.cues[k]
	for i := d.start - 1; i > 0; i-- {
		if f.clause[i] != d.clause {
			if f.toks[i+1].Norm != "," {
				return -1
			}
			return f.variableIn(k, f.clause[i], len(f.toks))
		}
	}
	return -1
}

// variableIn returns the variable cue in clause that is nearest to
// direction cue k within maxGap tokens, or -1.
func (f *featurizer) variableIn(k, clause, maxGap int) int {
	d := &f.cues[k]
	best, bestGap := -1, maxGap+1
	for j := range f.cues {
		v := &f.cues[j]
		isVar := (v.class&cueGood != 0) != (v.class&cueBad != 0)
		if j == k || !isVar || v.clause != clause || f.inTarget(v.start) || f.priceMoveIdiom(v) {
			continue
		}
		gap := d.start - v.end
		if clause == d.clause && v.start >= d.end {
			if f.prepositionBetween(d.end, v.start) {
				continue // "rose 5% in the quarter": the quarter did not rise
			}
			gap = v.start - d.end + 1 // a variable after its direction loses ties
		}
		if gap >= 0 && gap < bestGap {
			best, bestGap = j, gap
		}
	}
	return best
}

// priceMoveVerbs move a price's "losses" or "gains" in market reports:
// "extends premarket losses", "pares gains".
var priceMoveVerbs = map[string]bool{
	"extend": true, "deepen": true, "add": true, "nurs": true, "par": true,
	"trim": true, "recoup": true, "eras": true, "recover": true, "surrender": true,
} // stems, see stem

// priceMoveIdiom reports whether variable v is the "losses" or "gains" of
// a price move ("Acme extends premarket losses, now down 5%"): the day's
// move of the price, not a company's losses, so a later direction does
// not move it ("losses, now down 5%" is not losses falling).
func (f *featurizer) priceMoveIdiom(v *cue) bool {
	if v.end-v.start != 1 {
		return false
	}
	switch stem(f.toks[v.start].Norm) {
	case "loss", "gain":
	default:
		return false
	}
	for i := v.start - 1; i >= 0 && i >= v.start-3; i-- {
		if priceMoveVerbs[stem(f.toks[i].Norm)] {
			return true
		}
	}
	return false
}

func boolKey(b bool) uint64 {
	if b {
		return 0x5bd1e995
	}
	return 0x27d4eb2f
}
