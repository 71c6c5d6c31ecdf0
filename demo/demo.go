// Package demo holds the bundled sample articles that `tickerwire serve
// --demo` loads, so that a new user sees a populated API at once. The
// articles are fictional: the Tickerwire team wrote them for the demo and they
// are not real news (see data/README.md).
//
// Each file under data/articles is a header of "key: value" lines (title,
// source, author, url, age), a blank line, then the body, whose paragraphs
// are separated by blank lines. The age says how long before "now" the
// article was published, so the demo always looks recent.
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"time"

	"github.com/tickerwire/tickerwire/article"
)

//go:embed data/articles/*.txt
var files embed.FS

// articleDir is the directory of the embedded article files.
const articleDir = "data/articles"

// PublishedFrom is the Article.PublishedFrom of every demo article.
const PublishedFrom = "demo"

// Articles parses the bundled articles and dates them relative to now. Each
// article's Published is now minus its age, in UTC and rounded down to the
// minute, so it is never later than now. Site is the invented outlet,
// PublishedFrom is "demo", Language is "en"; ID, CanonicalURL and Fetched are
// left empty. The result is sorted by Published, oldest first (ties keep
// file-name order).
//
// An error is a *ParseError naming the file and line at fault; with the
// bundled files it can only mean the package was built from a broken edit.
// Articles is safe for concurrent use and returns a new slice on every call.
func Articles(now time.Time) ([]article.Article, error) {
	entries, err := fs.ReadDir(files, articleDir)
	if err != nil {
		return nil, fmt.Errorf("demo: read %s: %w", articleDir, err)
	}
	out := make([]article.Article, 0, len(entries))
	for _, e := range entries {
		name := path.Join(articleDir, e.Name())
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo: read %s: %w", name, err)
		}
		a, err := parse(name, data, now)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b article.Article) int {
		return a.Published.Compare(b.Published)
	})
	return out, nil
}

//go:embed data/portfolio.csv
var portfolioCSV []byte

// PortfolioName is the name of the demo portfolio.
const PortfolioName = "demo"

// Portfolio returns the demo portfolio as CSV (ticker, quantity, cost).
func Portfolio() []byte { return portfolioCSV }
