package extract

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

//go:embed data/boilerplate.txt
var boilerplateFile string

// boilerplate holds the lists of data/boilerplate.txt.
type boilerplate struct {
	line, cut             map[string]bool
	prefix                []string
	contains, bioContains [][]string // each entry: parts that must all occur
	bioRoles              []string
}

// Paragraphs longer than these bytes are never taken for boilerplate of the
// matching kind: real paragraphs can quote such phrases.
const (
	maxPrefixed = 200
	maxContains = 300
	maxBio      = 400
)

// loadBoilerplate returns the parsed data/boilerplate.txt.
var loadBoilerplate = loadOnce(parseBoilerplate, boilerplateFile)

// parseBoilerplate reads the lists of data/boilerplate.txt.
func parseBoilerplate(src string) (*boilerplate, error) {
	l, err := readLists("boilerplate.txt", src, "line", "prefix", "contains", "cut", "bio-role", "bio-contains")
	if err != nil {
		return nil, err
	}
	b := &boilerplate{
		line:        set(l["line"]),
		cut:         set(l["cut"]),
		prefix:      l["prefix"],
		bioRoles:    l["bio-role"],
		contains:    splitParts(l["contains"]),
		bioContains: splitParts(l["bio-contains"]),
	}
	return b, nil
}

// splitParts splits entries of the form "a & b" into their parts.
func splitParts(entries []string) [][]string {
	out := make([][]string, 0, len(entries))
	for _, e := range entries {
		var parts []string
		for _, part := range strings.Split(e, "&") {
			parts = append(parts, strings.TrimSpace(part))
		}
		out = append(out, parts)
	}
	return out
}

// key is how a paragraph is compared with the lists: lower-case, trimmed of
// spaces and final punctuation, runs of digits read as "0".
func key(p string) string {
	k := plainKey(p)
	if strings.IndexAny(k, "0123456789") < 0 {
		return k
	}
	var b strings.Builder
	digits := false
	for _, r := range k {
		if r >= '0' && r <= '9' {
			if !digits {
				b.WriteByte('0')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	return b.String()
}

// plainKey is p lower-case, trimmed of spaces and final punctuation: how
// repeated paragraphs are recognised.
func plainKey(p string) string {
	return strings.ToLower(strings.TrimRightFunc(strings.TrimSpace(p), func(r rune) bool {
		return unicode.IsPunct(r) && r != ')' || unicode.IsSpace(r)
	}))
}

func containsAll(s string, parts []string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// isBoilerplate reports whether paragraph p, on its own, is not article
// text: "Advertisement", "Share this article", "Related: ...", spam-filter
// notices and the like.
func (b *boilerplate) isBoilerplate(p string) bool {
	if len(p) > maxContains+50 {
		return false // every list below is for short paragraphs
	}
	k := key(p)
	if b.line[k] {
		return true
	}
	if len(k) <= maxPrefixed {
		for _, pre := range b.prefix {
			if strings.HasPrefix(k, pre) {
				return true
			}
		}
	}
	if len(k) <= maxContains {
		for _, parts := range b.contains {
			if containsAll(k, parts) {
				return true
			}
		}
	}
	return false
}

// isBio reports whether p reads as an author bio or contact line:
// "Jane Doe is a reporter at ...", "Jane Doe, a senior editor, ...",
// "Follow her on Twitter".
func (b *boilerplate) isBio(p string) bool {
	if len(p) > maxBio {
		return false
	}
	k := strings.ToLower(p)
	for _, parts := range b.bioContains {
		if containsAll(k, parts) {
			return true
		}
	}
	name, rest, ok := leadingName(p)
	if !ok || name == "" {
		return false
	}
	rest = strings.ToLower(rest)
	for _, verb := range []string{"is a ", "is an ", "is the ", ", a ", ", an ", " is a ", "has been a ", "was a ", "covers ", "writes about ", "reports on "} {
		if !strings.HasPrefix(rest, strings.TrimLeft(verb, " ")) {
			continue
		}
		for _, role := range b.bioRoles {
			if strings.Contains(rest, role) {
				return true
			}
		}
		return strings.HasPrefix(rest, "covers ") || strings.HasPrefix(rest, "writes about ") || strings.HasPrefix(rest, "reports on ")
	}
	return false
}

// leadingName splits p after a name of one to four capitalised words and
// returns the rest with the space after the name removed.
func leadingName(p string) (name, rest string, ok bool) {
	words := 0
	i := 0
	for i < len(p) && words < 5 {
		r, _ := utf8.DecodeRuneInString(p[i:])
		if !unicode.IsUpper(r) {
			break
		}
		j := strings.IndexAny(p[i:], " ,")
		if j < 0 {
			return "", "", false
		}
		i += j
		words++
		if p[i] == ',' {
			break
		}
		i++
	}
	if words == 0 || words > 4 {
		return "", "", false
	}
	return strings.TrimSpace(p[:i]), strings.TrimLeft(p[i:], " "), true
}

// clean drops boilerplate from paragraphs: single boilerplate lines, the
// title repeated at the top, repeated paragraphs (sub-headings shown twice,
// pull quotes), end matter after a "Related"/"Comments" heading, and author
// bios at the end. paras is modified in place and returned shortened.
func (b *boilerplate) clean(paras []string, title string) []string {
	paras = b.cutEndMatter(paras)
	seen := make(map[string]bool, len(paras))
	tk := plainKey(title)
	out := paras[:0]
	for i, p := range paras {
		switch {
		case strings.TrimSpace(p) == "":
		case i < 3 && len(p) < 2*len(title)+10 && plainKey(p) == tk:
		case i < 3 && isByline(p):
		case seen[p]:
		case b.isBoilerplate(p) || isDateLine(p):
		default:
			seen[p] = true
			out = append(out, p)
		}
	}
	for len(out) > 1 && b.isBio(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return out
}

// isByline reports whether p is a byline such as "By Jane Doe" or "By
// Reuters", which heads an article but is not part of its text.
func isByline(p string) bool {
	if len(p) > 60 {
		return false
	}
	k := strings.ToLower(p)
	return strings.HasPrefix(k, "by ") && !strings.ContainsAny(p, ".!?")
}

// isDateLine reports whether p is a date and little else ("Published Nov.
// 19, 2019 10:08 AM ET"): a dateline of the page, not of the text.
func isDateLine(p string) bool {
	if len(p) > 100 {
		return false
	}
	if _, ok := findDate(p, false); !ok {
		return false
	}
	months := loadMonths()
	words := 0
	for _, t := range writtenTokens(p) {
		if t.num < 0 && utf8.RuneCountInString(t.text) >= 3 && months[t.text] == 0 {
			words++
		}
	}
	return words <= 2
}

// cutEndMatter drops everything from a heading such as "Related stories" or
// "Leave a comment", when it comes in the second half of the text.
func (b *boilerplate) cutEndMatter(paras []string) []string {
	total := 0
	for _, p := range paras {
		total += len(p)
	}
	seen := 0
	for i, p := range paras {
		if seen > total/2 && len(p) < 60 && b.cut[key(p)] {
			return paras[:i]
		}
		seen += len(p)
	}
	return paras
}
