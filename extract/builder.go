package extract

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// errNoMarkup reports input in which the tokenizer found nothing.
var errNoMarkup = fmt.Errorf("%w: the input holds no markup or text", ErrNoArticle)

// builder turns tokens into a document. It is a much simplified HTML tree
// construction: enough to keep paragraphs, lists and tables apart, without
// the full adoption machinery a browser needs for rendering.
type builder struct {
	doc   *document
	z     *html.Tokenizer
	stack []int32 // open elements; stack[0] is the root

	text    []byte            // pending text, flushed as one text node
	raw     atom.Atom         // raw-text element whose text comes next (script, title, ...)
	ldJSON  bool              // the open script is JSON-LD
	skip    atom.Atom         // element whose content is being skipped
	skipped int               // nesting of skip inside itself
	inBody  bool              // a body element or body content has started
	open    [len(tracked)]int // open elements of each tracked tag
}

// skippedTags never hold article text as shown to a reader.
var skippedTags = map[atom.Atom]bool{
	atom.Svg: true, atom.Math: true, atom.Select: true, atom.Button: true,
	atom.Template: true, atom.Video: true, atom.Audio: true, atom.Canvas: true,
	atom.Object: true, atom.Datalist: true, atom.Map: true, atom.Picture: true,
}

// rawTags hold raw text that the tokenizer hands over in one piece.
var rawTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Title: true, atom.Textarea: true,
	atom.Iframe: true, atom.Noscript: true, atom.Noembed: true, atom.Noframes: true,
	atom.Xmp: true, atom.Plaintext: true,
}

func (b *builder) run() {
	for len(b.doc.nodes) < maxNodes {
		switch b.z.Next() {
		case html.ErrorToken:
			b.flush()
			return
		case html.TextToken:
			b.onText()
		case html.StartTagToken:
			b.onStart(false)
		case html.SelfClosingTagToken:
			b.onStart(true)
		case html.EndTagToken:
			b.onEnd()
		}
	}
	b.flush()
}

func (b *builder) onText() {
	if b.raw != 0 {
		b.onRawText(b.z.Text())
		return
	}
	if b.skip != 0 {
		return
	}
	b.text = append(b.text, b.z.Text()...)
}

func (b *builder) onRawText(t []byte) {
	switch {
	case b.raw == atom.Title && b.doc.title == "" && b.skip == 0:
		b.doc.title = string(t)
	case b.raw == atom.Script && b.ldJSON:
		b.doc.jsonLD = append(b.doc.jsonLD, string(t))
	}
}

// flush turns pending text into a text node of the open element.
func (b *builder) flush() {
	if len(b.text) == 0 {
		return
	}
	b.add(node{text: string(b.text)})
	b.text = b.text[:0]
}

// add appends n as the last child of the open element and returns its index.
func (b *builder) add(n node) int32 {
	parent := b.stack[len(b.stack)-1]
	i := int32(len(b.doc.nodes))
	n.parent, n.first, n.last, n.next = parent, none, none, none
	b.doc.nodes = append(b.doc.nodes, n)
	p := &b.doc.nodes[parent]
	if p.last == none {
		p.first = i
	} else {
		b.doc.nodes[p.last].next = i
	}
	p.last = i
	return i
}

func (b *builder) onStart(selfClosing bool) {
	tag, rest := tagOf(b.z.Raw())
	if b.skip != 0 {
		if tag == b.skip && !selfClosing {
			b.skipped++
		}
		return
	}
	b.flush()
	b.raw, b.ldJSON = 0, false
	n := node{tag: tag}
	if tag == 0 {
		n.tag = customTag
	}
	n.kind = kinds[n.tag]
	if !attrless[tag] {
		b.readAttrs(&n, rest)
	}
	switch {
	case skippedTags[tag]:
		if !selfClosing {
			b.skip, b.skipped = tag, 0
		}
		return
	case rawTags[tag]:
		b.raw = tag
		b.ldJSON = tag == atom.Script && strings.Contains(n.get("type"), "ld+json")
		return
	}
	b.openElement(n, selfClosing)
}

// attrless are elements whose attributes the extractor never reads; long
// image attributes (srcset) are the costliest part of tokenizing.
var attrless = tagSet(atom.Img, atom.Source, atom.Input, atom.Br, atom.Wbr,
	atom.Hr, atom.Col, atom.Param, atom.Track, atom.Area, atom.Embed)

// customTag stands for elements unknown to the atom table (custom elements).
const customTag atom.Atom = 1<<32 - 1

// readAttrs stores the attributes of n that the extractor reads, from the
// raw bytes that follow the tag name.
func (b *builder) readAttrs(n *node, rest []byte) {
	sc := attrScanner{s: rest}
	var buf [16]byte
	for {
		k, v, ok := sc.next()
		if !ok {
			return
		}
		if len(k) > len(buf) {
			continue
		}
		key := asciiLower(buf[:copy(buf[:], k)])
		switch string(key) {
		case "class":
			n.class = lowerString(v)
		case "id":
			n.id = lowerString(v)
		case "hidden":
			n.hidden = true
		case "aria-hidden":
			n.hidden = n.hidden || string(v) == "true"
		case "style":
			n.hidden = n.hidden || isHiddenStyle(v)
		default:
			if keptAttrs[string(key)] || headTags[n.tag] && headAttrs[string(key)] {
				n.attrs = append(n.attrs, attr{string(key), attrString(v)})
			}
		}
	}
}

// headAttrs are read on headTags only.
var (
	headAttrs = map[string]bool{
		"name": true, "property": true, "http-equiv": true, "lang": true,
		"type": true, "xml:lang": true, "rel": true, "href": true,
	}
	headTags = map[atom.Atom]bool{atom.Meta: true, atom.Link: true, atom.Html: true, atom.Script: true}
)

func (b *builder) openElement(n node, selfClosing bool) {
	switch n.tag {
	case atom.Meta:
		b.addMeta(n)
	case atom.Link:
		b.doc.links = append(b.doc.links, attr{strings.ToLower(n.get("rel")), n.get("href")})
		return
	case atom.Html:
		if b.doc.lang == "" {
			b.doc.lang = firstNonEmpty(n.get("lang"), n.get("xml:lang"))
		}
		return
	case atom.Head:
		return
	case atom.Body:
		b.inBody = true
	}
	b.closeImplied(n.tag)
	if n.tag == customTag && b.inPhrasing() {
		// A custom element inside a paragraph is a word or a link, not a
		// block of its own.
		n.kind = 0
	}
	i := b.add(n)
	if n.kind&kindVoid != 0 || selfClosing && n.tag == customTag || len(b.stack) >= maxDepth {
		return
	}
	b.push(i)
}

// inPhrasing reports whether the open element holds phrasing content: a
// paragraph, a heading or an inline element.
func (b *builder) inPhrasing() bool {
	if len(b.stack) == 1 {
		return false
	}
	top := &b.doc.nodes[b.stack[len(b.stack)-1]]
	return top.tag == atom.P || top.kind&kindHeading != 0 || top.kind&kindBlock == 0
}

// push opens element i.
func (b *builder) push(i int32) {
	b.stack = append(b.stack, i)
	if k := trackedIndex(b.doc.nodes[i].tag); k >= 0 {
		b.open[k]++
	}
}

// popTo closes the open elements from stack position i up.
func (b *builder) popTo(i int) {
	for _, j := range b.stack[i:] {
		if k := trackedIndex(b.doc.nodes[j].tag); k >= 0 {
			b.open[k]--
		}
	}
	b.stack = b.stack[:i]
}

// tracked are the elements whose open count is kept, so that the implied
// closing of a start tag costs nothing when none of them is open.
var tracked = [...]atom.Atom{atom.P, atom.Li, atom.Dt, atom.Dd, atom.Tr, atom.Td, atom.Th, atom.A}

func trackedIndex(tag atom.Atom) int {
	for k, t := range tracked {
		if t == tag {
			return k
		}
	}
	return -1
}

func (b *builder) addMeta(n node) {
	key := firstNonEmpty(n.get("property"), n.get("name"), n.get("itemprop"), n.get("http-equiv"))
	if key == "" {
		return
	}
	b.doc.metas = append(b.doc.metas, meta{key: strings.ToLower(key), content: n.get("content"), body: b.inBody})
}

func (b *builder) onEnd() {
	tag, _ := tagOf(b.z.Raw())
	if b.skip != 0 {
		b.endSkipped(tag)
		return
	}
	if b.raw != 0 {
		b.raw, b.ldJSON = 0, false
		return
	}
	b.flush()
	switch tag {
	case atom.Html, atom.Body, atom.Head:
		return
	case atom.Br:
		b.add(node{tag: atom.Br})
		return
	case 0:
		tag = customTag
	}
	if i := b.find(tag, scopeTags); i > 0 {
		b.popTo(i)
	}
}

// endSkipped ends skipping at the matching end tag, or at the end tag of an
// open element, which closes the skipped one too.
func (b *builder) endSkipped(tag atom.Atom) {
	if tag == b.skip {
		if b.skipped > 0 {
			b.skipped--
			return
		}
		b.skip = 0
		return
	}
	if i := b.find(tag, scopeTags); i > 0 {
		b.skip = 0
		b.popTo(i)
	}
}

// find returns the stack position of the innermost open element with tag,
// searching no further down than an element in stop; 0 when not found.
func (b *builder) find(tag atom.Atom, stop map[atom.Atom]bool) int {
	for i := len(b.stack) - 1; i > 0; i-- {
		t := b.doc.nodes[b.stack[i]].tag
		if t == tag {
			return i
		}
		if stop[t] {
			return 0
		}
	}
	return 0
}

// closeImplied closes the elements a start tag ends implicitly.
func (b *builder) closeImplied(tag atom.Atom) {
	if kinds[tag]&kindClosesP != 0 {
		b.closeNearest(atom.P, scopeTags)
	}
	switch tag {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if top := b.doc.nodes[b.stack[len(b.stack)-1]].tag; headingTags[top] {
			b.popTo(len(b.stack) - 1)
		}
	case atom.Li:
		b.closeNearest(atom.Li, listStops)
	case atom.Dt, atom.Dd:
		b.closeNearest(atom.Dt, listStops)
		b.closeNearest(atom.Dd, listStops)
	case atom.Tr:
		b.closeNearest(atom.Tr, tableStops)
	case atom.Td, atom.Th:
		b.closeNearest(atom.Td, rowStops)
		b.closeNearest(atom.Th, rowStops)
	case atom.A:
		b.closeNearest(atom.A, scopeTags)
	}
}

func (b *builder) closeNearest(tag atom.Atom, stop map[atom.Atom]bool) {
	if k := trackedIndex(tag); k >= 0 && b.open[k] == 0 {
		return
	}
	if i := b.find(tag, stop); i > 0 {
		b.popTo(i)
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
