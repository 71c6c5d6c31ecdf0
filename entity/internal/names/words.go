package names

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/words.txt
var wordsFile string

//go:embed data/suffixes.txt
var suffixesFile string

// common holds the common English words of data/words.txt.
var common = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 2500)
	for _, line := range dataLines(wordsFile) {
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
})

// suffixes holds the corporate suffixes of data/suffixes.txt, each split
// into words.
var suffixes = sync.OnceValue(func() [][]string {
	var out [][]string
	for _, line := range dataLines(suffixesFile) {
		out = append(out, strings.Fields(line))
	}
	return out
})

// suffixStarts holds the first word of every suffix.
var suffixStarts = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool)
	for _, suf := range suffixes() {
		m[suf[0]] = true
	}
	return m
})

// dataLines returns the non-empty lines of a data file without comments.
func dataLines(file string) []string {
	var out []string
	for _, line := range strings.Split(file, "\n") {
		if i := strings.IndexByte(line, '#'); i == 0 || i > 0 && line[i-1] == ' ' {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Data returns the embedded word lists, so that a user of the package can
// fold them into a version of its own data.
func Data() string { return wordsFile + suffixesFile }

// IsCommon reports whether w, in lower case, is a common English word
// (data/words.txt). It is safe for concurrent use.
func IsCommon(w string) bool { return common()[w] }

// partOfName are the suffixes kept in a display name when the rest of the
// name is a single common word: "Southern Company", "Booking Holdings",
// "News Corp" (whereas "Visa Inc." is shown as "Visa").
var partOfName = map[string]bool{
	"company": true, "companies": true, "holdings": true, "holding": true, "group": true,
	"corp": true, "corporation": true, "co": true,
}

// stripSuffixes removes corporate suffixes from the end of a name and a
// leading "The". With keepCommon it keeps a suffix that people say with a
// single common word ("Southern Company"); it never removes every word.
func stripSuffixes(toks []string, keepCommon bool) []string {
	if len(toks) > 1 && strings.EqualFold(toks[0], "the") {
		toks = toks[1:]
	}
	bares := make([]string, len(toks))
	for i, t := range toks {
		bares[i] = bare(t)
	}
	for {
		k := suffixLen(bares[:len(toks)])
		if k == 0 || k >= len(toks) {
			break
		}
		rest := toks[:len(toks)-k]
		if keepCommon && len(rest) == 1 && IsCommon(bares[0]) && partOfName[bares[len(toks)-1]] {
			break
		}
		toks = trimJoiners(rest)
	}
	if n := len(toks); n > 0 {
		toks[n-1] = strings.TrimRight(toks[n-1], ",;")
	}
	return toks
}

// IsSuffixWord reports whether a lower-case word without dots is a
// corporate suffix or the first word of one ("inc", "corp", "plc", "sab").
// It is safe for concurrent use.
func IsSuffixWord(lw string) bool { return suffixStarts()[lw] }

// suffixLen returns how many trailing words form a corporate suffix, or 0;
// bares are the words as bare returns them.
func suffixLen(bares []string) int {
	for _, suf := range suffixes() {
		n := len(suf)
		if n > len(bares) {
			continue
		}
		match := true
		for i, w := range suf {
			if bares[len(bares)-n+i] != w {
				match = false
				break
			}
		}
		if match {
			return n
		}
	}
	return 0
}

// trimJoiners drops trailing "&", "and" and commas left by a suffix.
func trimJoiners(toks []string) []string {
	for len(toks) > 1 {
		last := strings.TrimRight(toks[len(toks)-1], ",")
		if last != "&" && !strings.EqualFold(last, "and") && last != "" {
			toks[len(toks)-1] = last
			return toks
		}
		toks = toks[:len(toks)-1]
	}
	return toks
}

// bare lower-cases a word and removes dots and commas: "Inc.," -> "inc".
func bare(w string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == ',' {
			return -1
		}
		return unicode.ToLower(r)
	}, w)
}
