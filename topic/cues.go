package topic

import (
	"slices"

	"github.com/tickerwire/tickerwire/text"
)

// cue is a compiled Cue of one topic.
type cue struct {
	topic  int
	weight float64
	before *elem // a leading negation: the token before must not match
	elems  []elem
}

// cueIndex finds the cues that can start at a token without trying them
// all: by literal, by prefix (for each prefix length in use) or by kind.
type cueIndex struct {
	cues    []cue
	lit     map[string][]int32
	pre     map[string][]int32
	preLens []int
	kinds   map[text.Kind][]int32
}

func newCueIndex(defs []Definition) (*cueIndex, error) {
	x := &cueIndex{lit: map[string][]int32{}, pre: map[string][]int32{}, kinds: map[text.Kind][]int32{}}
	for ti, d := range defs {
		for _, c := range d.Cues {
			es, err := compilePattern(c.Pattern)
			if err != nil {
				return nil, err
			}
			cu := cue{topic: ti, weight: c.Weight, elems: es}
			if es[0].not {
				cu.before, cu.elems = &es[0], es[1:]
			}
			x.add(cu)
		}
	}
	slices.Sort(x.preLens)
	return x, nil
}

func (x *cueIndex) add(c cue) {
	id := int32(len(x.cues))
	x.cues = append(x.cues, c)
	for _, a := range c.elems[0].alts {
		switch {
		case a.isKind:
			x.kinds[a.kind] = append(x.kinds[a.kind], id)
		case a.prefix:
			x.pre[a.lit] = append(x.pre[a.lit], id)
			if !slices.Contains(x.preLens, len(a.lit)) {
				x.preLens = append(x.preLens, len(a.lit))
			}
		default:
			x.lit[a.lit] = append(x.lit[a.lit], id)
		}
	}
}

// scan appends to hits the id of every cue matching somewhere in toks; a
// cue matching twice counts once. seen has one entry per cue; entries equal
// to stamp mark cues already found in this sentence.
func (x *cueIndex) scan(toks []text.Token, seen []int32, stamp int32, hits []int32) []int32 {
	for i := range toks {
		t := &toks[i]
		if t.Kind == text.Punct || t.Kind == text.Symbol {
			continue
		}
		hits = x.try(x.lit[t.Norm], toks, i, seen, stamp, hits)
		hits = x.try(x.kinds[t.Kind], toks, i, seen, stamp, hits)
		for _, n := range x.preLens {
			if n > len(t.Norm) {
				break
			}
			hits = x.try(x.pre[t.Norm[:n]], toks, i, seen, stamp, hits)
		}
	}
	return hits
}

func (x *cueIndex) try(ids []int32, toks []text.Token, i int, seen []int32, stamp int32, hits []int32) []int32 {
	for _, id := range ids {
		c := &x.cues[id]
		if seen[id] != stamp && (c.before == nil || i == 0 || !c.before.matches(&toks[i-1])) && matchAt(toks, i, c.elems) {
			seen[id] = stamp
			hits = append(hits, id)
		}
	}
	return hits
}
