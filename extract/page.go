package extract

import (
	"golang.org/x/net/html/atom"
)

// page is the working state of one extraction: per-node facts computed in
// two linear passes over the document, indexed like document.nodes.
type page struct {
	doc       *document
	classes   *classWords
	verdict   map[string]classVerdict // cache: pages repeat their classes
	section   map[int32]bool          // sections named as end matter by their heading
	dateNoise map[string]bool         // cache of namesDateNoise

	noise   []bool  // the node and its subtree hold no article text
	inLink  []bool  // the node sits inside a link
	blockOf []int32 // nearest block element at or above the node
	text    []int32 // visible text bytes in the subtree, noise excluded
	link    []int32 // of which inside links
	own     []int32 // for blocks: text bytes whose nearest block is this one
	ownLink []int32
	commas  []int32 // for blocks: commas in own text
	good    []int32 // text bytes in the subtree's prose paragraphs
	raw     []int32 // visible text bytes in the subtree, noise included
	anchors []int32 // links (<a>) in the subtree, noise excluded
}

// newPage computes the per-node facts of doc. With strict set, class and
// id names that signal noise (comments, share bars, related links) remove
// their elements; without it only tags, roles and hidden markers do.
func newPage(doc *document, strict bool) *page {
	n := len(doc.nodes)
	p := &page{
		doc:       doc,
		classes:   loadClasses(),
		verdict:   make(map[string]classVerdict, 64),
		section:   map[int32]bool{},
		dateNoise: map[string]bool{},
		noise:     make([]bool, n),
		inLink:    make([]bool, n),
		blockOf:   make([]int32, n),
		text:      make([]int32, n),
		link:      make([]int32, n),
		own:       make([]int32, n),
		ownLink:   make([]int32, n),
		commas:    make([]int32, n),
		good:      make([]int32, n),
		raw:       make([]int32, n),
		anchors:   make([]int32, n),
	}
	if strict {
		p.markSections()
	}
	p.markDown(strict)
	p.sumUp()
	return p
}

// markSections marks as noise the sections that a heading names as end
// matter ("Related stories", class="comments-title"): the heading must be
// the section's first element, so an article that merely ends with such a
// heading is not lost.
func (p *page) markSections() {
	nodes := p.doc.nodes
	b := loadBoilerplate()
	for i := range nodes {
		n := &nodes[i]
		if n.kind&kindHeading == 0 || n.tag == atom.H1 || n.parent <= 0 {
			continue
		}
		par := &nodes[n.parent]
		if par.tag == atom.Body || par.tag == atom.Main || par.tag == atom.Html || !p.firstElement(int32(i)) {
			continue
		}
		if p.judge(n.class) == classNoise || p.judge(n.id) == classNoise || b.cut[key(p.textOf(int32(i)))] {
			p.section[n.parent] = true
		}
	}
}

// firstElement reports whether element i is the first element child of its
// parent.
func (p *page) firstElement(i int32) bool {
	nodes := p.doc.nodes
	for c := nodes[nodes[i].parent].first; c != none; c = nodes[c].next {
		if c == i {
			return true
		}
		if nodes[c].tag != 0 {
			return false
		}
	}
	return false
}

// markDown walks parents before children: noise, links and blocks are
// inherited, and each text's length is credited to its block.
func (p *page) markDown(strict bool) {
	nodes := p.doc.nodes
	for i := 1; i < len(nodes); i++ {
		n := &nodes[i]
		par := n.parent
		p.inLink[i] = p.inLink[par] || n.tag == atom.A
		p.noise[i] = p.noise[par] || p.isNoise(n, strict) || p.section[int32(i)]
		if n.kind&kindBlock != 0 {
			p.blockOf[i] = int32(i)
		} else {
			p.blockOf[i] = p.blockOf[par]
		}
		if n.tag != 0 {
			continue
		}
		l, c := measureText(n.text)
		p.raw[i] = l
		if p.noise[i] {
			continue
		}
		p.text[i] = l
		b := p.blockOf[i]
		p.own[b] += l
		p.commas[b] += c
		if p.inLink[i] {
			p.link[i] = l
			p.ownLink[b] += l
		}
	}
}

// sumUp walks children before parents, adding text lengths upwards.
func (p *page) sumUp() {
	nodes := p.doc.nodes
	for i := len(nodes) - 1; i > 0; i-- {
		par := nodes[i].parent
		p.raw[par] += p.raw[i]
		if p.noise[i] {
			continue
		}
		if p.isProse(int32(i)) {
			p.good[i] += p.own[i]
		}
		if nodes[i].tag == atom.A {
			p.anchors[i]++
		}
		p.anchors[par] += p.anchors[i]
		p.text[par] += p.text[i]
		p.link[par] += p.link[i]
		p.good[par] += p.good[i]
	}
}

// minProse is the length in bytes from which a block can read as prose.
const minProse = 50

// isProse reports whether block i's own text reads as a paragraph of
// prose: long enough and mostly not links.
func (p *page) isProse(i int32) bool {
	return p.own[i] >= minProse && p.ownLink[i]*3 < p.own[i] && p.doc.nodes[i].kind&kindScore != 0
}

// measureText returns the visible length of s (bytes, whitespace runs
// counted once) and its commas.
func measureText(s string) (length, commas int32) {
	space := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\n', '\t', '\r', '\f':
			if !space {
				length++
			}
			space = true
		case ',':
			commas++
			length++
			space = false
		default:
			length++
			space = false
		}
	}
	return length, commas
}

// linkDensity is the share of a subtree's text inside links, in [0, 1].
func (p *page) linkDensity(i int32) float64 {
	if p.text[i] == 0 {
		return 0
	}
	return float64(p.link[i]) / float64(p.text[i])
}

// isNoise reports whether element n, by its own markup, holds no article
// text: navigation, asides, footers, captions, hidden elements, and with
// strict also elements whose class or id names noise.
func (p *page) isNoise(n *node, strict bool) bool {
	if n.tag == 0 {
		return false
	}
	if n.kind&kindNoise != 0 || noiseRoles[n.get("role")] || n.hidden || metaProps[n.get("itemprop")] {
		return true
	}
	if !strict || n.kind&kindProtected != 0 || isBodyProp(n.get("itemprop")) {
		return false
	}
	return p.judge(n.class) == classNoise || p.judge(n.id) == classNoise
}

// judge returns the cached verdict on a class or id value.
func (p *page) judge(value string) classVerdict {
	if value == "" {
		return classNeutral
	}
	v, ok := p.verdict[value]
	if !ok {
		v = p.classes.judge(value)
		p.verdict[value] = v
	}
	return v
}

var (
	// metaProps are schema.org properties of an article shown beside its
	// text: bylines and dates.
	metaProps = map[string]bool{
		"author": true, "creator": true, "publisher": true, "datePublished": true,
		"dateModified": true, "dateCreated": true, "contributor": true,
	}
	noiseRoles = map[string]bool{
		"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
		"search": true, "menu": true, "menubar": true, "dialog": true,
		"alertdialog": true, "toolbar": true, "tablist": true,
	}
)

// isBodyProp reports whether an itemprop names the article text.
func isBodyProp(itemprop string) bool {
	return itemprop == "articleBody" || itemprop == "text" || itemprop == "reviewBody"
}
