// Package names knows how companies are named: the legal filer names of the
// SEC ("AMAZON COM INC", "BANK OF AMERICA CORP /DE/") and the names people
// write ("Amazon.com", "Bank of America"). The linker and the generator of
// the security master share it, so both read names the same way.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Display turns a legal or index name into the name people write: filing
// tags ("/DE/", "/ADR") and parenthetical notes ("(Class A)") go, corporate
// suffixes (Inc, Corp, Co, Ltd, plc, Holdings, Group, N.V., ...) are
// stripped, but Corporation, Company, Group or Holdings stay after a single
// common word ("Target Corporation", "Southern Company"), names written in
// capitals are title-cased with
// acronyms kept ("ADVANCED MICRO DEVICES INC" -> "Advanced Micro Devices",
// "CVS HEALTH CORP" -> "CVS Health") and a trailing "COM" is joined
// ("AMAZON COM INC" -> "Amazon.com"). It returns "" for an empty name.
func Display(name string) string {
	toks := stripSuffixes(fields(name), true)
	if allCaps(toks) {
		for i, t := range toks {
			toks[i] = titleWord(t, i == 0)
		}
	}
	return strings.Join(joinDotCom(toks), " ")
}

// Short strips every corporate suffix from a display name, even when a
// single common word remains: "Target Corporation" -> "Target". The result
// is how a company is named in running text; it may be an ordinary word.
func Short(name string) string {
	return strings.Join(joinDotCom(stripSuffixes(fields(name), false)), " ")
}

// Key returns the lookup key of a name: its letters and digits in lower
// case, without corporate suffixes or a leading "the", with "&" read as
// "and". Names that differ only in form share a key: "AMAZON COM INC",
// "Amazon.com, Inc." and "amazon.com" all give "amazoncom".
func Key(name string) string {
	toks := stripSuffixes(fields(name), false)
	var b strings.Builder
	for _, t := range toks {
		for _, r := range t {
			switch {
			case r == '&':
				b.WriteString("and")
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(unicode.ToLower(r))
			}
		}
	}
	return b.String()
}

// folder folds typographic marks and spells "A/S" so that the slash is not
// read as a filing tag.
var folder = strings.NewReplacer("’", "'", "–", "-", "—", "-", " A/S", " A S")

// fields splits a name into words after removing filing tags and
// parenthetical notes, and moving a bracketed first name to the front
// ("Lilly (Eli)" -> "Eli Lilly").
func fields(name string) []string {
	name = folder.Replace(name)
	name = stripTags(strings.TrimSpace(name))
	var front string
	for {
		open := strings.IndexByte(name, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(name[open:], ')')
		if end < 0 {
			name = name[:open]
			break
		}
		note := strings.TrimSpace(name[open+1 : open+end])
		if isGivenName(note, name[:open]) {
			front = note
		}
		name = name[:open] + " " + name[open+end+1:]
	}
	out := strings.Fields(name)
	if front != "" {
		out = append([]string{front}, out...)
	}
	return out
}

// stripTags removes trailing filing tags such as " /DE/", "/NEW", "/ADR"
// and "/Cayman Islands".
func stripTags(s string) string {
	for {
		s = strings.TrimRight(s, " ")
		cut := strings.TrimSuffix(s, "/")
		slash := strings.LastIndexByte(cut, '/')
		if slash < 0 {
			return cut
		}
		tag := cut[slash+1:]
		if tag == "" || len(tag) > 16 || strings.IndexFunc(tag, func(r rune) bool { return !unicode.IsLetter(r) && r != ' ' }) >= 0 {
			return cut
		}
		s = cut[:slash]
	}
}

// isGivenName reports whether a parenthetical note is a first name placed
// after a one-word surname, as index lists write "Lilly (Eli)".
func isGivenName(note, before string) bool {
	if len(strings.Fields(before)) != 1 || strings.ContainsRune(note, ' ') || note == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(note)
	return unicode.IsUpper(r) && !strings.EqualFold(note, "the")
}

// allCaps reports whether no word has a lower-case letter.
func allCaps(toks []string) bool {
	for _, t := range toks {
		if strings.IndexFunc(t, unicode.IsLower) >= 0 {
			return false
		}
	}
	return true
}

// joinDotCom joins a trailing "COM" to the word before: "Amazon.com".
func joinDotCom(toks []string) []string {
	n := len(toks)
	if n >= 2 && strings.EqualFold(toks[n-1], "com") {
		toks[n-2] += ".com"
		return toks[:n-1]
	}
	return toks
}
