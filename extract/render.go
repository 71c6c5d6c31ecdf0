package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
)

// renderer writes chosen subtrees as paragraphs of plain text.
type renderer struct {
	p     *page
	paras []string
	cur   []byte // the paragraph being written, whitespace collapsed
	space bool   // a space is pending before the next word
	link  int    // bytes of cur written inside links
}

// render returns the text of the subtrees rooted at roots, one string per
// paragraph, noise and link-heavy blocks left out.
func (p *page) render(roots []int32) []string {
	r := renderer{p: p, cur: make([]byte, 0, 1024)}
	for _, root := range roots {
		r.block(root, 0)
	}
	r.breakParagraph()
	return r.paras
}

func (r *renderer) block(i int32, depth int) {
	n := &r.p.doc.nodes[i]
	switch {
	case r.p.noise[i]:
		return
	case n.tag == 0:
		before := len(r.cur)
		r.write(n.text)
		if r.p.inLink[i] {
			r.link += len(r.cur) - before
		}
		return
	case n.tag == atom.Br:
		r.lineBreak()
		return
	case depth > maxDepth:
		return
	}
	isBlock := n.kind&kindBlock != 0
	if isBlock {
		r.breakParagraph()
		if r.p.dropBlock(i) {
			return
		}
	} else if r.p.isLinkCard(i) {
		return
	} else if n.kind&kindCell != 0 {
		r.space = true
	}
	for c := n.first; c != none; c = r.p.doc.nodes[c].next {
		r.block(c, depth+1)
	}
	if isBlock {
		r.breakParagraph()
	} else if n.kind&kindCell != 0 {
		r.space = true
	}
}

// write appends text with runs of whitespace collapsed to one space.
func (r *renderer) write(s string) {
	for len(s) > 0 {
		c, size := rune(s[0]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s)
		}
		s = s[size:]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c >= utf8.RuneSelf && (unicode.IsSpace(c) || c == '\u200b') {
			r.space = true
			continue
		}
		if r.space && len(r.cur) > 0 && r.cur[len(r.cur)-1] != '\n' {
			r.cur = append(r.cur, ' ')
		}
		r.space = false
		r.cur = utf8.AppendRune(r.cur, c)
	}
}

// lineBreak ends a line inside the paragraph; two in a row end it.
func (r *renderer) lineBreak() {
	r.space = false
	switch {
	case len(r.cur) == 0:
	case r.cur[len(r.cur)-1] == '\n':
		r.breakParagraph()
	default:
		r.cur = append(r.cur, '\n')
	}
}

// maxParagraphLinks is the share of link text above which a paragraph is a
// run of links (tags, "see also" lines) rather than text.
const maxParagraphLinks = 0.8

func (r *renderer) breakParagraph() {
	r.space = false
	s := strings.TrimSpace(string(r.cur))
	links := float64(r.link) > maxParagraphLinks*float64(len(r.cur))
	r.cur, r.link = r.cur[:0], 0
	if s != "" && !links {
		r.paras = append(r.paras, s)
	}
}

// isLinkCard reports whether inline element i is a box of links set into a
// paragraph (a hover card of related stories): long, almost all links,
// and not the whole paragraph.
func (p *page) isLinkCard(i int32) bool {
	if !p.linkBox(i) || p.own[p.blockOf[i]] <= p.text[i]+20 {
		return false
	}
	// The innermost box is the card; its parent may hold the link that
	// opens it, which is text.
	for c := p.doc.nodes[i].first; c != none; c = p.doc.nodes[c].next {
		if p.linkBox(c) {
			return false
		}
	}
	return true
}

// linkBox reports whether element i holds several links and 100 bytes or
// more of text, nine tenths of it in links.
func (p *page) linkBox(i int32) bool {
	return p.anchors[i] >= 3 && p.doc.nodes[i].tag != atom.A && p.text[i] >= 100 && 10*p.link[i] >= 9*p.text[i]
}

// dropBlock reports whether a block inside the article is left out: lists
// and boxes made mostly of links (related headlines, tag lists, share
// bars) and paragraphs that are one link.
func (p *page) dropBlock(i int32) bool {
	if p.text[i] == 0 {
		return false
	}
	d := p.linkDensity(i)
	switch p.doc.nodes[i].tag {
	case atom.P:
		return d > 0.8
	case atom.Ul, atom.Ol, atom.Dl, atom.Table, atom.Div, atom.Section, atom.Form, customTag:
		return d > 0.5 || d > 0.3 && p.text[i] < 300
	}
	return d > 0.6
}
