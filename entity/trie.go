package entity

import "sort"

// maxFormTokens bounds the length of a name form in tokens; longer forms
// are not indexed.
const maxFormTokens = 10

// entry is one way a node of the trie can be read: as a form of company
// sec, or as an exclusion phrase for it.
type entry struct {
	sec   int32
	kind  string // a Kind* constant, or kindExclude
	flags formFlags
	prio  uint8 // lower wins: 0 alias file, 1 named master form, 2 SEC-only name
}

// formFlags say what a match of a form needs to count.
type formFlags uint8

const (
	// needUpper: every matched token must be written in capitals (the form
	// is an all-capital abbreviation such as "AWS" or "GE").
	needUpper formFlags = 1 << iota
	// needCapital: every word must start with a capital letter, except
	// small words such as "of" (names made of ordinary words, SEC-only
	// names).
	needCapital
	// ambiguous: the form is also an ordinary word or place; it links only
	// with company context (see resolve.go).
	ambiguous
	// plainWords: an SEC-only name whose words are all common words, so
	// capitals prove nothing in a title-case headline; there it needs
	// company context too.
	plainWords
	// surname: the last name of a person of the company, which links only
	// after the full name was seen in the document.
	surname
)

// kindExclude marks an exclusion phrase ("Amazon rainforest").
const kindExclude = "exclude"

// edge is a transition of the trie: from a node by a token's Norm.
type edge struct {
	node int32
	tok  string
}

// trie maps token sequences (by Norm) to entries. Node 0 is the root. Two
// maps hold all edges, which keeps the structure compact (a few MB for the
// whole SEC list) and lookups to one hash per token.
type trie struct {
	roots   map[string]int32 // the root's edges, apart: every token of a text looks here
	edges   map[edge]int32   // all other edges
	entries [][]entry        // by node
}

func newTrie(sizeHint int) *trie {
	return &trie{
		roots: make(map[string]int32, sizeHint/2), edges: make(map[edge]int32, sizeHint/2),
		entries: make([][]entry, 1, sizeHint),
	}
}

// insert adds e under the token sequence norms. An entry for the same
// company and kind class is merged: flags are or-ed (but a surname merged
// with a name is a name), the better priority and the first kind are kept.
func (t *trie) insert(norms []string, e entry) {
	if len(norms) == 0 || len(norms) > maxFormTokens {
		return
	}
	node := int32(0)
	for _, tok := range norms {
		next := t.child(node, tok)
		if next < 0 {
			next = int32(len(t.entries))
			t.entries = append(t.entries, nil)
			if node == 0 {
				t.roots[tok] = next
			} else {
				t.edges[edge{node, tok}] = next
			}
		}
		node = next
	}
	list := t.entries[node]
	for i := range list {
		if list[i].sec == e.sec && (list[i].kind == kindExclude) == (e.kind == kindExclude) {
			// A surname entry merged with a full form is a full form.
			list[i].flags = (list[i].flags|e.flags)&^surname | list[i].flags&e.flags&surname
			list[i].prio = min(list[i].prio, e.prio)
			return
		}
	}
	list = append(list, e)
	sort.SliceStable(list, func(i, j int) bool { return list[i].prio < list[j].prio })
	t.entries[node] = list
}

// child returns the node reached from node by tok, or -1.
func (t *trie) child(node int32, tok string) int32 {
	var next int32
	var ok bool
	if node == 0 {
		next, ok = t.roots[tok]
	} else {
		next, ok = t.edges[edge{node, tok}]
	}
	if !ok {
		return -1
	}
	return next
}
