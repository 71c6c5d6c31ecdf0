package extract

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// titleSeparators divide a <title> into the headline and the site's name.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " // ", " : "}

// chooseTitle returns the headline: the page's <h1> when it agrees with the
// declared titles (it carries no site name), else og:title, the JSON-LD
// headline or <title>, with the site's name cut off.
func (p *page) chooseTitle(ld linkedData, site string) string {
	declared := firstNonEmpty(p.doc.metaValue("og:title", "twitter:title"), ld.headline)
	tag := collapseSpace(p.doc.title)
	for _, h := range p.headings(3) {
		if !strings.EqualFold(h, site) && (agrees(h, declared) || agrees(h, tag)) {
			return h
		}
	}
	if declared != "" {
		return stripSite(collapseSpace(declared), site, false)
	}
	return stripSite(tag, site, true)
}

// agrees reports whether heading h is the declared title, or the declared
// title with a site name added.
func agrees(h, declared string) bool {
	if len(h) < 8 || declared == "" {
		return false
	}
	h, declared = strings.ToLower(h), strings.ToLower(collapseSpace(declared))
	return h == declared || strings.HasPrefix(declared, h) || strings.HasSuffix(declared, h)
}

// headings returns the text of the first n visible <h1> elements.
func (p *page) headings(n int) []string {
	var out []string
	for i := range p.doc.nodes {
		if p.doc.nodes[i].tag != atom.H1 || p.doc.nodes[i].hidden {
			continue
		}
		if t := p.textOf(int32(i)); t != "" {
			out = append(out, t)
			if len(out) == n {
				break
			}
		}
	}
	return out
}

// stripSite removes the site's name from a title: a segment equal to site,
// and with guess set also a short last segment (" | Business Daily").
func stripSite(title, site string, guess bool) string {
	for _, sep := range titleSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		kept := parts[:0]
		for _, part := range parts {
			if !strings.EqualFold(strings.TrimSpace(part), site) {
				kept = append(kept, part)
			}
		}
		if len(kept) == len(parts) && guess {
			last := kept[len(kept)-1]
			if len(strings.Fields(last)) <= 4 && 3*len(last) < len(title) {
				kept = kept[:len(kept)-1]
			}
		}
		if len(kept) > 0 {
			return strings.TrimSpace(strings.Join(kept, sep))
		}
	}
	return title
}

// maxTextOf bounds the text textOf gathers, in bytes: it reads headings,
// bylines and dates, never whole articles.
const maxTextOf = 1000

// textOf returns the visible text of subtree i on one line, at most about
// maxTextOf bytes of it.
func (p *page) textOf(i int32) string {
	var b strings.Builder
	nodes := p.doc.nodes
	for j, end := i, p.end(i); j < end && b.Len() < maxTextOf; j++ {
		if nodes[j].tag == 0 {
			b.WriteString(nodes[j].text)
			b.WriteByte(' ')
		}
	}
	return collapseSpace(b.String())
}
