package store

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

// The vocabulary of synthetic articles (see Generate) is data, kept in
// versioned files.
//
//go:embed synthetic/*.txt
var syntheticFiles embed.FS

// named is an id with its display name.
type named struct{ id, name string }

// vocabulary is what synthetic articles are made of; each list is ordered
// most frequent first.
type vocabulary struct {
	tickers []named
	topics  []named
	words   []string
}

func loadVocabulary() (vocabulary, error) {
	var v vocabulary
	var err error
	if v.tickers, err = readNamed("synthetic/tickers.txt"); err != nil {
		return v, err
	}
	if v.topics, err = readNamed("synthetic/topics.txt"); err != nil {
		return v, err
	}
	lines, err := readLines("synthetic/words.txt")
	for _, l := range lines {
		v.words = append(v.words, strings.Fields(l)...)
	}
	return v, err
}

// readNamed reads lines of "id name words".
func readNamed(path string) ([]named, error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	out := make([]named, 0, len(lines))
	for i, l := range lines {
		id, name, ok := strings.Cut(l, " ")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("%s: entry %d %q: want an id and a name", path, i+1, l)
		}
		out = append(out, named{id: id, name: strings.TrimSpace(name)})
	}
	return out, nil
}

// readLines returns the lines of an embedded file that are neither blank
// nor comments (starting with #).
func readLines(path string) ([]string, error) {
	f, err := syntheticFiles.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no entries", path)
	}
	return out, nil
}
