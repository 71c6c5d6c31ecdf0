package topic

import (
	"fmt"
	"strings"

	"github.com/tickerwire/tickerwire/text"
)

// maxGap is how many tokens a "..." in a pattern may skip.
const maxGap = 3

// atom matches one token.
type atom struct {
	lit    string    // lower-case literal, or a prefix when prefix is set
	prefix bool      // lit ends in '*' in the pattern
	exact  string    // exact-case text for a quoted atom
	kind   text.Kind // token kind for <num>, <pct>, <money>
	isKind bool
}

// elem is one position of a pattern: alternatives, a gap, or a negated
// set of alternatives that consumes no token (not: the token here is none
// of alts; at the start of a pattern, the token before is none of them).
type elem struct {
	alts []atom
	gap  bool
	not  bool
}

var kindAtoms = map[string]text.Kind{"<num>": text.Number, "<pct>": text.Percent, "<money>": text.Money}

// compilePattern parses a cue pattern (see TAXONOMY.md).
func compilePattern(p string) ([]elem, error) {
	fields := strings.Fields(p)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	out := make([]elem, 0, len(fields))
	for i, f := range fields {
		if f == "..." {
			if i == 0 || i == len(fields)-1 || out[len(out)-1].gap || out[len(out)-1].not {
				return nil, fmt.Errorf("pattern %q: a gap must stand between two tokens", p)
			}
			out = append(out, elem{gap: true})
			continue
		}
		not := strings.HasPrefix(f, "!")
		if not && (len(f) == 1 || len(out) > 0 && out[len(out)-1].gap) {
			return nil, fmt.Errorf("pattern %q: a ! needs tokens and cannot follow a gap", p)
		}
		e, err := compileElem(strings.TrimPrefix(f, "!"))
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %w", p, err)
		}
		e.not = not
		out = append(out, e)
	}
	if out[0].not && (len(out) == 1 || out[1].not) {
		return nil, fmt.Errorf("pattern %q: a leading ! must be followed by a token", p)
	}
	return out, nil
}

func compileElem(f string) (elem, error) {
	var e elem
	for _, a := range strings.Split(f, "|") {
		at, err := compileAtom(a)
		if err != nil {
			return elem{}, err
		}
		e.alts = append(e.alts, at)
	}
	return e, nil
}

func compileAtom(a string) (atom, error) {
	if k, ok := kindAtoms[a]; ok {
		return atom{kind: k, isKind: true}, nil
	}
	if len(a) > 2 && a[0] == '"' && a[len(a)-1] == '"' {
		ex := a[1 : len(a)-1]
		return atom{lit: strings.ToLower(ex), exact: ex}, nil
	}
	if a == "" || strings.ContainsAny(a, `"<>`) || a != strings.ToLower(a) {
		return atom{}, fmt.Errorf("bad token %q: want lower case, stem*, \"Exact\" or <num>/<pct>/<money>", a)
	}
	if stem, ok := strings.CutSuffix(a, "*"); ok {
		if len(stem) < 2 || strings.Contains(stem, "*") {
			return atom{}, fmt.Errorf("bad prefix %q: want at least two letters before *", a)
		}
		return atom{lit: stem, prefix: true}, nil
	}
	if strings.Contains(a, "*") {
		return atom{}, fmt.Errorf("bad token %q: * only at the end", a)
	}
	return atom{lit: a}, nil
}

func (a *atom) matches(t *text.Token) bool {
	switch {
	case a.isKind:
		return t.Kind == a.kind
	case a.prefix:
		return strings.HasPrefix(t.Norm, a.lit)
	case a.exact != "":
		return t.Text == a.exact
	}
	return t.Norm == a.lit
}

func (e *elem) matches(t *text.Token) bool {
	for i := range e.alts {
		if e.alts[i].matches(t) {
			return true
		}
	}
	return false
}

// matchAt reports whether es matches toks starting at i.
func matchAt(toks []text.Token, i int, es []elem) bool {
	if len(es) == 0 {
		return true
	}
	if es[0].gap {
		for k := 0; k <= maxGap && i+k < len(toks); k++ {
			if matchAt(toks, i+k, es[1:]) {
				return true
			}
		}
		return false
	}
	if es[0].not {
		if i < len(toks) && es[0].matches(&toks[i]) {
			return false
		}
		return matchAt(toks, i, es[1:])
	}
	if i >= len(toks) || !es[0].matches(&toks[i]) {
		return false
	}
	return matchAt(toks, i+1, es[1:])
}
