package names

import (
	"strings"
	"unicode"
)

// smallWords stay in lower case inside a title-cased name.
var smallWords = map[string]bool{
	"of": true, "and": true, "the": true, "for": true, "in": true, "on": true, "at": true,
	"de": true, "du": true, "la": true, "le": true, "y": true, "to": true, "an": true,
}

// titleWord title-cases one word of a name written in capitals. Acronyms
// (IBM, HSBC, ASML), initials (U.S.), words with digits or "&" (3M, AT&T)
// stay in capitals; "MCKESSON" becomes "McKesson", "O'REILLY" "O'Reilly".
func titleWord(w string, first bool) string {
	lw := strings.ToLower(w)
	switch {
	case !first && smallWords[lw]:
		return lw
	case strings.ContainsAny(w, "&.0123456789") || lw == "us" || lw == "usa" || strings.IndexFunc(w, unicode.IsLetter) < 0:
		return w
	case IsSuffixWord(lw):
		return capitalise(lw)
	case isAcronym(lw):
		return w
	}
	parts := strings.FieldsFunc(lw, func(r rune) bool { return r == '-' })
	for i, p := range parts {
		parts[i] = capitalise(p)
	}
	return strings.Join(parts, "-")
}

// capitalise upper-cases the first letter of a lower-case word and the
// letter after a "Mc" or "O'" prefix.
func capitalise(p string) string {
	r := []rune(p)
	if len(r) == 0 {
		return p
	}
	r[0] = unicode.ToUpper(r[0])
	switch {
	case len(r) > 3 && r[0] == 'M' && r[1] == 'c':
		r[2] = unicode.ToUpper(r[2])
	case len(r) > 2 && r[1] == '\'':
		r[2] = unicode.ToUpper(r[2])
	}
	return string(r)
}

// isAcronym reports whether a lower-case word reads as letters spelled out
// rather than a word: without a vowel (HSBC, NRG), or of two or three
// letters, not a common word and not shaped like a syllable (IBM, AMD,
// KLA; but Lam, Eli, Rio).
func isAcronym(lw string) bool {
	for _, r := range lw {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	switch {
	case IsCommon(lw):
		return false
	case !strings.ContainsAny(lw, "aeiouy"):
		return true
	case len(lw) > 3:
		return false
	case len(lw) == 3:
		return !syllable(lw)
	}
	return true
}

// syllable reports whether a three-letter word reads as one or two
// syllables: consonant-vowel-consonant (Lam), vowel-consonant-vowel (Eli)
// or consonant-vowel-vowel (Rio).
func syllable(lw string) bool {
	v := func(i int) bool { return strings.IndexByte("aeiou", lw[i]) >= 0 }
	return !v(0) && v(1) && !v(2) || v(0) && !v(1) && v(2) || !v(0) && v(1) && v(2)
}
