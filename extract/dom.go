package extract

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep work linear on giant or hostile pages: elements past
// maxNodes are ignored, and elements nested deeper than maxDepth are
// attached to the element at that depth instead.
const (
	maxNodes = 200_000
	maxDepth = 256
)

// none marks a missing node index.
const none = -1

// node is an element or a text of a page. Nodes live in document.nodes in
// document order, so a parent always precedes its children; links are
// indices into that slice.
type node struct {
	tag   atom.Atom // 0 for a text node
	kind  tagKind   // the roles of tag
	text  string    // the text of a text node
	id    string    // id attribute, lower-cased
	class string    // class attribute, lower-cased
	// hidden is set by the hidden attribute, aria-hidden="true" or a
	// style with display:none or visibility:hidden.
	hidden bool
	attrs  []attr // the other attributes the extractor reads

	parent, first, last, next int32
}

// attr is one attribute of an element, with a lower-cased key.
type attr struct{ key, val string }

// document is a parsed page: the element tree plus what the head declares.
type document struct {
	nodes  []node
	title  string   // text of <title>
	metas  []meta   // every <meta> of the page, in order
	links  []attr   // rel -> href of every <link>
	jsonLD []string // bodies of <script type="application/ld+json">
	lang   string   // lang of <html>
}

// meta is one <meta> tag; key is its name, property, itemprop or
// http-equiv, lower-cased.
type meta struct {
	key, content string
	body         bool // the tag sits in the body, not the head
}

// keptAttrs are the attributes stored on nodes besides id and class.
var keptAttrs = map[string]bool{
	"itemprop": true, "itemtype": true, "role": true, "datetime": true,
	"content": true, "rel": true,
}

// get returns the value of attribute key, or "".
func (n *node) get(key string) string {
	for _, a := range n.attrs {
		if a.key == key {
			return a.val
		}
	}
	return ""
}

// parse builds the tree of src with a streaming tokenizer and the tree rules
// that matter for text: implied ends of p, li, dt, dd, tr, td and option,
// void elements, and end tags that close the nearest open element of their
// name. Content that is never shown as text (scripts, styles, SVG, forms'
// controls, media fallbacks) is skipped, except JSON-LD which is kept.
func parse(src []byte) (*document, error) {
	b := builder{
		doc: &document{nodes: make([]node, 1, len(src)/200+64)},
		z:   html.NewTokenizer(bytes.NewReader(src)),
	}
	b.doc.nodes[0] = node{parent: none, first: none, last: none, next: none}
	b.stack = append(b.stack, 0)
	b.run()
	if len(b.doc.nodes) == 1 && b.doc.title == "" && len(b.doc.metas) == 0 {
		return nil, errNoMarkup
	}
	return b.doc, nil
}
