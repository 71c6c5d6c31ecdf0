package extract

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html/atom"
)

// metaDateKeys are the head <meta> keys that carry a publication date, most
// specific first.
var metaDateKeys = []string{
	"article:published_time", "og:article:published_time", "article.published",
	"datepublished", "og:published_time", "published_time", "publishdate",
	"publish-date", "publish_date", "pubdate", "parsely-pub-date", "sailthru.date",
	"article_date_original", "original-publish-date", "dc.date.issued",
	"dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
	"citation_publication_date", "date", "displaydate",
}

// dateCandidate is one piece of evidence for the publication time.
type dateCandidate struct {
	value string // as written
	from  string // FromJSONLD, FromMeta, ...
}

// header is what the top of the article says about itself: found in the
// region from the article's start to the end of its text, never in
// comments or related links.
type header struct {
	itemDate string // itemprop=datePublished
	timeDate string // <time datetime>
	textDate string // a short text that holds a date
	author   string // itemprop=author, rel=author or a byline
}

// published returns the first candidate, in order of evidence, that reads
// as a date no later than fetched. dayFirst reads written dates such as
// 05/10/2018 day first, as outside the US.
func published(cands []dateCandidate, fetched time.Time, dayFirst bool) (time.Time, string) {
	for _, c := range cands {
		if c.value == "" {
			continue
		}
		t, ok := parseDate(c.value)
		if c.from == FromText {
			t, ok = findDate(c.value, dayFirst)
		}
		if ok && !t.After(fetched) {
			return t, c.from
		}
	}
	return time.Time{}, ""
}

// dateCandidates lists the evidence in order: JSON-LD, head meta tags,
// microdata, the article's <time>, the address, the article's text.
func dateCandidates(doc *document, ld linkedData, h header, pageURL string) []dateCandidate {
	out := []dateCandidate{{ld.published, FromJSONLD}}
	for _, k := range metaDateKeys {
		out = append(out, dateCandidate{doc.metaValue(k), FromMeta})
	}
	return append(out,
		dateCandidate{h.itemDate, FromMeta},
		dateCandidate{h.timeDate, FromTime},
		dateCandidate{urlDate(pageURL), FromURL},
		dateCandidate{h.textDate, FromText})
}

// urlDate returns "yyyy-mm-dd" for a date in the path of rawURL
// (/2024/05/17/, /2024-05-17/, /20240517/), or "".
func urlDate(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
	months := loadMonths()
	for i, s := range segs {
		if len(s) == 4 && i+2 < len(segs) && allDigits(s) && months[strings.ToLower(segs[i+1])] != 0 && allDigits(segs[i+2]) && len(segs[i+2]) <= 2 {
			return s + "-" + pad2(strconv.Itoa(months[strings.ToLower(segs[i+1])])) + "-" + pad2(segs[i+2])
		}
		if len(s) == 4 && i+2 < len(segs) && allDigits(s) && allDigits(segs[i+1]) && allDigits(segs[i+2]) && len(segs[i+1]) <= 2 && len(segs[i+2]) <= 2 {
			return s + "-" + pad2(segs[i+1]) + "-" + pad2(segs[i+2])
		}
		if len(s) >= 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]+s[5:7]+s[8:10]) && (len(s) == 10 || s[10] == '-' || s[10] == '_') {
			return s[:10]
		}
		if len(s) == 8 && allDigits(s) && (s[:2] == "19" || s[:2] == "20") {
			return s[:4] + "-" + s[4:6] + "-" + s[6:]
		}
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// maxHeaderText bounds the text read for a written date at the top of the
// article, in bytes.
const maxHeaderText = 1500

// readHeader scans the article region: from the enclosing <article> (or
// the content's grandparent) to the end of the content, skipping comments,
// related links and other regions that carry dates of other pages.
func (p *page) readHeader(roots []int32) header {
	var h header
	if len(roots) == 0 {
		return h
	}
	nodes := p.doc.nodes
	start, stop := p.regionStart(roots[0]), p.end(roots[len(roots)-1])
	textFrom := p.headlineIn(start, roots[0])
	textBudget := maxHeaderText
	for j := start; j < stop; j++ {
		n := &nodes[j]
		if n.tag != 0 && p.isDateNoise(n) {
			j = p.end(j) - 1
			continue
		}
		switch {
		case n.tag == 0:
			if h.textDate == "" && j > textFrom && textBudget > 0 && len(n.text) < 200 {
				textBudget -= len(n.text)
				if _, ok := findDate(n.text, false); ok {
					h.textDate = n.text
				}
			}
		case n.get("itemprop") == "datePublished":
			if h.itemDate == "" {
				h.itemDate = firstNonEmpty(n.get("content"), n.get("datetime"), p.textOf(j))
			}
		case n.tag == atom.Time:
			if h.timeDate == "" {
				h.timeDate = firstNonEmpty(n.get("datetime"), p.textOf(j))
			}
		}
		if h.author == "" {
			h.author = p.bylineAt(j)
		}
	}
	return h
}

// headlineIn returns the first <h1> in [start, root), where the written
// date of an article follows; root when there is none.
func (p *page) headlineIn(start, root int32) int32 {
	for j := start; j < root; j++ {
		if p.doc.nodes[j].tag == atom.H1 {
			return j
		}
	}
	return root
}

// regionStart returns where the article begins: the nearest enclosing
// <article> or schema.org Article within a few levels, else the
// grandparent of the content.
func (p *page) regionStart(root int32) int32 {
	nodes := p.doc.nodes
	a := root
	for level := 0; level < 6 && a > 0; level++ {
		if nodes[a].tag == atom.Article || strings.Contains(nodes[a].get("itemtype"), "Article") {
			return a
		}
		a = nodes[a].parent
	}
	for level := 0; level < 2 && nodes[root].parent > 0; level++ {
		root = nodes[root].parent
	}
	return root
}

// isDateNoise reports whether element n holds other pages' dates:
// comments, related links, sidebars, navigation.
func (p *page) isDateNoise(n *node) bool {
	switch n.tag {
	case atom.Aside, atom.Nav, atom.Footer, atom.Form:
		return true
	}
	return p.namesDateNoise(n.class) || p.namesDateNoise(n.id)
}

// namesDateNoise reports, with a cache, whether a class or id value names
// a region of other pages' dates (data/classes.txt, [date-noise]).
func (p *page) namesDateNoise(v string) bool {
	if v == "" {
		return false
	}
	if yes, ok := p.dateNoise[v]; ok {
		return yes
	}
	yes := false
	for _, part := range p.classes.dateNoise {
		if strings.Contains(v, part) {
			yes = true
			break
		}
	}
	p.dateNoise[v] = yes
	return yes
}

// bylineAt returns the author named by element j: itemprop=author (or its
// name), rel=author, or a byline class; "" otherwise.
func (p *page) bylineAt(j int32) string {
	n := &p.doc.nodes[j]
	if n.tag == 0 {
		return ""
	}
	prop := n.get("itemprop")
	switch {
	case prop == "author" || prop == "creator":
		if name := p.itemName(j); name != "" {
			return cleanAuthor(name)
		}
		return cleanAuthor(firstNonEmpty(n.get("content"), p.textOf(j)))
	case n.tag == atom.A && strings.Contains(n.get("rel"), "author"):
		return cleanAuthor(p.textOf(j))
	case hasWord(n.class, "byline") || hasWord(n.class, "author") || hasWord(n.class, "author-name"):
		a := cleanAuthor(p.textOf(j))
		if len(strings.Fields(a)) <= 6 {
			return a
		}
	}
	return ""
}

// itemName returns the itemprop=name inside an author item.
func (p *page) itemName(i int32) string {
	nodes := p.doc.nodes
	for j, end := i+1, p.end(i); j < end; j++ {
		if nodes[j].tag != 0 && nodes[j].get("itemprop") == "name" {
			return firstNonEmpty(nodes[j].get("content"), p.textOf(j))
		}
	}
	return ""
}

// hasWord reports whether a class list contains name.
func hasWord(class, name string) bool {
	for _, c := range strings.Fields(class) {
		if c == name {
			return true
		}
	}
	return false
}
