// Package text splits article text into sentences and tokens. It is the one
// tokenizer of Tickerwire: entity linking, sentiment, topics and summaries all
// read the tokens it produces, so they agree on offsets and normalisation.
//
// The tokenizer knows financial text: cashtags ($AMZN), amounts ("$1.2bn",
// "EUR131m", "Rs 500 crore"), percentages ("12%", "-3.5%"), abbreviations
// ("U.S.", "Inc.", "Dec. 31") and possessives ("Amazon's").
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word    Kind = iota // letters, possibly with digits, '-', '&', '.' inside (U.S., AT&T, H100)
	Number              // 12, 1,200.50, 1.2bn, 3x, 2026
	Percent             // 12%, -3.5%
	Money               // $1.2, €5bn, EUR131m, USD 5 (the currency part only when attached)
	Cashtag             // $AMZN, $BRK.B
	Punct               // . , ; : ! ? ( ) " ' and other single marks
	Symbol              // anything else (emoji, math signs)
)

var kindNames = [...]string{"word", "number", "percent", "money", "cashtag", "punct", "symbol"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Token is one token of a text.
type Token struct {
	// Text is the token exactly as in the source.
	Text string
	// Norm is Text lower-cased, with curly quotes, apostrophes and dashes
	// folded to ASCII. It shares memory with Text when nothing changes.
	Norm string
	// Start and End are byte offsets of Text in the string that was
	// tokenized (plus the base given to AppendTokens).
	Start, End int
	Kind       Kind
}

// IsUpper reports whether the token starts with an upper-case letter.
func (t Token) IsUpper() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// Tokenize splits s into tokens. Offsets are relative to s.
func Tokenize(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/5+1), s, 0)
}

// AppendTokens appends the tokens of s to dst and returns the extended slice;
// offsets are shifted by base. Reusing dst avoids allocations on hot paths.
func AppendTokens(dst []Token, s string, base int) []Token {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			i += size
			continue
		}
		end, kind := scan(s, i, r, size)
		dst = append(dst, Token{Text: s[i:end], Norm: normalize(s[i:end]), Start: base + i, End: base + end, Kind: kind})
		i = end
	}
	return dst
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == 0xa0 || unicode.IsSpace(r)
}

// scan returns the end of the token starting at i with first rune r.
func scan(s string, i int, r rune, size int) (int, Kind) {
	switch {
	case r == '$' || r == '€' || r == '£' || r == '¥' || r == '₹':
		return scanCurrency(s, i, size)
	case r < utf8.RuneSelf && isDigit(byte(r)):
		return scanNumber(s, i)
	case (r == '-' || r == '+' || r == '.') && i+size < len(s) && isDigit(s[i+size]) && startsNumber(s, i):
		return scanNumber(s, i+size)
	case r == '\'' || r == '’':
		if end, ok := scanClitic(s, i, size); ok {
			return end, Word
		}
		return i + size, Punct
	case unicode.IsLetter(r):
		return scanWord(s, i)
	case r == '.' && strings.HasPrefix(s[i:], "..."):
		return i + 3, Punct
	case unicode.IsPunct(r):
		return i + size, Punct
	}
	return i + size, Symbol
}

// startsNumber reports whether a sign or dot at i begins a number rather than
// joining two words ("-3.5%" at a word boundary, not "Q3-2026").
func startsNumber(s string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return isSpace(prev) || prev == '(' || prev == '/' || prev == '"' || prev == '“'
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func isAlpha(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// scanCurrency handles "$AMZN" (cashtag), "$1.2bn" (money) and a lone "$".
func scanCurrency(s string, i, size int) (int, Kind) {
	j := i + size
	if j < len(s) && isDigit(s[j]) {
		end, _ := scanNumber(s, j)
		return end, Money
	}
	if s[i] == '$' && j < len(s) && isAlpha(s[j]) {
		k := j
		for k < len(s) && isAlpha(s[k]) && k-j < 6 {
			k++
		}
		// Class shares: $BRK.B, $BF-B.
		if k+1 < len(s) && (s[k] == '.' || s[k] == '-') && isAlpha(s[k+1]) && (k+2 == len(s) || !isAlpha(s[k+2])) {
			k += 2
		}
		if k == len(s) || !isWordByte(s[k]) {
			return k, Cashtag
		}
	}
	return j, Symbol
}

func isWordByte(b byte) bool { return isAlpha(b) || isDigit(b) || b == '_' }

// scanNumber reads digits with inner separators, an optional percent sign or
// a magnitude suffix ("bn", "mn", "m", "k", "x", "crore" is a separate word).
func scanNumber(s string, i int) (int, Kind) {
	j := i
	for j < len(s) {
		c := s[j]
		if isDigit(c) {
			j++
			continue
		}
		if (c == ',' || c == '.') && j+1 < len(s) && isDigit(s[j+1]) {
			j++
			continue
		}
		break
	}
	if j < len(s) && s[j] == '%' {
		return j + 1, Percent
	}
	if strings.HasPrefix(s[j:], " percent") || strings.HasPrefix(s[j:], " per cent") {
		return j, Percent
	}
	// Attached suffixes: 1.2bn, 5m, 3x, 10K, 2Q, 4th, 100mn, 1990s.
	k := j
	for k < len(s) && isAlpha(s[k]) && k-j < 8 {
		k++
	}
	if k > j && (k == len(s) || !isWordByte(s[k])) && isNumberSuffix(strings.ToLower(s[j:k])) {
		return k, Number
	}
	if k > j && (k == len(s) || !isWordByte(s[k])) {
		// Alphanumeric model names such as "737MAX" or "5G" are words.
		return k, Word
	}
	return j, Number
}

var numberSuffixes = map[string]bool{
	"k": true, "m": true, "mn": true, "mln": true, "b": true, "bn": true, "bln": true, "t": true, "tn": true,
	"x": true, "st": true, "nd": true, "rd": true, "th": true, "s": true, "cr": true, "pct": true, "bp": true,
	"bps": true, "mw": true, "gw": true, "kg": true, "km": true,
}

func isNumberSuffix(s string) bool { return numberSuffixes[s] }

// scanClitic reads "'s", "'re", "n't"-style endings split off a word.
func scanClitic(s string, i, size int) (int, bool) {
	j := i + size
	k := j
	for k < len(s) && isAlpha(s[k]) && k-j < 3 {
		k++
	}
	if k == j || (k < len(s) && isWordByte(s[k])) {
		return 0, false
	}
	switch strings.ToLower(s[j:k]) {
	case "s", "re", "ve", "ll", "d", "m":
		return k, true
	}
	return 0, false
}

// scanWord reads letters and digits, keeping inner '-', '&', '.', '/' and
// apostrophes that join word parts (AT&T, U.S., H-1B, don't). A trailing
// possessive "'s" is left for the next token.
func scanWord(s string, i int) (int, Kind) {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			j += size
			continue
		}
		if j+size < len(s) && joinsWord(s, j, r, size) {
			j += size
			continue
		}
		break
	}
	if end, ok := abbreviationEnd(s, i, j); ok {
		return end, Word
	}
	return j, Word
}

// joinsWord reports whether r at j continues the word it follows.
func joinsWord(s string, j int, r rune, size int) bool {
	next, _ := utf8.DecodeRuneInString(s[j+size:])
	nextWord := unicode.IsLetter(next) || unicode.IsDigit(next)
	switch r {
	case '-', '&', '_':
		return nextWord
	case '\'', '’':
		// don't, isn't, O'Neil; but not the possessive 's.
		if !nextWord {
			return false
		}
		rest := strings.ToLower(s[j+size:])
		if strings.HasPrefix(rest, "s") && (len(rest) == 1 || !isWordByte(rest[1])) {
			return false
		}
		return true
	case '.':
		// U.S., e.g., i.e. and web names (Amazon.com) keep their inner dots.
		return unicode.IsLetter(next) && (isInitialDot(s, j) || isDomainTail(s[j+size:]))
	}
	return false
}

// isInitialDot reports whether the dot at j follows a single letter (U.S.).
func isInitialDot(s string, j int) bool {
	if j < 1 || !isAlpha(s[j-1]) {
		return false
	}
	return j == 1 || !isWordByte(s[j-2]) || s[j-2] == '.'
}

func isDomainTail(s string) bool {
	for _, tld := range []string{"com", "net", "org", "io", "ai", "co"} {
		if strings.HasPrefix(strings.ToLower(s), tld) && (len(s) == len(tld) || !isWordByte(s[len(tld)])) {
			return true
		}
	}
	return false
}

// abbreviationEnd extends a word over its final dot when the word is an
// initialism ending in a dot ("U.S.", "e.g.").
func abbreviationEnd(s string, i, j int) (int, bool) {
	if j >= len(s) || s[j] != '.' {
		return 0, false
	}
	w := s[i:j]
	if strings.Count(w, ".") > 0 && len(w) <= 6 && isInitialDot(s, j) {
		return j + 1, true
	}
	return 0, false
}

var folder = strings.NewReplacer("’", "'", "‘", "'", "“", "\"", "”", "\"", "–", "-", "—", "-", "‐", "-", "′", "'")

// normalize lower-cases s and folds typographic punctuation to ASCII.
func normalize(s string) string {
	ascii := true
	upper := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if ascii {
		if !upper {
			return s
		}
		return strings.ToLower(s)
	}
	return strings.ToLower(folder.Replace(s))
}
