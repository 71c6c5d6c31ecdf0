package entity

import (
	"sync"

	"github.com/tickerwire/tickerwire/text"
)

// cand is a possible mention found while scanning a document.
type cand struct {
	sec        int32
	sent       int32
	start, end int32
	kind       string
	need       need
	cue        bool // a company cue word is near
	paren      bool // the token stands in parentheses: "(AMZN)"
	ok         bool // accepted
}

// need says what a candidate still needs to become a mention.
type need uint8

const (
	needNothing       need = iota
	needContext            // an ambiguous name: a cue, or another mention of the company
	needTickerContext      // a bare ticker: a cue, parentheses, or another mention
	needFullName           // a surname: the person's full name earlier in the document
)

// scratch holds the per-call buffers of Link, reused through a pool.
type scratch struct {
	cands  []cand
	strong []int32
	info   []sentInfo
	acc    []tickerAcc
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch bounds the buffers kept in the pool, so one huge document does
// not pin its memory.
const maxScratch = 1 << 14

// Link finds the securities mentioned in sents (one document, in order,
// as text.Split returns them; the title, if any, first) and rates their
// relevance. It is safe for concurrent use; it does not keep or modify
// sents, and the Surface strings share memory with the sentences' Text.
func (l *Linker) Link(sents []text.Sentence) Links {
	sc := scratchPool.Get().(*scratch)
	sc.cands = sc.cands[:0]
	for i := range sents {
		l.scan(&sents[i], int32(i), sc)
	}
	l.resolve(sc)
	l.tally(sents, sc)
	l.coref(sents, sc)
	out := l.collect(sents, sc)
	if cap(sc.cands) <= maxScratch {
		for k := range sc.acc {
			// Do not keep the document's text alive in the pool.
			clear(sc.acc[k].surfaces[:cap(sc.acc[k].surfaces)])
		}
		scratchPool.Put(sc)
	}
	return out
}

// scan adds the candidates of one sentence.
func (l *Linker) scan(s *text.Sentence, si int32, sc *scratch) {
	toks := s.Tokens
	shouting := isShouting(toks)
	for i := 0; i < len(toks); {
		t := &toks[i]
		switch t.Kind {
		case text.Cashtag:
			if id, ok := l.tickers[canonicalTicker(t.Text)]; ok {
				sc.cands = append(sc.cands, cand{sec: id, sent: si, start: int32(i), end: int32(i + 1), kind: KindCashtag})
			}
			i++
			continue
		case text.Word, text.Number:
		default:
			i++
			continue
		}
		if end, id, ok := l.exchangeForm(toks, i); ok {
			if id >= 0 {
				sc.cands = append(sc.cands, cand{sec: id, sent: si, start: int32(i), end: int32(end), kind: KindExchange})
			}
			i = end
			continue
		}
		if end, ok := l.matchName(toks, i, si, shouting, sc); ok {
			i = end
			continue
		}
		if !shouting {
			if end, id, ok := l.bareTicker(toks, i); ok {
				c := cand{sec: id, sent: si, start: int32(i), end: int32(end), kind: KindTicker, need: needTickerContext}
				c.paren = i > 0 && toks[i-1].Text == "(" && end < len(toks) && (toks[end].Text == ")" || toks[end].Text == ",") &&
					!spellsAcronym(toks[:i-1], toks[i].Text)
				// Cue words are enough only for a company that links by
				// name and a ticker of three or more letters: two letters
				// ("MA", "RH") and the ~10,000 lesser issuers ("SBI",
				// "UTI") are too often abbreviations.
				c.cue = l.named[id] && len(toks[i].Text) > 2 && l.hasCue(toks, i, end)
				sc.cands = append(sc.cands, c)
				i = end
				continue
			}
		}
		i++
	}
}

// matchName finds the longest indexed form starting at token i and adds
// it as a candidate. It returns the index after the tokens it consumed
// (a match or an exclusion phrase) and whether it consumed any.
func (l *Linker) matchName(toks []text.Token, i int, si int32, shouting bool, sc *scratch) (int, bool) {
	var path [maxFormTokens]int32
	n := 0
	node := int32(0)
	for j := i; j < len(toks) && n < maxFormTokens; j++ {
		node = l.trie.child(node, toks[j].Norm)
		if node < 0 {
			break
		}
		path[n] = node
		n++
	}
	for ; n > 0; n-- {
		end := i + n
		excluded := false
		for _, e := range l.trie.entries[path[n-1]] {
			if e.kind == kindExclude {
				excluded = true
				continue
			}
			nd, ok := l.check(e, toks, i, end, shouting)
			if !ok || nd == needContext && l.otherSense(toks, i, end) {
				continue
			}
			end = l.extendSuffix(toks, end, e.kind)
			c := cand{sec: e.sec, sent: si, start: int32(i), end: int32(end), kind: e.kind, need: nd}
			c.cue = end > i+n || nd != needNothing && l.hasCue(toks, i, end)
			sc.cands = append(sc.cands, c)
			return end, true
		}
		if excluded {
			if l.longerInside(toks, i, end) {
				return i + 1, true
			}
			return end, true
		}
	}
	return i, false
}

// longerInside reports whether a name starting inside [i, end) reaches
// past end, so that an exclusion phrase must not swallow it ("in the
// Amazon" must not hide "Amazon Web Services").
func (l *Linker) longerInside(toks []text.Token, i, end int) bool {
	for j := i + 1; j < end; j++ {
		node := int32(0)
		for k := j; k < len(toks) && k-j < maxFormTokens; k++ {
			node = l.trie.child(node, toks[k].Norm)
			if node < 0 {
				break
			}
			if k >= end && len(l.trie.entries[node]) > 0 {
				return true
			}
		}
	}
	return false
}

// extendSuffix widens a name match over a following corporate suffix
// written with a capital: "Amazon.com Inc", "Apple, Inc", "Target Corp".
func (l *Linker) extendSuffix(toks []text.Token, end int, kind string) int {
	if kind != KindName && kind != KindAlias {
		return end
	}
	j := end
	if j < len(toks) && toks[j].Text == "," {
		j++
	}
	if j < len(toks) && len(toks[j].Norm) >= 2 && toks[j].IsUpper() && isSuffix(toks[j].Norm) {
		return j + 1
	}
	return end
}

// spellsAcronym reports whether the capitalised words that end toks spell
// acronym by their initials, as in "Commercial Lunar Payload Services
// (CLPS)": the parentheses then define an abbreviation, not a ticker.
// Small words ("of", "and", "for", "the") may stand between them, and
// count or not ("Department of Energy (DOE)", "Bank of America (BA)").
func spellsAcronym(toks []text.Token, acronym string) bool {
	var match func(i, k int) bool
	match = func(i, k int) bool {
		if k == 0 {
			return true
		}
		if i < 0 || toks[i].Kind != text.Word {
			return false
		}
		t := toks[i]
		if t.IsUpper() {
			return t.Text[0] == acronym[k-1] && match(i-1, k-1)
		}
		switch t.Norm {
		case "of", "and", "for", "the", "on", "in":
			return match(i-1, k) || t.Norm[0]-'a'+'A' == acronym[k-1] && match(i-1, k-1)
		}
		return false
	}
	return match(len(toks)-1, len(acronym))
}
