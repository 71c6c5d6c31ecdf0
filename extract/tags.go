package extract

import "golang.org/x/net/html/atom"

// Sets of elements by the role they play in the tree and in the text.
var (
	voidTags = tagSet(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr,
		atom.Img, atom.Input, atom.Link, atom.Meta, atom.Param, atom.Source,
		atom.Track, atom.Wbr, atom.Keygen)

	// closesP are the start tags that end an open paragraph.
	closesP = tagSet(atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Center, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hgroup, atom.Hr, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol,
		atom.P, atom.Pre, atom.Section, atom.Summary, atom.Table, atom.Ul,
		atom.Dd, atom.Dt, atom.Listing)

	// scopeTags bound the search for an element to close.
	scopeTags = tagSet(atom.Table, atom.Td, atom.Th, atom.Caption, atom.Template,
		atom.Applet, atom.Marquee, atom.Object, atom.Body)
	listStops  = tagSet(atom.Ul, atom.Ol, atom.Menu, atom.Dl, atom.Table, atom.Td, atom.Th, atom.Body, atom.Article, atom.Section, atom.Main, atom.Nav, atom.Aside, atom.Blockquote)
	tableStops = tagSet(atom.Table, atom.Body)
	rowStops   = tagSet(atom.Tr, atom.Table, atom.Body)

	headingTags = tagSet(atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)

	// blockTags start a new paragraph when rendered as text.
	blockTags = tagSet(atom.Address, atom.Article, atom.Aside, atom.Blockquote,
		atom.Center, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl,
		atom.Dd, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Li, atom.Main,
		atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Summary, atom.Table, atom.Tr, atom.Ul, atom.Caption, atom.Body,
		atom.Tbody, atom.Thead, atom.Tfoot, atom.Listing, atom.Legend, customTag)

	// scoreTags are the blocks whose own text scores as a paragraph.
	scoreTags = tagSet(atom.P, atom.Pre, atom.Td, atom.Blockquote, atom.Div,
		atom.Section, atom.Article, atom.Main, atom.Li, atom.Dd, customTag)

	// containerTags hold paragraphs; text written straight into them
	// scores for themselves.
	containerTags = tagSet(atom.Div, atom.Section, atom.Article, atom.Main, atom.Td, customTag)

	// noiseTags never hold article text: navigation, asides, footers,
	// captions and the page or article header.
	noiseTags = tagSet(atom.Nav, atom.Aside, atom.Footer, atom.Menu, atom.Dialog, atom.Figcaption, atom.Header)

	// protectedTags are never noise because of a class name.
	protectedTags = tagSet(atom.Html, atom.Body, atom.Main, atom.Article)

	// cellTags are inline in the text but separate words.
	cellTags = tagSet(atom.Td, atom.Th, atom.Img, atom.Input, atom.Label)
)

// tagKind is a bit set of the roles of an element's tag, computed once per
// element so that the passes over the tree do not look tags up.
type tagKind uint16

const (
	kindBlock     tagKind = 1 << iota // starts a new paragraph (blockTags)
	kindScore                         // own text scores as a paragraph (scoreTags)
	kindContainer                     // holds paragraphs; own text scores for itself
	kindNoise                         // never article text (noiseTags)
	kindProtected                     // never noise by class name
	kindCell                          // inline but separates words
	kindVoid                          // has no content
	kindClosesP                       // its start tag ends an open <p>
	kindHeading                       // h1-h6
)

// kinds maps tags to their roles.
var kinds = func() map[atom.Atom]tagKind {
	m := map[atom.Atom]tagKind{}
	for _, set := range []struct {
		tags map[atom.Atom]bool
		kind tagKind
	}{
		{blockTags, kindBlock}, {scoreTags, kindScore}, {containerTags, kindContainer},
		{noiseTags, kindNoise}, {protectedTags, kindProtected}, {cellTags, kindCell},
		{voidTags, kindVoid}, {closesP, kindClosesP}, {headingTags, kindHeading},
	} {
		for t := range set.tags {
			m[t] |= set.kind
		}
	}
	return m
}()

func tagSet(tags ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(tags))
	for _, t := range tags {
		m[t] = true
	}
	return m
}
