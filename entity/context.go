package entity

import (
	"fmt"
	"strings"
)

// contextData is what data/context.txt says; see the comments there.
type contextData struct {
	cues       map[string]bool   // company cue words (lower case)
	refs       map[pair][]string // reference noun (one or two words) -> sectors it needs (nil: any)
	blockers   map[string]bool   // words that stop "the <word> company" from referring back
	expletive  map[pair]bool     // "seems", "is likely": words after a dummy "it"
	exchanges  map[pair]bool     // "nasdaq", "nyse arca": true for US exchanges, false for others
	notTickers map[string]bool   // upper-case abbreviations never read as bare tickers
	notNames   map[string]bool   // lower-case phrases never read as SEC-only names
	subject    map[string]bool   // verbs that make an ambiguous name right before them a subject
	senses     map[string]bool   // words that show the non-company sense of an ambiguous name
}

// pair is a key of one or two words; b is "" for one word. Looking up a
// pair of token norms needs no string concatenation.
type pair struct{ a, b string }

// pairOf splits a phrase of one or two words into a pair; ok is false for
// longer phrases.
func pairOf(phrase string) (pair, bool) {
	f := strings.Fields(strings.ToLower(phrase))
	switch len(f) {
	case 1:
		return pair{f[0], ""}, true
	case 2:
		return pair{f[0], f[1]}, true
	}
	return pair{}, false
}

// parseContext reads data/context.txt.
func parseContext(data string) (*contextData, error) {
	c := &contextData{
		cues: map[string]bool{}, refs: map[pair][]string{}, blockers: map[string]bool{}, expletive: map[pair]bool{},
		exchanges: map[pair]bool{}, notTickers: map[string]bool{}, notNames: map[string]bool{},
		subject: map[string]bool{}, senses: map[string]bool{},
	}
	sets := map[string]map[string]bool{
		"company": c.cues, "reference-blockers": c.blockers, "not-tickers": c.notTickers, "not-names": c.notNames,
		"subject-verbs": c.subject, "other-senses": c.senses,
	}
	pairs := map[string]map[pair]bool{"expletive": c.expletive, "exchanges": c.exchanges, "foreign-exchanges": c.exchanges}
	section := ""
	for n, line := range strings.Split(data, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			if sets[section] == nil && pairs[section] == nil && section != "reference" {
				return nil, fmt.Errorf("context.txt line %d: unknown section %q", n+1, section)
			}
			continue
		case section == "":
			return nil, fmt.Errorf("context.txt line %d: text before the first [section]", n+1)
		case section == "reference":
			if err := c.addReference(line); err != nil {
				return nil, fmt.Errorf("context.txt line %d: %w", n+1, err)
			}
			continue
		case pairs[section] != nil:
			for _, v := range splitValues(line) {
				p, ok := pairOf(v)
				if !ok {
					return nil, fmt.Errorf("context.txt line %d: %q has more than two words", n+1, v)
				}
				pairs[section][p] = section != "foreign-exchanges"
			}
			continue
		}
		for _, v := range splitValues(line) {
			if section != "not-tickers" {
				v = strings.ToLower(v)
			}
			sets[section][v] = true
		}
	}
	return c, nil
}

// addReference reads "noun, noun" or "noun: Sector / Sector".
func (c *contextData) addReference(line string) error {
	nouns, sectors, ok := strings.Cut(line, ":")
	var need []string
	if ok {
		for _, s := range strings.Split(sectors, "/") {
			need = append(need, strings.TrimSpace(s))
		}
	}
	for _, noun := range splitValues(nouns) {
		p, ok := pairOf(noun)
		if !ok {
			return fmt.Errorf("reference noun %q has more than two words", noun)
		}
		c.refs[p] = need
	}
	return nil
}
