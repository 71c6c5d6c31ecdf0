package sentiment

import (
	"strconv"
	"strings"

	"github.com/tickerwire/tickerwire/text"
)

// A sentence is read in three passes before features are made: tokens
// become items (the words and number classes that n-grams are built from),
// items are grouped into clauses, and lexicon phrases become cues with
// their modifiers (negated, hedged, intensified, weakened).

// Class keys stand for tokens whose exact form does not matter.
var (
	keyNumber  = hashString("<num>")
	keyYear    = hashString("<year>")
	keyPercent = hashString("<pct>")
	keyPctUp   = hashString("<pct+>")
	keyPctDown = hashString("<pct->")
	keyMoney   = hashString("<money>")
	keyCashtag = hashString("<cashtag>")
	keyTarget  = hashString("<target>")
	keyStart   = hashString("<s>")
	keyEnd     = hashString("</s>")
	keyNegated = hashString("<not>")
)

// item is one token that takes part in n-grams.
type item struct {
	key    uint64 // stemmed word or class key
	tok    int    // token index
	clause int
}

// modifier flags of a cue.
type modifier uint8

const (
	modNegated modifier = 1 << iota
	modHedged
	modIntense
	modWeak
)

// cue is a lexicon phrase (or a number read as a direction) in a sentence.
type cue struct {
	class      cueClass
	start, end int // tokens
	clause     int
	mods       modifier
}

// tokenKey returns the item key of t and whether t is an item.
func tokenKey(t *text.Token) (uint64, bool) {
	switch t.Kind {
	case text.Word:
		if t.Norm == "'s" || t.Norm == "'" {
			return 0, false
		}
		return hashWord(stem(t.Norm)), true
	case text.Number:
		if isYear(t.Norm) {
			return keyYear, true
		}
		return keyNumber, true
	case text.Percent:
		switch t.Norm[0] {
		case '+':
			return keyPctUp, true
		case '-':
			return keyPctDown, true
		}
		return keyPercent, true
	case text.Money:
		return keyMoney, true
	case text.Cashtag:
		return keyCashtag, true
	case text.Punct:
		if t.Norm == "?" || t.Norm == "!" {
			return hashString(t.Norm), true
		}
	}
	return 0, false
}

func isYear(s string) bool {
	return len(s) == 4 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20"))
}

// clauseBreaks are punctuation marks that end a clause.
var clauseBreaks = map[string]bool{
	",": true, ";": true, ":": true, "-": true, "|": true, "(": true, ")": true,
	"[": true, "]": true, ".": true, "?": true, "!": true, "/": true,
}

// asNotClause lists words after which "as" does not start a clause
// ("as much as", "as well").
var asNotClause = map[string]bool{
	"much": true, "many": true, "well": true, "per": true, "part": true, "of": true,
	"low": true, "high": true, "long": true, "far": true, "soon": true, "a": true,
	"an": true, "the": true, "usual": true, "expected": true, "such": true,
}

// isClauseBreak reports whether token i starts a new clause.
func isClauseBreak(toks []text.Token, i int, contrast bool) bool {
	t := &toks[i]
	if t.Kind == text.Punct {
		return clauseBreaks[t.Norm]
	}
	if contrast {
		return true
	}
	if t.Norm == "as" && i > 0 && i+1 < len(toks) && toks[i-1].Kind == text.Word {
		return !asNotClause[toks[i+1].Norm]
	}
	return false
}

// numberValue parses a Number, Money or Percent token with an optional
// scale word after it ("8.7 mn", "Rs 500 crore", "3.6%"), for comparing
// "from X to Y" and "X vs Y".
func numberValue(toks []text.Token, i int) (float64, bool) {
	t := &toks[i]
	if t.Kind != text.Number && t.Kind != text.Money && t.Kind != text.Percent {
		return 0, false
	}
	s := strings.TrimRight(strings.TrimLeft(t.Norm, "$€£¥₹+"), "%")
	scale := 1.0
	for _, sfx := range []struct {
		s string
		v float64
	}{{"bn", 1e9}, {"b", 1e9}, {"mn", 1e6}, {"m", 1e6}, {"k", 1e3}, {"cr", 1e7}} {
		if strings.HasSuffix(s, sfx.s) {
			s, scale = strings.TrimSuffix(s, sfx.s), sfx.v
			break
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, false
	}
	if i+1 < len(toks) {
		switch toks[i+1].Norm {
		case "bn", "billion", "bln":
			scale = 1e9
		case "mn", "million", "mln", "m":
			scale = 1e6
		case "crore", "cr":
			scale = 1e7
		case "lakh":
			scale = 1e5
		case "cents", "cent":
			if t.Kind == text.Number {
				scale = 0.01
			}
		}
	}
	return v * scale, true
}
