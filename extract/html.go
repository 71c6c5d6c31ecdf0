package extract

import (
	"fmt"
	"strings"

	"github.com/tickerwire/tickerwire/article"
)

// relaxBelow is the body length (bytes) under which the extraction is
// redone without class-name noise, in case a class name such as
// "main-with-sidebar" sat on the article's own container.
const relaxBelow = 500

// fromDocument extracts the article of a parsed page.
func fromDocument(doc *document, opt Options) (article.Article, error) {
	p, roots, paras := extractBody(doc)
	ld := readLinkedData(doc.jsonLD)
	canonical := canonicalURL(doc, opt.URL)
	a := article.Article{
		URL:          opt.URL,
		CanonicalURL: canonical,
		Site:         siteName(doc, ld, opt.URL, canonical),
		Language:     language(doc, ld),
		Fetched:      opt.Fetched,
	}
	a.Title = p.chooseTitle(ld, a.Site)
	a.Body = strings.Join(loadBoilerplate().clean(paras, a.Title), "\n\n")
	if a.Title == "" && a.Body == "" {
		return article.Article{}, fmt.Errorf("%w: the page has no title and no text", ErrNoArticle)
	}
	h := p.readHeader(roots)
	a.Author = firstNonEmpty(metaAuthor(doc, ld), h.author)
	dayFirst := a.Language != "" && a.Language != "en"
	a.Published, a.PublishedFrom = published(dateCandidates(doc, ld, h, firstNonEmpty(opt.URL, canonical)), opt.fetchedOr(), dayFirst)
	return a, nil
}

// extractBody finds and renders the article's paragraphs. It returns the
// page analysis used and the chosen content roots, which locate the
// article's header for dates and bylines.
func extractBody(doc *document) (*page, []int32, []string) {
	p := newPage(doc, true)
	roots := p.chooseContent()
	paras := p.render(roots)
	if textSize(paras) >= relaxBelow {
		return p, roots, paras
	}
	q := newPage(doc, false)
	qroots := q.chooseContent()
	if qparas := q.render(qroots); textSize(qparas) > 2*textSize(paras) {
		return q, qroots, qparas
	}
	return p, roots, paras
}

// textSize is the total length of paragraphs in bytes.
func textSize(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}
