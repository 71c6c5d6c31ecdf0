package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tickerwire/tickerwire/entity/internal/names"
	"github.com/tickerwire/tickerwire/text"
)

// cueWindow is how many tokens either side of a candidate are searched for
// company cue words.
const cueWindow = 8

// check tests a trie entry against the tokens [i, end) it matched and says
// what the match still needs; ok is false when it cannot count at all.
// Unless the sentence is shouting (mostly capitals), an ambiguous word
// written in capitals is an abbreviation, not the company ("SNAP benefits"
// is not Snap).
func (l *Linker) check(e entry, toks []text.Token, i, end int, shouting bool) (need, bool) {
	span := toks[i:end]
	if e.flags&needUpper != 0 && !allUpper(span) {
		return 0, false
	}
	if e.flags&(needCapital|ambiguous) != 0 && !capitalised(span) {
		return 0, false
	}
	if e.flags&(ambiguous|needUpper) == ambiguous && !shouting && len(span) == 1 && isCapsWord(span[0].Text) {
		return 0, false
	}
	switch {
	case e.flags&surname != 0:
		return needFullName, true
	case e.flags&ambiguous != 0:
		return needContext, true
	case e.flags&plainWords != 0 && isTitleCase(toks):
		return needContext, true
	}
	return needNothing, true
}

// isCapsWord reports whether a word of two or more letters is written
// entirely in capitals ("IT", "SNAP").
func isCapsWord(w string) bool {
	return len(w) >= 2 && strings.IndexFunc(w, unicode.IsLower) < 0 && strings.IndexFunc(w, unicode.IsLetter) >= 0
}

// allUpper reports whether no token of span has a lower-case letter.
func allUpper(span []text.Token) bool {
	for _, t := range span {
		if strings.IndexFunc(t.Text, unicode.IsLower) >= 0 {
			return false
		}
	}
	return true
}

// smallNameWords may stay lower case inside a capitalised name.
var smallNameWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "de": true, "&": true, "in": true, "on": true}

// capitalised reports whether every word of span starts with a capital
// letter or a digit, small words such as "of" aside.
func capitalised(span []text.Token) bool {
	for k, t := range span {
		if t.Kind != text.Word || k > 0 && smallNameWords[t.Norm] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// hasCue reports whether a company cue is within cueWindow tokens of
// [start, end) (a cue word, an amount, a percentage or a cashtag) or a
// subject verb follows it directly ("Amazon said").
func (l *Linker) hasCue(toks []text.Token, start, end int) bool {
	if end < len(toks) && l.ctx.subject[toks[end].Norm] {
		return true
	}
	lo, hi := max(0, start-cueWindow), min(len(toks), end+cueWindow)
	for k := lo; k < hi; k++ {
		if k >= start && k < end {
			continue
		}
		switch t := &toks[k]; t.Kind {
		case text.Money, text.Percent, text.Cashtag:
			return true
		case text.Word:
			if l.ctx.cues[t.Norm] {
				return true
			}
		}
	}
	return false
}

// senseWindow is how many tokens either side of an ambiguous name are
// searched for words of its other sense.
const senseWindow = 3

// otherSense reports whether a word of a non-company sense is near
// [start, end): "deforestation in the Amazon", "Apple orchards".
func (l *Linker) otherSense(toks []text.Token, start, end int) bool {
	if end == start+1 && afterGivenName(toks, start) {
		return true
	}
	lo, hi := max(0, start-senseWindow), min(len(toks), end+senseWindow)
	for k := lo; k < hi; k++ {
		if (k < start || k >= end) && toks[k].Kind == text.Word && l.ctx.senses[toks[k].Norm] {
			return true
		}
	}
	return false
}

// afterGivenName reports whether the one-word name at token i follows a
// capitalised word that reads as a given name ("Jennifer Williams",
// "Harrison Ford", "Abraham Lincoln"): letters only, not in capitals, not
// a common word ("For Target, ..."), in a sentence that is not title case
// (where every word has a capital).
func afterGivenName(toks []text.Token, i int) bool {
	if i == 0 {
		return false
	}
	p := toks[i-1]
	if p.Kind != text.Word || len(p.Text) < 2 || !p.IsUpper() || isCapsWord(p.Text) || names.IsCommon(p.Norm) {
		return false
	}
	for _, r := range p.Text {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return !isTitleCase(toks)
}

// isTitleCase reports whether a sentence is written in title case, as
// headlines often are, so that capitals say nothing about names.
func isTitleCase(toks []text.Token) bool {
	words, caps := 0, 0
	for k, t := range toks {
		if k == 0 || t.Kind != text.Word || len(t.Text) < 4 {
			continue
		}
		words++
		if t.IsUpper() {
			caps++
		}
	}
	return words >= 3 && caps*4 >= words*3
}

// isShouting reports whether most words of a sentence are in capitals, in
// which case a capitalised word is no sign of a ticker.
func isShouting(toks []text.Token) bool {
	words, upper := 0, 0
	for _, t := range toks {
		if t.Kind != text.Word || len(t.Text) < 2 {
			continue
		}
		words++
		if strings.IndexFunc(t.Text, unicode.IsLower) < 0 {
			upper++
		}
	}
	return words >= 3 && upper*5 >= words*3
}

// bareTicker reads a ticker written without "$" at token i: in capitals,
// two or more characters, not a common word, abbreviation or corporate
// suffix ("AB", "ASA"), known to the master. "BRK.B" (three tokens) and "BRK-B" are read as one ticker.
func (l *Linker) bareTicker(toks []text.Token, i int) (end int, id int32, ok bool) {
	t := toks[i]
	if t.Kind != text.Word || len(t.Text) < 2 || len(t.Text) > 7 || !isTickerShape(t.Text) {
		return 0, 0, false
	}
	if names.IsCommon(t.Norm) || l.ctx.notTickers[t.Text] || names.IsSuffixWord(t.Norm) {
		return 0, 0, false
	}
	sym, end := classSuffix(toks, i)
	id, ok = l.tickers[sym]
	return end, id, ok
}

// isTickerShape reports whether s is capital letters and digits, starting
// with a letter, with at most one inner dash.
func isTickerShape(s string) bool {
	if s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for k := 1; k < len(s); k++ {
		c := s[k]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' && k < len(s)-1) {
			return false
		}
	}
	return true
}

// classSuffix joins a class letter written after a dot ("BRK" "." "B")
// to the ticker at i; it returns the canonical ticker and the end token.
func classSuffix(toks []text.Token, i int) (string, int) {
	t := toks[i]
	if i+2 < len(toks) {
		dot, cls := toks[i+1], toks[i+2]
		if dot.Text == "." && dot.Start == t.End && cls.Start == dot.End && len(cls.Text) == 1 && cls.Text[0] >= 'A' && cls.Text[0] <= 'Z' {
			return t.Text + "-" + cls.Text, i + 3
		}
	}
	return t.Text, i + 1
}

// exchangeForm reads "NASDAQ: AMZN", "NYSE:F" or "NYSE American: XYZ" at
// token i and returns the end token and the company; id is -1 for a known
// ticker form of a foreign exchange ("TSE:DOO"), which links to nothing.
func (l *Linker) exchangeForm(toks []text.Token, i int) (end int, id int32, ok bool) {
	if !(i+1 < len(toks) && toks[i+1].Text == ":" || i+2 < len(toks) && toks[i+2].Text == ":") {
		return 0, 0, false
	}
	j := i + 1
	us, known := false, false
	if i+1 < len(toks) {
		us, known = l.ctx.exchanges[pair{toks[i].Norm, toks[i+1].Norm}]
		j = i + 2
	}
	if !known {
		us, known = l.ctx.exchanges[pair{toks[i].Norm, ""}]
		j = i + 1
	}
	if !known || j+1 >= len(toks) || toks[j].Text != ":" || toks[j+1].Kind != text.Word || !isTickerShape(toks[j+1].Text) {
		return 0, 0, false
	}
	sym, end := classSuffix(toks, j+1)
	if !us {
		return end, -1, true
	}
	id, ok = l.tickers[sym]
	return end, id, ok
}

// isSuffix reports whether a token's norm is a corporate suffix.
func isSuffix(norm string) bool {
	return names.IsSuffixWord(strings.ReplaceAll(norm, ".", ""))
}
