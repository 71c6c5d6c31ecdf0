package sentiment

import "github.com/tickerwire/tickerwire/text"

// Scopes tie a cue to where it stands relative to the target, so that one
// sentence can be good news for one entity and bad news for another: a cue
// in the target's clause counts fully, a cue in a clause about another
// named entity counts through its scoped copy only.

// Scopes of a cue relative to the target.
const (
	scopeNone    = iota // sentence mode
	scopeClause         // in the target's clause
	scopeOther          // in another clause
	scopeSubject        // in the target's clause, right after the target
	scopeAgent          // after the action of a target that acts on another company (see analystAgent)
)

// scopeOf places a cue relative to the target.
func (f *featurizer) scopeOf(c *cue) int {
	switch {
	case !f.tg.ok():
		return scopeNone
	case c.clause != f.tg.clause:
		return scopeOther
	case f.agentVerb >= 0 && c.start >= f.agentVerb:
		return scopeAgent
	case c.start >= f.tg.end && c.start-f.tg.end <= 3:
		return scopeSubject
	}
	return scopeClause
}

// addScoped adds a cue feature both plain and tied to its scope.
func (f *featurizer) addScoped(h uint64, c *cue) {
	s := f.scopeOf(c)
	if (s != scopeOther || !f.clauseHasName(c.clause)) && s != scopeAgent {
		f.add(h, 1, c.start, c.end)
	}
	if s != scopeNone {
		f.add(mix(mix(gScope, h), uint64(s)), 1, c.start, c.end)
		f.add(mix(mix(gScope, h), f.relation(c)), 1, c.start, c.end)
	}
}

// clauseHasName reports whether clause k holds a capitalised word other
// than the target's: likely another entity.
func (f *featurizer) clauseHasName(k int) bool {
	return k < len(f.named) && f.named[k]
}

// findNames fills f.named: per clause, whether it holds a capitalised word
// outside the target that is not a common word capitalised only because it
// starts the sentence ("The", "Shares").
func (f *featurizer) findNames() {
	f.named = f.named[:0]
	for i := range f.toks {
		for len(f.named) <= f.clause[i] {
			f.named = append(f.named, false)
		}
		t := &f.toks[i]
		if t.Kind != text.Word || f.inTarget(i) || !t.IsUpper() {
			continue
		}
		if i == 0 && (functionWords[t.Norm] || f.inCue(i)) {
			continue
		}
		f.named[f.clause[i]] = true
	}
}

// inCue reports whether token i is part of a lexicon cue.
func (f *featurizer) inCue(i int) bool {
	for _, c := range f.cues {
		if i >= c.start && i < c.end {
			return true
		}
	}
	return false
}

// functionWords are common sentence openers that are never names.
var functionWords = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "for": true,
	"with": true, "as": true, "after": true, "before": true, "while": true, "but": true,
	"and": true, "it": true, "its": true, "this": true, "that": true, "these": true,
	"those": true, "we": true, "our": true, "they": true, "their": true, "he": true,
	"she": true, "his": true, "her": true, "shares": true, "stocks": true, "analysts": true,
	"investors": true, "why": true, "how": true, "what": true, "who": true, "when": true,
	"where": true, "will": true, "is": true, "are": true, "can": true, "should": true,
	"here": true, "there": true, "if": true, "of": true, "by": true, "from": true,
	"management": true, "revenue": true, "sales": true, "net": true, "operating": true,
}

// relation describes how a cue stands to the target: the side and the
// word or mark that separates their clauses, and whether the target is
// the object of a comparison ("falls against the dollar").
func (f *featurizer) relation(c *cue) uint64 {
	h := uint64(0x1234)
	if f.tg.start > 0 {
		switch f.toks[f.tg.start-1].Norm {
		case "against", "vs", "vs.", "versus", "over", "v/s", "than":
			h = mix(h, 0x5678)
		}
	}
	if c.clause == f.tg.clause {
		if c.start < f.tg.start {
			return mix(h, 1)
		}
		return mix(h, 2)
	}
	lo, hi := c.end, f.tg.start
	side := uint64(3)
	if c.start > f.tg.start {
		lo, hi, side = f.tg.end, c.start, 4
	}
	for i := lo; i < hi && i < len(f.toks); i++ {
		if i > 0 && f.clause[i] != f.clause[i-1] {
			return mix(mix(h, side), hashString(f.toks[i].Norm))
		}
	}
	return mix(h, side)
}

// scopedKey returns h for a feature of token tok in the target's clause
// (or in sentence mode), and h tagged otherwise: as out-of-clause in a
// clause about another name, as the object's after the action of a target
// that acts on another company ("Citi upgrades Acme to buy": "buy" is
// Acme's news).
func (f *featurizer) scopedKey(h uint64, clause, tok int) uint64 {
	switch {
	case !f.tg.ok():
		return h
	case f.agentVerb >= 0 && clause == f.tg.clause && tok > f.agentVerb:
		return mix(h, scopeAgent)
	case clause == f.tg.clause || !f.clauseHasName(clause):
		return h
	}
	return mix(h, gScope)
}
