package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenizeFinancialForms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
		kind map[string]Kind
	}{
		{"cashtag", "$AMZN up", []string{"$AMZN", "up"}, map[string]Kind{"$AMZN": Cashtag}},
		{"class share cashtag", "$BRK.B fell", []string{"$BRK.B", "fell"}, map[string]Kind{"$BRK.B": Cashtag}},
		{"money with magnitude", "a $1.2bn deal", []string{"a", "$1.2bn", "deal"}, map[string]Kind{"$1.2bn": Money}},
		{"money with spaced magnitude", "$1.2 bn", []string{"$1.2", "bn"}, map[string]Kind{"$1.2": Money}},
		{"currency code attached", "EUR131m profit", []string{"EUR131m", "profit"}, nil},
		{"percent", "rose 12% and -3.5%", []string{"rose", "12%", "and", "-3.5%"}, map[string]Kind{"12%": Percent, "-3.5%": Percent}},
		{"thousands", "1,200.50 units", []string{"1,200.50", "units"}, map[string]Kind{"1,200.50": Number}},
		{"initialism", "the U.S. economy", []string{"the", "U.S.", "economy"}, map[string]Kind{"U.S.": Word}},
		{"ampersand", "AT&T and S&P 500", []string{"AT&T", "and", "S&P", "500"}, nil},
		{"possessive", "Amazon's cloud", []string{"Amazon", "'s", "cloud"}, nil},
		{"curly possessive", "Amazon’s cloud", []string{"Amazon", "’s", "cloud"}, nil},
		{"negation kept", "didn't beat", []string{"didn't", "beat"}, nil},
		{"domain name", "Amazon.com Inc.", []string{"Amazon.com", "Inc", "."}, nil},
		{"model names", "H100 and 737MAX", []string{"H100", "and", "737MAX"}, nil},
		{"hyphenated", "year-on-year", []string{"year-on-year"}, nil},
		{"exchange form", "(NASDAQ: AMZN)", []string{"(", "NASDAQ", ":", "AMZN", ")"}, nil},
		{"quarter", "Q3 2026", []string{"Q3", "2026"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			if got := texts(toks); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, tok := range toks {
				if k, ok := tt.kind[tok.Text]; ok && tok.Kind != k {
					t.Errorf("%q kind = %v, want %v", tok.Text, tok.Kind, k)
				}
				if tt.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("offsets of %q point at %q", tok.Text, tt.in[tok.Start:tok.End])
				}
			}
		})
	}
}

func TestNormFoldsTypography(t *testing.T) {
	toks := Tokenize("“Strong” Q3 — NVIDIA’s")
	got := make([]string, len(toks))
	for i, tok := range toks {
		got[i] = tok.Norm
	}
	want := []string{"\"", "strong", "\"", "q3", "-", "nvidia", "'s"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("norms = %q, want %q", got, want)
	}
}

func sentenceTexts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestSplitSurvivesAbbreviationsAndAmounts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"corporate suffix mid-sentence", "Amazon.com Inc. said revenue rose. Shares gained.",
			[]string{"Amazon.com Inc. said revenue rose.", "Shares gained."}},
		{"corporate suffix ends sentence", "It was bought by Apple Inc. The deal closed.",
			[]string{"It was bought by Apple Inc.", "The deal closed."}},
		{"initialism mid-sentence", "The U.S. Federal Reserve held rates. Markets rallied.",
			[]string{"The U.S. Federal Reserve held rates.", "Markets rallied."}},
		{"initialism ends sentence", "Sales grew in the U.S. The outlook improved.",
			[]string{"Sales grew in the U.S.", "The outlook improved."}},
		{"date abbreviation", "The quarter ended Dec. 31 with record sales. Margins fell.",
			[]string{"The quarter ended Dec. 31 with record sales.", "Margins fell."}},
		{"amounts", "It raised $1.2 bn. Profit was EUR131m, up 4.5%.",
			[]string{"It raised $1.2 bn.", "Profit was EUR131m, up 4.5%."}},
		{"quoted speech", `"We had a great quarter," said Jassy. "Demand is strong." Shares rose.`,
			[]string{`"We had a great quarter," said Jassy.`, `"Demand is strong."`, "Shares rose."}},
		{"initials", "J. P. Morgan Chase raised its target. Analysts agreed.",
			[]string{"J. P. Morgan Chase raised its target.", "Analysts agreed."}},
		{"question and exclamation", "Will it last? Nobody knows! Stay tuned.",
			[]string{"Will it last?", "Nobody knows!", "Stay tuned."}},
		{"lower-case after period", "Revenue was 3.5 bn. vs 3.1 bn. a year ago.",
			[]string{"Revenue was 3.5 bn. vs 3.1 bn. a year ago."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sentenceTexts(Split(tt.in)); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Split(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitParagraphsAndLists(t *testing.T) {
	doc := "AWS growth accelerates\n\nAmazon reported results. Revenue rose.\n\nHighlights:\n- Revenue up 12%\n- Margin at 11%\n• Capex doubled\n1. First item\n\nA wrapped line that goes on\nand continues here."
	want := []struct {
		text string
		para int
	}{
		{"AWS growth accelerates", 0},
		{"Amazon reported results.", 1},
		{"Revenue rose.", 1},
		{"Highlights:", 2},
		{"- Revenue up 12%", 3},
		{"- Margin at 11%", 4},
		{"• Capex doubled", 5},
		{"1. First item", 6},
		{"A wrapped line that goes on\nand continues here.", 7},
	}
	got := Split(doc)
	if len(got) != len(want) {
		t.Fatalf("got %d sentences %q, want %d", len(got), sentenceTexts(got), len(want))
	}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Para != w.para {
			t.Errorf("sentence %d = (%q, para %d), want (%q, para %d)", i, got[i].Text, got[i].Para, w.text, w.para)
		}
	}
}

func TestSplitOffsetsPointIntoDocument(t *testing.T) {
	doc := "  Title here\n\nFirst sentence. Second one!  \n"
	for _, s := range Split(doc) {
		if doc[s.Start:s.End] != s.Text {
			t.Errorf("sentence %q offsets point at %q", s.Text, doc[s.Start:s.End])
		}
		for _, tok := range s.Tokens {
			if doc[tok.Start:tok.End] != tok.Text {
				t.Errorf("token %q offsets point at %q", tok.Text, doc[tok.Start:tok.End])
			}
		}
	}
}

func TestSplitEmpty(t *testing.T) {
	for _, in := range []string{"", "   ", "\n\n\n"} {
		if got := Split(in); len(got) != 0 {
			t.Errorf("Split(%q) = %q, want none", in, sentenceTexts(got))
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"Amazon.com Inc. rose 5%. $AMZN", "U.S. \n\n- a\n• b", "\xff\xfe$", "...", "$1.2bn. 'S"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		prevEnd := 0
		for _, s := range Split(doc) {
			if s.Text == "" || s.Start < prevEnd || s.End > len(doc) || doc[s.Start:s.End] != s.Text {
				t.Fatalf("bad sentence %q [%d,%d) in %q", s.Text, s.Start, s.End, doc)
			}
			for _, tok := range s.Tokens {
				if tok.Start < s.Start || tok.End > s.End || tok.Text == "" {
					t.Fatalf("token %q outside sentence %q", tok.Text, s.Text)
				}
			}
			prevEnd = s.End
		}
		if utf8.ValidString(doc) && strings.TrimSpace(doc) != "" && len(Tokenize(doc)) == 0 {
			t.Fatalf("no tokens for non-empty %q", doc)
		}
	})
}

const benchArticle = `Amazon.com Inc. said on Thursday that revenue at Amazon Web Services rose 17% to $29.3 bn in the quarter ended Sept. 30, beating analysts' estimates. "Customers are moving more workloads to AWS," Chief Executive Andy Jassy said. The company's Trainium chips are gaining share from NVIDIA's H200 in the U.S. market. Operating margin narrowed to 11.2% from 12.5% as capex rose.`

func BenchmarkSplitArticle(b *testing.B) {
	doc := strings.Repeat(benchArticle+"\n\n", 10)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		Split(doc)
	}
}

func BenchmarkAppendTokensHeadline(b *testing.B) {
	const h = "Nvidia beats estimates while AMD cuts its full-year outlook by 5%"
	buf := make([]Token, 0, 32)
	b.SetBytes(int64(len(h)))
	for b.Loop() {
		buf = AppendTokens(buf[:0], h, 0)
	}
}
