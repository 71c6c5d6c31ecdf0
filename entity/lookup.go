package entity

import (
	"strings"
	"unicode"

	"github.com/tickerwire/tickerwire/entity/internal/names"
)

// Lookup finds a security by ticker ("AMZN", "$amzn", "BRK.B"), company
// name in any common form ("Amazon", "Amazon.com, Inc.", "AMAZON COM INC")
// or alias ("AWS", "Andy Jassy"), ignoring case. A share class resolves to
// the company's primary ticker (GOOG -> GOOGL), as in Link. A name written
// in capitals is tried as a ticker first, any other name as a name first
// ("Ford" is Ford Motor, not the ticker FORD). It is safe for concurrent
// use.
func (l *Linker) Lookup(name string) (Security, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Security{}, false
	}
	byTicker := func() (Security, bool) {
		if id, ok := l.tickers[canonicalTicker(strings.ToUpper(name))]; ok {
			return l.secs[id], true
		}
		return Security{}, false
	}
	if strings.HasPrefix(name, "$") {
		return byTicker()
	}
	capsFirst := strings.IndexFunc(name, unicode.IsLower) < 0
	if capsFirst {
		if s, ok := byTicker(); ok {
			return s, true
		}
	}
	if id, ok := l.keys[names.Key(name)]; ok {
		return l.secs[id], true
	}
	if !capsFirst {
		return byTicker()
	}
	return Security{}, false
}
