package sentiment

import (
	"strings"

	"github.com/tickerwire/tickerwire/text"
)

// FindTarget locates the first occurrence of a free-text target name
// ("Dr Reddy's", "Glencore", "AMZN") in toks and returns its token span
// [start, end). Matching ignores case, punctuation inside the name ("Dr."
// and "Dr"), a possessive "'s" on either side ("Apple's" matches "Apple")
// and the "$" of a cashtag. ok is false when the name does not occur or
// has no words.
func FindTarget(toks []text.Token, name string) (start, end int, ok bool) {
	want := targetKeys(text.Tokenize(name))
	if len(want) == 0 {
		return 0, 0, false
	}
	for i := range toks {
		if end, ok := matchAt(toks, i, want); ok {
			return i, end, true
		}
	}
	return 0, 0, false
}

// targetKeys returns the comparable forms of a name's tokens.
func targetKeys(toks []text.Token) []string {
	var out []string
	for i := range toks {
		if k, ok := targetKey(&toks[i]); ok {
			out = append(out, k)
		}
	}
	return out
}

// targetKey is the form a token is compared in, or false for a token
// that matching skips (punctuation, possessive "'s").
func targetKey(t *text.Token) (string, bool) {
	if t.Kind == text.Punct || t.Kind == text.Symbol || t.Norm == "'s" || t.Norm == "'" {
		return "", false
	}
	k := strings.TrimSuffix(t.Norm, ".")
	k = strings.TrimSuffix(strings.TrimSuffix(k, "'s"), "'")
	return strings.TrimPrefix(k, "$"), k != ""
}

// matchAt reports whether want matches toks from token i, and where the
// match ends (after its last word).
func matchAt(toks []text.Token, i int, want []string) (int, bool) {
	if k, ok := targetKey(&toks[i]); !ok || k != want[0] {
		return 0, false
	}
	j, end := i+1, i+1
	for _, w := range want[1:] {
		for j < len(toks) && skippable(&toks[j]) {
			j++
		}
		if j == len(toks) {
			return 0, false
		}
		if k, _ := targetKey(&toks[j]); k != w {
			return 0, false
		}
		j++
		end = j
	}
	return end, true
}

// skippable reports whether a token may stand between two words of a name
// ("Dr. Reddy", "Reddy's Labs").
func skippable(t *text.Token) bool {
	return t.Norm == "." || t.Norm == "'s" || t.Norm == "'" || t.Norm == "-" || t.Norm == "&"
}
