package sentiment

import (
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

func TestStemJoinsInflections(t *testing.T) {
	groups := [][]string{
		{"rise", "rises", "rising"},
		{"narrow", "narrows", "narrowed", "narrowing"},
		{"cut", "cuts", "cutting"},
		{"raise", "raised", "raises"},
		{"loss", "losses"},
		{"rating", "ratings"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if stem(w) != stem(g[0]) {
				t.Errorf("stem(%q) = %q, stem(%q) = %q: want equal", w, stem(w), g[0], stem(g[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"news", "new"}, {"rates", "rating"}, {"falling", "fal"}} {
		if stem(pair[0]) == stem(pair[1]) {
			t.Errorf("stem(%q) == stem(%q) = %q: want different", pair[0], pair[1], stem(pair[0]))
		}
	}
}

func TestEmbeddedLexiconClasses(t *testing.T) {
	lx := defaultLexicon()
	tests := []struct {
		phrase string
		want   cueClass
	}{
		{"revenue", cueGood},
		{"costs", cueBad},
		{"narrowed", cueDown},
		{"jumped", cueUp},
		{"beat estimates", cuePositive},
		{"downgrade", cueNegative},
		{"failed to", cueNegator},
		{"may", cueHedge},
		{"sharply", cueIntensifier},
		{"whereas", cueContrast},
		{"unchanged", cueNeutral},
	}
	for _, tt := range tests {
		toks := text.Tokenize(tt.phrase)
		words := make([]uint64, len(toks))
		for i, tk := range toks {
			words[i] = hashWord(stem(tk.Norm))
		}
		class, n := lx.match(words, 0)
		if n != len(toks) || class&tt.want == 0 {
			t.Errorf("%q: class %b over %d tokens, want class %b over %d", tt.phrase, class, n, tt.want, len(toks))
		}
	}
}

func TestParseLexiconErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"rally\n", "before any [section]"},
		{"[happy]\nrally\n", "unknown section"},
	} {
		if _, err := parseLexicon(tt.src); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseLexicon(%q): %v, want %q", tt.src, err, tt.want)
		}
	}
}
