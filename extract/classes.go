package extract

import (
	_ "embed"
	"strings"
)

//go:embed data/classes.txt
var classesFile string

// classWords are the lists of data/classes.txt.
type classWords struct {
	noiseWords   map[string]bool
	noiseParts   []string
	ignorePrefix []string
	content      map[string]bool
	dateNoise    []string
}

// classVerdict is what a class or id attribute says about an element.
type classVerdict uint8

const (
	classNeutral classVerdict = iota
	classNoise                // names a part of the page that is not article text
	classContent              // names the article text itself
)

// loadClasses returns the parsed data/classes.txt.
var loadClasses = loadOnce(parseClassWords, classesFile)

// parseClassWords reads the lists of data/classes.txt.
func parseClassWords(src string) (*classWords, error) {
	l, err := readLists("classes.txt", src, "noise-word", "noise-part", "ignore-prefix", "content", "date-noise")
	if err != nil {
		return nil, err
	}
	return &classWords{
		noiseWords:   set(l["noise-word"]),
		noiseParts:   l["noise-part"],
		ignorePrefix: l["ignore-prefix"],
		content:      set(l["content"]),
		dateNoise:    l["date-noise"],
	}, nil
}

// judge classifies one class or id value (lower-cased). Content names win
// over noise words in the same value.
func (w *classWords) judge(value string) classVerdict {
	verdict := classNeutral
	for _, name := range strings.Fields(value) {
		switch w.judgeName(name) {
		case classContent:
			return classContent
		case classNoise:
			verdict = classNoise
		}
	}
	return verdict
}

func (w *classWords) judgeName(name string) classVerdict {
	if w.content[name] {
		return classContent
	}
	for _, p := range w.ignorePrefix {
		if strings.HasPrefix(name, p) {
			return classNeutral
		}
	}
	for _, p := range w.noiseParts {
		if strings.Contains(name, p) {
			return classNoise
		}
	}
	start := -1
	for i := 0; i <= len(name); i++ {
		if i < len(name) && isAlnum(name[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && w.noiseWords[name[start:i]] {
			return classNoise
		}
		start = -1
	}
	return classNeutral
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z'
}
