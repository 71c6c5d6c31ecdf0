package extract

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// Scoring of candidate containers, after the method of Arc90's Readability:
// every paragraph passes points to its parent and, decreasingly, to four
// more ancestors; the container with the most points, discounted by its
// share of link text, holds the article.
const (
	minParagraph  = 25  // shorter blocks score nothing
	ancestorDepth = 5   // levels of ancestors a paragraph scores
	siblingShare  = 0.2 // a sibling joins with this share of the top score
)

// chooseContent returns the elements that hold the article, in document
// order: the top container and the siblings that belong with it. It returns
// nil when nothing scores.
func (p *page) chooseContent() []int32 {
	score := p.scoreParagraphs()
	top := int32(none)
	best := 0.0
	for i, s := range score {
		if s == 0 {
			continue
		}
		s *= 1 - p.linkDensity(int32(i))
		score[i] = s
		if s > best {
			best, top = s, int32(i)
		}
	}
	if top == none {
		return nil
	}
	top = p.climb(top, score)
	if wider := p.widen(top); wider != top {
		return []int32{wider}
	}
	return p.withSiblings(top, score)
}

// scoreParagraphs returns each node's points (0 for nodes no paragraph
// reached).
func (p *page) scoreParagraphs() []float64 {
	nodes := p.doc.nodes
	score := make([]float64, len(nodes))
	for i := range nodes {
		n := &nodes[i]
		if p.noise[i] || n.kind&kindScore == 0 || p.own[i] < minParagraph {
			continue
		}
		s := 1 + float64(p.commas[i]) + min(float64(p.own[i]/100), 3)
		s *= 1 - float64(p.ownLink[i])/float64(p.own[i])
		a := n.parent
		if n.kind&kindContainer != 0 {
			// Text written straight into a container (between <br>s)
			// makes the container itself the paragraph's parent.
			a = int32(i)
		}
		for level := 0; level < ancestorDepth && a > 0; level++ {
			if score[a] == 0 {
				score[a] = p.baseScore(a)
			}
			switch level {
			case 0:
				score[a] += s
			case 1:
				score[a] += s / 2
			default:
				score[a] += s / float64(level*3)
			}
			a = nodes[a].parent
		}
	}
	return score
}

// baseScore is a container's prior from its tag and class names. It is
// never 0, so that 0 can mean "not a candidate".
func (p *page) baseScore(i int32) float64 {
	n := &p.doc.nodes[i]
	s := 0.01
	switch n.tag {
	case atom.Div, atom.Article, atom.Main, atom.Section:
		s += 5
	case atom.Pre, atom.Td, atom.Blockquote:
		s += 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		s -= 3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		s -= 5
	}
	for _, v := range []string{n.class, n.id} {
		switch p.judge(v) {
		case classContent:
			s += 25
		case classNoise:
			s -= 25
		}
	}
	if isBodyProp(n.get("itemprop")) {
		s += 25
	}
	return s
}

// climb moves from the top container to an ancestor when the ancestor
// scores better: the article's paragraphs are then split over several
// children of that ancestor.
func (p *page) climb(top int32, score []float64) int32 {
	nodes := p.doc.nodes
	last := score[top]
	threshold := last / 3
	for a := nodes[top].parent; a > 0 && nodes[a].tag != atom.Body; a = nodes[a].parent {
		if score[a] == 0 {
			continue
		}
		if score[a] < threshold {
			break
		}
		if score[a] > last {
			return a
		}
		last = score[a]
	}
	// A lone child says nothing its parent does not.
	for par := nodes[top].parent; par > 0 && nodes[par].tag != atom.Body && p.onlyChild(top); par = nodes[top].parent {
		top = par
	}
	return top
}

// widen climbs from top to the highest ancestor whose extra text is mostly
// prose and little link text: the article was split into parts (by ads,
// figures, pull quotes) that sit in separate containers.
func (p *page) widen(top int32) int32 {
	nodes := p.doc.nodes
	cur := top
	for a := nodes[top].parent; a > 0; a = nodes[a].parent {
		added := p.raw[a] - p.raw[cur]
		if added <= 0 {
			continue
		}
		good, link := p.good[a]-p.good[cur], p.link[a]-p.link[cur]
		if 2*good < added || 10*link > 3*added {
			break
		}
		cur = a
		if nodes[a].tag == atom.Body {
			break
		}
	}
	return cur
}

// onlyChild reports whether i is the only element child of its parent.
func (p *page) onlyChild(i int32) bool {
	nodes := p.doc.nodes
	for c := nodes[nodes[i].parent].first; c != none; c = nodes[c].next {
		if c != i && nodes[c].tag != 0 && !p.noise[c] {
			return false
		}
	}
	return true
}

// withSiblings returns top together with the siblings that score close to
// it or read as paragraphs of the same text.
func (p *page) withSiblings(top int32, score []float64) []int32 {
	nodes := p.doc.nodes
	par := nodes[top].parent
	if par <= 0 {
		return []int32{top}
	}
	threshold := max(10, score[top]*siblingShare)
	var out []int32
	for c := nodes[par].first; c != none; c = nodes[c].next {
		switch {
		case c == top:
			out = append(out, c)
		case p.noise[c] || nodes[c].tag == 0:
		case score[c] >= threshold:
			out = append(out, c)
		case nodes[c].tag == atom.P && p.readsAsParagraph(c):
			out = append(out, c)
		}
	}
	return out
}

// readsAsParagraph reports whether block i looks like a paragraph of prose.
func (p *page) readsAsParagraph(i int32) bool {
	l, d := p.text[i], p.linkDensity(i)
	return l > 80 && d < 0.25 || l > 0 && d == 0 && p.endsSentence(i)
}

// endsSentence reports whether the last text of subtree i ends with a
// sentence-closing mark.
func (p *page) endsSentence(i int32) bool {
	nodes := p.doc.nodes
	for j := p.end(i) - 1; j > i; j-- {
		if nodes[j].tag != 0 || p.noise[j] {
			continue
		}
		t := strings.TrimRight(nodes[j].text, " \n\t\r\u00a0")
		if t == "" {
			continue
		}
		switch t[len(t)-1] {
		case '.', '!', '?', '"':
			return true
		}
		return strings.HasSuffix(t, "”")
	}
	return false
}

// end returns the index just past the subtree of i: a subtree is the
// contiguous range [i, end) of document.nodes.
func (p *page) end(i int32) int32 {
	nodes := p.doc.nodes
	for nodes[i].last != none {
		i = nodes[i].last
	}
	return i + 1
}
