package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a document.
type Sentence struct {
	// Text is the sentence as in the document, trimmed of surrounding space.
	Text string
	// Start and End are byte offsets of Text in the document.
	Start, End int
	// Para is the index of the paragraph (or list item) the sentence is in;
	// in an article's Text() the title is paragraph 0.
	Para int
	// Tokens are the sentence's tokens with document offsets. All sentences
	// of one Split share one backing array: do not append to Tokens.
	Tokens []Token
}

// Split divides doc into paragraphs (blank lines, list items, headings) and
// each paragraph into sentences. It never returns an empty sentence.
func Split(doc string) []Sentence {
	toks := make([]Token, 0, len(doc)/5+1)
	var out []Sentence
	for pi, p := range paragraphs(doc) {
		first := len(toks)
		toks = AppendTokens(toks, doc[p.start:p.end], p.start)
		out = appendSentences(out, doc, toks[first:len(toks):len(toks)], pi)
	}
	return out
}

type span struct{ start, end int }

// paragraphs returns the spans of the paragraphs of doc. A paragraph ends at
// a blank line, before a list item, and after a line that reads as a heading
// or ends a sentence; other single line breaks are wrapped text.
func paragraphs(doc string) []span {
	var out []span
	start := -1
	prevHard, prevSoft := false, false
	for pos := 0; pos < len(doc); {
		nl := strings.IndexByte(doc[pos:], '\n')
		lineEnd := len(doc)
		if nl >= 0 {
			lineEnd = pos + nl
		}
		line := strings.TrimSpace(doc[pos:lineEnd])
		switch {
		case line == "":
			if start >= 0 {
				out = append(out, trimSpan(doc, start, pos))
				start = -1
			}
		case start >= 0 && (prevHard || prevSoft && opensLine(line) || isListItem(line)):
			out = append(out, trimSpan(doc, start, pos))
			start = pos
		case start < 0:
			start = pos
		}
		if line != "" {
			prevHard, prevSoft = endsLine(line)
		}
		pos = lineEnd + 1
	}
	if start >= 0 {
		if s := trimSpan(doc, start, len(doc)); s.end > s.start {
			out = append(out, s)
		}
	}
	return out
}

func trimSpan(doc string, start, end int) span {
	for start < end && isSpaceByte(doc[start]) {
		start++
	}
	for end > start && isSpaceByte(doc[end-1]) {
		end--
	}
	return span{start, end}
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// isListItem reports whether a line starts with a bullet or an item number.
func isListItem(line string) bool {
	r, size := utf8.DecodeRuneInString(line)
	switch r {
	case '•', '·', '▪', '●', '◦', '–', '—':
		return true
	case '-', '*', '+':
		return size < len(line) && line[size] == ' '
	}
	i := 0
	for i < len(line) && i < 3 && isDigit(line[i]) {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}

// endsLine reports whether a line closes its paragraph: hard when it ends a
// sentence; soft when it is short and unpunctuated like a heading, which
// closes the paragraph only if the next line opens a new one.
func endsLine(line string) (hard, soft bool) {
	last, _ := utf8.DecodeLastRuneInString(line)
	switch last {
	case '.', '!', '?', ':', '"', '”', ')':
		return true, false
	}
	return false, utf8.RuneCountInString(line) < 70 && !strings.ContainsAny(line[len(line)-1:], ",;-")
}

// opensLine reports whether a line starts like a new paragraph.
func opensLine(line string) bool {
	r, _ := utf8.DecodeRuneInString(line)
	return !unicode.IsLower(r)
}

// appendSentences splits one paragraph's tokens into sentences.
func appendSentences(out []Sentence, doc string, toks []Token, para int) []Sentence {
	begin := 0
	for i := 0; i < len(toks); i++ {
		if isItemNumber(toks, begin, i) || !endsSentence(toks, i) {
			continue
		}
		end := i + 1
		for end < len(toks) && isCloser(toks[end].Text) && toks[end].Start == toks[end-1].End {
			end++
		}
		out = appendSentence(out, doc, toks[begin:end], para)
		begin = end
		i = end - 1
	}
	if begin < len(toks) {
		out = appendSentence(out, doc, toks[begin:], para)
	}
	return out
}

func appendSentence(out []Sentence, doc string, toks []Token, para int) []Sentence {
	if len(toks) == 0 {
		return out
	}
	start, end := toks[0].Start, toks[len(toks)-1].End
	return append(out, Sentence{Text: doc[start:end], Start: start, End: end, Para: para, Tokens: toks})
}

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

// endsSentence decides whether token i closes a sentence.
func endsSentence(toks []Token, i int) bool {
	t := toks[i]
	next := nextWordAfter(toks, i)
	switch {
	case t.Text == "!" || t.Text == "?":
		return next < 0 || startsSentence(toks[next])
	case t.Text == "." || t.Text == "...":
		if next < 0 {
			return true
		}
		if i > 0 && toks[i-1].End == t.Start && isAbbreviation(toks[i-1]) {
			return isStarter(toks[next]) || toks[next].Kind == Cashtag
		}
		return startsSentence(toks[next])
	case t.Kind == Word && strings.HasSuffix(t.Text, ".") && next >= 0:
		// Initialisms that swallowed the full stop: "... in the U.S. The ..."
		return isStarter(toks[next])
	}
	return false
}

// isItemNumber reports whether token i is the dot of a list number ("1.")
// opening the sentence that starts at begin.
func isItemNumber(toks []Token, begin, i int) bool {
	return i == begin+1 && toks[begin].Kind == Number && toks[i].Text == "."
}

// nextWordAfter returns the index of the first token after i that is not a
// closing quote or bracket attached to the token before it, or -1.
func nextWordAfter(toks []Token, i int) int {
	for j := i + 1; j < len(toks); j++ {
		if !isCloser(toks[j].Text) || toks[j].Start != toks[j-1].End {
			return j
		}
	}
	return -1
}

// startsSentence reports whether t can open a sentence.
func startsSentence(t Token) bool {
	switch t.Kind {
	case Number, Percent, Money, Cashtag:
		return true
	case Punct:
		return t.Text == "\"" || t.Text == "“" || t.Text == "(" || t.Text == "'" || t.Text == "‘"
	}
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// abbreviations that are followed by a full stop without ending a sentence,
// unless the next word is a clear sentence starter.
var abbreviations = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "llc": true, "bhd": true, "cos": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "st": true, "jr": true, "sr": true, "vs": true, "etc": true, "no": true, "nos": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "est": true, "ave": true, "fig": true,
	"dept": true, "univ": true, "assn": true, "bros": true, "mt": true, "ft": true, "rs": true, "op": true,
	"vol": true, "pp": true, "cf": true, "al": true, "min": true, "max": true, "yr": true, "yrs": true,
}

func isAbbreviation(t Token) bool {
	if t.Kind != Word {
		return false
	}
	if abbreviations[t.Norm] {
		return true
	}
	// Single capital initials: "J. P. Morgan", "Jeffrey P. Bezos".
	return len(t.Text) == 1 && t.Text[0] >= 'A' && t.Text[0] <= 'Z'
}

// starters are words that open a new sentence even after an abbreviation.
var starters = map[string]bool{
	"the": true, "it": true, "its": true, "he": true, "she": true, "they": true, "we": true, "i": true,
	"this": true, "that": true, "these": true, "those": true, "but": true, "and": true, "in": true,
	"on": true, "at": true, "a": true, "an": true, "shares": true, "analysts": true, "however": true,
	"meanwhile": true, "there": true, "our": true, "his": true, "her": true, "their": true, "as": true,
	"for": true, "while": true, "if": true, "after": true, "since": true, "when": true, "what": true,
}

func isStarter(t Token) bool {
	return t.Kind == Word && t.IsUpper() && starters[t.Norm]
}
