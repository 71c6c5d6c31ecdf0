package sentiment

import (
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

func TestFindTarget(t *testing.T) {
	tests := []struct {
		name, text, target string
		want               string // the matched text, "" for not found
	}{
		{"exact", "Glencore profit jumps", "Glencore", "Glencore"},
		{"case-insensitive", "GLENCORE profit jumps", "glencore", "GLENCORE"},
		{"possessive in text", "Apple's iPhone sales rise", "Apple", "Apple"},
		{"possessive in name", "Dr Reddy's Labs gains 3%", "Dr Reddy's", "Dr Reddy"},
		{"dot in text only", "Dr. Reddy's Labs gains 3%", "Dr Reddy's Labs", "Dr. Reddy's Labs"},
		{"curly apostrophe", "Moody’s cuts outlook", "Moody's", "Moody"},
		{"multi-word", "Shares of Tata Steel UK fall", "Tata Steel UK", "Tata Steel UK"},
		{"cashtag from ticker", "$AMZN jumps after earnings", "AMZN", "$AMZN"},
		{"ticker from cashtag", "AMZN jumps after earnings", "$AMZN", "AMZN"},
		{"ampersand", "Johnson & Johnson wins approval", "Johnson & Johnson", "Johnson & Johnson"},
		{"first occurrence", "Gold up, silver down, gold miners up", "gold", "Gold"},
		{"not a prefix of a longer word", "Goldman raises target", "Gold", ""},
		{"absent", "Oil falls", "Copper", ""},
		{"empty name", "Oil falls", "", ""},
		{"punctuation-only name", "Oil falls", "...", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := text.Tokenize(tt.text)
			start, end, ok := FindTarget(toks, tt.target)
			got := ""
			if ok {
				got = tt.text[toks[start].Start:toks[end-1].End]
			}
			if got != tt.want {
				t.Errorf("FindTarget(%q, %q) = %q, want %q", tt.text, tt.target, got, tt.want)
			}
		})
	}
}

func FuzzFindTarget(f *testing.F) {
	f.Add("Dr. Reddy's Labs gains", "Dr Reddy's")
	f.Add("$AMZN up", "AMZN")
	f.Fuzz(func(t *testing.T, s, name string) {
		toks := text.Tokenize(s)
		start, end, ok := FindTarget(toks, name)
		if ok && (start < 0 || end > len(toks) || start >= end) {
			t.Fatalf("span [%d, %d) of %d tokens", start, end, len(toks))
		}
	})
}
