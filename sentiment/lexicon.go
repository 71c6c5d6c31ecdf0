package sentiment

import (
	"bufio"
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/tickerwire/tickerwire/text"
)

// cueClass is a set of lexicon classes; an entry can be in several.
type cueClass uint16

// The lexicon classes, one per [section] of data/lexicon.txt.
const (
	cuePositive cueClass = 1 << iota
	cueNegative
	cueUp
	cueDown
	cueGood
	cueBad
	cueNegator
	cueHedge
	cueIntensifier
	cueDiminisher
	cueContrast
	cueNeutral
)

var sectionClasses = map[string]cueClass{
	"positive": cuePositive, "negative": cueNegative, "up": cueUp, "down": cueDown,
	"good": cueGood, "bad": cueBad, "negator": cueNegator, "hedge": cueHedge,
	"intensifier": cueIntensifier, "diminisher": cueDiminisher, "contrast": cueContrast,
	"neutral": cueNeutral,
}

//go:embed data/lexicon.txt
var lexiconFile string

// lexEntry is one lexicon phrase after its first word.
type lexEntry struct {
	rest  []uint64 // word hashes of the following words
	class cueClass
}

// lexicon maps phrases of stemmed words to their classes. It is read-only
// after parseLexicon and safe for concurrent use.
type lexicon struct {
	byFirst map[uint64][]lexEntry // longest phrase first
	digest  uint64                // hash of the file, stored in model files
}

// parseLexicon reads the lexicon format described in data/lexicon.txt.
func parseLexicon(src string) (*lexicon, error) {
	var phrases []string
	classes := map[string]cueClass{}
	var class cueClass
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "["):
			c, ok := sectionClasses[strings.Trim(line, "[]")]
			if !ok {
				return nil, fmt.Errorf("lexicon line %d: unknown section %s", n, line)
			}
			class = c
			continue
		case class == 0:
			return nil, fmt.Errorf("lexicon line %d: entry %q before any [section]", n, line)
		}
		// Phrases that stem alike ("rise", "rises") are one entry.
		key := fmt.Sprint(phraseHashes(line))
		if _, ok := classes[key]; !ok {
			phrases = append(phrases, line)
		}
		classes[key] |= class
	}
	lx := &lexicon{byFirst: map[uint64][]lexEntry{}, digest: hashString(src)}
	for _, phrase := range phrases {
		hs := phraseHashes(phrase)
		lx.byFirst[hs[0]] = append(lx.byFirst[hs[0]], lexEntry{rest: hs[1:], class: classes[fmt.Sprint(hs)]})
	}
	for _, es := range lx.byFirst {
		sort.SliceStable(es, func(i, j int) bool { return len(es[i].rest) > len(es[j].rest) })
	}
	return lx, nil
}

// phraseHashes returns the word hashes of a lexicon phrase, tokenized like
// a sentence so that "can't" and "2-fold" match their tokens.
func phraseHashes(phrase string) []uint64 {
	toks := text.Tokenize(phrase)
	out := make([]uint64, len(toks))
	for i, t := range toks {
		out[i] = hashWord(stem(t.Norm))
	}
	return out
}

// match returns the classes and length in tokens of the longest lexicon
// phrase starting at word i of words (word hashes), or 0, 0.
func (lx *lexicon) match(words []uint64, i int) (cueClass, int) {
	for _, e := range lx.byFirst[words[i]] {
		if i+1+len(e.rest) > len(words) {
			continue
		}
		ok := true
		for k, h := range e.rest {
			if words[i+1+k] != h {
				ok = false
				break
			}
		}
		if ok {
			return e.class, 1 + len(e.rest)
		}
	}
	return 0, 0
}
