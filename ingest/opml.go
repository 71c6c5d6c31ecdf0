package ingest

import (
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

//go:embed data/default-feeds.opml
var defaultFeeds []byte

// Feed is one feed subscription from an OPML file.
type Feed struct {
	// Title is the feed's name; Group the outline folder it sits in.
	Title, Group string
	// URL is the feed's address (xmlUrl); Site the website (htmlUrl).
	URL, Site string
}

// DefaultFeeds returns the curated list of public financial news feeds that
// `tickerwire serve` polls when no sources are configured.
func DefaultFeeds() []Feed {
	feeds, err := ParseOPML(strings.NewReader(string(defaultFeeds)))
	if err != nil {
		panic(fmt.Sprintf("embedded default-feeds.opml: %v", err))
	}
	return feeds
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr"`
	XMLURL   string        `xml:"xmlUrl,attr"`
	HTMLURL  string        `xml:"htmlUrl,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Body    []opmlOutline `xml:"body>outline"`
}

// maxOPML caps what ParseOPML reads: subscription lists are small.
const maxOPML = 8 << 20

// ParseOPML reads feed subscriptions from an OPML document (as exported by
// feed readers), flattening folders into Feed.Group. Outlines without an
// http or https xmlUrl are skipped; an OPML with no feed at all is an error.
func ParseOPML(r io.Reader) ([]Feed, error) {
	dec := xml.NewDecoder(io.LimitReader(r, maxOPML))
	dec.Strict = false
	dec.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); l == "utf-8" || l == "us-ascii" || l == "utf8" {
			return in, nil
		}
		return nil, fmt.Errorf("unsupported OPML encoding %q: save the file as UTF-8", label)
	}
	var doc opmlDoc
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse OPML: %w", err)
	}
	var feeds []Feed
	seen := make(map[string]bool)
	var walk func(os []opmlOutline, group string)
	walk = func(os []opmlOutline, group string) {
		for _, o := range os {
			name := strings.TrimSpace(firstNonEmpty(o.Title, o.Text))
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				if isURL(u) && !seen[u] {
					seen[u] = true
					feeds = append(feeds, Feed{Title: name, Group: group, URL: u, Site: strings.TrimSpace(o.HTMLURL)})
				}
				continue
			}
			walk(o.Outlines, name)
		}
	}
	walk(doc.Body, "")
	if len(feeds) == 0 {
		return nil, errors.New("parse OPML: no feed with an http(s) xmlUrl found")
	}
	return feeds, nil
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// hostOf returns the host of a feed URL, for grouping and rate limits.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return p.Hostname()
}
