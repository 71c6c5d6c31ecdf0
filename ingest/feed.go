package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrNotAFeed reports a document that is neither RSS, Atom nor JSON Feed.
var ErrNotAFeed = errors.New("not an RSS, Atom or JSON feed")

// Entry is one item of a feed, reduced to what ingestion needs.
type Entry struct {
	// ID identifies the entry within its feed: the GUID, else the link.
	ID string
	// Link is the entry's page, resolved against the feed's address.
	Link   string
	Title  string
	Author string
	// Content is the entry's HTML or text: the full content when the feed
	// carries it, else the description (often only a teaser).
	Content string
	// Published is zero when the feed gives no usable date.
	Published  time.Time
	Categories []string
}

// FeedDoc is a parsed feed.
type FeedDoc struct {
	Title, Site string
	// Kind is "rss", "atom" or "json".
	Kind    string
	Entries []Entry
}

// ParseFeed parses an RSS 0.9x/1.0/2.0, Atom or JSON Feed document. base is
// the feed's address, used to resolve relative entry links. Entries without
// a link and without content are dropped; the rest keep feed order.
func ParseFeed(raw []byte, base string) (FeedDoc, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return FeedDoc{}, ErrNotAFeed
		}
		return FeedDoc{}, fmt.Errorf("malformed feed: %w", err)
	}
	doc := FeedDoc{Title: strings.TrimSpace(f.Title), Site: f.Link, Kind: f.FeedType}
	baseURL, _ := url.Parse(base)
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		e := entryOf(it, baseURL)
		if e.Link == "" && strings.TrimSpace(e.Content) == "" {
			continue
		}
		doc.Entries = append(doc.Entries, e)
	}
	return doc, nil
}

func entryOf(it *gofeed.Item, base *url.URL) Entry {
	e := Entry{
		Title:      strings.TrimSpace(it.Title),
		Link:       resolve(base, firstNonEmpty(it.Link, first(it.Links))),
		Content:    firstNonEmpty(it.Content, it.Description),
		Categories: it.Categories,
	}
	e.ID = firstNonEmpty(strings.TrimSpace(it.GUID), e.Link)
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			e.Author = strings.TrimSpace(p.Name)
			break
		}
	}
	switch {
	case it.PublishedParsed != nil:
		e.Published = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		e.Published = it.UpdatedParsed.UTC()
	}
	return e
}

// resolve makes link absolute against base, keeping only http and https.
func resolve(base *url.URL, link string) string {
	link = strings.TrimSpace(link)
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return u.String()
}

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}
