// Package extract turns a web page or a plain text into an article.Article:
// the article's own text without navigation, related links, comments, author
// bios or share bars, plus its title, author, site, language, canonical
// address and publication time.
//
// A page goes through these steps, one file each:
//
//	charset.go    decode to UTF-8 (header, byte order mark, <meta>, fallback)
//	builder.go    build a compact element tree from the tokenizer of
//	              golang.org/x/net/html (dom.go, rawtag.go, tags.go)
//	page.go       mark noise (tags, roles, hidden, class names from
//	              data/classes.txt) and measure text and links per element
//	content.go    score containers and choose the one holding the article
//	render.go     write it as paragraphs, leaving out link-heavy blocks
//	boiler.go     drop boilerplate paragraphs (data/boilerplate.txt)
//	meta.go       title (title.go), site, language, author, canonical address
//	jsonld.go     schema.org JSON-LD
//	published.go  the publication time and its evidence (date.go, written.go)
//
// Plain text shares the paragraph cleaning (text.go). Evaluate scores the
// whole against a labelled set of pages (evaluate.go).
//
// All functions are safe for concurrent use; they keep no state between
// calls.
package extract

import (
	"context"
	"errors"
	"time"

	"github.com/tickerwire/tickerwire/article"
)

// Options describe where an input came from. The zero value is valid: no
// address, no header, fetched now.
type Options struct {
	// URL is the page address when known. It sets Article.URL, resolves a
	// relative canonical link, gives the site when the page names none and
	// a date when the path holds one (/2024/05/17/).
	URL string
	// ContentType is the HTTP Content-Type header when known; its charset
	// parameter wins over the page's own declaration.
	ContentType string
	// Fetched is when the input was read. Published is never later than
	// Fetched; the zero value means now.
	Fetched time.Time
}

// ErrNoArticle reports input with nothing article-like in it: binary data,
// an empty page, markup without text. Errors returned by HTML and Text wrap
// it with the reason.
var ErrNoArticle = errors.New("no article found")

// Evidence for Article.PublishedFrom, strongest first.
const (
	FromJSONLD = "json-ld"      // schema.org datePublished in a JSON-LD script
	FromMeta   = "meta"         // article:published_time, pubdate, DC.date, itemprop
	FromTime   = "time-element" // <time datetime> in the article header
	FromURL    = "url"          // a date in the address path
	FromText   = "text"         // a date written near the top of the article
)

// HTML extracts the article from the page raw (any charset; see Options).
// The returned Article has at least a Title or a Body; otherwise the error
// wraps ErrNoArticle. Other errors come from ctx. raw is not modified or
// retained. Work is bounded: pages over maxInput bytes are cut and only the
// first maxNodes elements are considered.
func HTML(ctx context.Context, raw []byte, opt Options) (article.Article, error) {
	if err := ctx.Err(); err != nil {
		return article.Article{}, err
	}
	src, err := decode(raw, opt.ContentType)
	if err != nil {
		return article.Article{}, err
	}
	doc, err := parse(src)
	if err != nil {
		return article.Article{}, err
	}
	if err := ctx.Err(); err != nil {
		return article.Article{}, err
	}
	return fromDocument(doc, opt)
}

// Text builds an article from plain text: a short first line without a final
// period becomes the title, and trailing boilerplate (author bios, "Leave a
// comment", spam-filter notices, related-headline lists, "Read more" lines,
// repeated sub-headings) is dropped. Published comes from a date written near
// the top, if any. The error wraps ErrNoArticle when no text remains, or
// comes from ctx.
func Text(ctx context.Context, s string, opt Options) (article.Article, error) {
	if err := ctx.Err(); err != nil {
		return article.Article{}, err
	}
	return fromText(s, opt)
}

// fetchedOr returns opt.Fetched, or now when it is zero.
func (opt Options) fetchedOr() time.Time {
	if opt.Fetched.IsZero() {
		return time.Now()
	}
	return opt.Fetched
}
