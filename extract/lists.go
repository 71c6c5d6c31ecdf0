package extract

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// loadOnce returns a function that parses the embedded file src on first
// use and returns the same value after. The embedded files are checked by
// the tests, so a parse error is a build defect and panics.
func loadOnce[T any](parse func(string) (T, error), src string) func() T {
	return sync.OnceValue(func() T {
		v, err := parse(src)
		if err != nil {
			panic(err)
		}
		return v
	})
}

// readLists parses the list format of the files in data/: blank lines and
// lines starting with "#" are skipped, "[name]" starts a section, and every
// other line, trimmed and lower-cased, is an entry of the current section.
// An entry outside the known sections is an error naming file and line.
func readLists(file, src string, known ...string) (map[string][]string, error) {
	lists := map[string][]string{}
	section := ""
	for n, line := range strings.Split(src, "\n") {
		line = strings.ToLower(strings.TrimSpace(line))
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			continue
		case !slices.Contains(known, section):
			return nil, fmt.Errorf("%s line %d: %q is not in a known section (%s)", file, n+1, line, strings.Join(known, ", "))
		}
		lists[section] = append(lists[section], line)
	}
	return lists, nil
}

// set returns the entries as a set.
func set(entries []string) map[string]bool {
	m := make(map[string]bool, len(entries))
	for _, e := range entries {
		m[e] = true
	}
	return m
}
