package topic

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestEmbeddedTaxonomyIsComplete(t *testing.T) {
	defs, err := Parse(bytes.NewReader(taxonomyFile))
	if err != nil {
		t.Fatalf("Parse(embedded) error: %v", err)
	}
	if len(defs) < 25 {
		t.Fatalf("taxonomy has %d topics, want at least 25", len(defs))
	}
	doc, err := os.ReadFile("TAXONOMY.md")
	if err != nil {
		t.Fatalf("read TAXONOMY.md: %v", err)
	}
	seen := map[string]bool{}
	for _, d := range defs {
		if seen[d.ID] {
			t.Errorf("duplicate id %s", d.ID)
		}
		seen[d.ID] = true
		if d.AlphaVantage != "" && !slices.Contains(AlphaVantageTopics, d.AlphaVantage) {
			t.Errorf("%s maps to %q, not an Alpha Vantage topic", d.ID, d.AlphaVantage)
		}
		if d.Description == "" {
			t.Errorf("%s has no description", d.ID)
		}
		if !strings.Contains(string(doc), "`"+d.ID+"`") {
			t.Errorf("TAXONOMY.md does not list %s", d.ID)
		}
		for _, l := range d.Labels {
			if !slices.Contains(trainLabels, l) {
				t.Errorf("%s lists unknown training label %q", d.ID, l)
			}
		}
	}
}

func TestAlphaVantageTopicsAreSpelledAsTheAPI(t *testing.T) {
	want := []string{"Blockchain", "Earnings", "IPO", "Mergers & Acquisitions", "Financial Markets",
		"Economy - Fiscal", "Economy - Monetary", "Economy - Macro", "Energy & Transportation",
		"Finance", "Life Sciences", "Manufacturing", "Real Estate & Construction",
		"Retail & Wholesale", "Technology"}
	if !slices.Equal(AlphaVantageTopics, want) {
		t.Errorf("AlphaVantageTopics = %v, want %v", AlphaVantageTopics, want)
	}
}

func TestParseRejectsMalformedTaxonomies(t *testing.T) {
	const ok = "[a_b]\nname: a b\n0.5 word\n"
	tests := []struct{ name, in, want string }{
		{"bad id", "[A-B]\nname: x\n0.5 w\n", "bad topic header"},
		{"field before topic", "name: x\n", "before the first"},
		{"weight above one", "[a]\nname: x\n1.5 w\n", "bad cue weight"},
		{"upper-case token", "[a]\nname: x\n0.5 Word\n", "bad token"},
		{"leading gap", "[a]\nname: x\n0.5 ... w\n", "gap"},
		{"unknown field", "[a]\nnom: x\n0.5 w\n", "unknown field"},
		{"unknown av topic", "[a]\nname: x\nav: Tech\n0.5 w\n", "not an Alpha Vantage topic"},
		{"no cues", "[a]\nname: x\n", "no cues"},
		{"duplicate id", ok + ok, "defined twice"},
		{"bad event", "[a]\nname: x\nevent: maybe\n0.5 w\n", "yes or no"},
		{"lone negation", "[a]\nname: x\n0.5 !w\n", "leading !"},
		{"negation after gap", "[a]\nname: x\n0.5 a ... !b c\n", "cannot follow a gap"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", tc.in, err, tc.want)
			}
		})
	}
	if _, err := Parse(strings.NewReader(ok)); err != nil {
		t.Errorf("Parse(%q) error = %v, want nil", ok, err)
	}
}

func TestPatternsMatchTokens(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          bool
	}{
		{"raised ... guidance", "raised its full-year guidance", true},
		{"raised ... guidance", "raised a b c d guidance", false},
		{"layoff*", "announced layoffs", true},
		{"cut <pct> of", "cut 10% of staff", true},
		{`"Fed"`, "the Fed said", true},
		{`"Fed"`, "they fed the cattle", false},
		{"interest rate|rates", "interest rates rose", true},
		{"!central bank|banks !of", "the bank said", true},
		{"!central bank|banks !of", "the central bank said", false},
		{"!central bank|banks !of", "the Bank of England said", false},
		{"!central bank|banks !of", "banks", true},
	}
	for _, tc := range tests {
		tg, err := New(strings.NewReader("[x]\nname: x\n1 " + tc.pattern + "\n"))
		if err != nil {
			t.Fatalf("New(%q) error: %v", tc.pattern, err)
		}
		s := tg.newScratch().(*scratch)
		got := len(tg.idx.scan(tokens(tc.text), s.seen, 1, nil)) > 0
		if got != tc.want {
			t.Errorf("pattern %q on %q matched = %v, want %v", tc.pattern, tc.text, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(string(taxonomyFile))
	f.Add("[a]\nname: x\n0.5 a|b* ... <num> \"C\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		defs, err := Parse(strings.NewReader(in))
		if err != nil {
			return
		}
		if _, err := newCueIndex(defs); err != nil {
			t.Errorf("Parse accepted %q but its cues do not compile: %v", in, err)
		}
	})
}
