package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseFeedReadsRSSAtomAndJSONFeed(t *testing.T) {
	tests := []struct {
		file, base string
		kind       string
		want       []Entry
	}{
		{"feed.rss", "https://news.example.com/rss", "rss", []Entry{
			{ID: "ex-1001", Link: "https://news.example.com/2026/11/20/amazon-aws-capacity", Title: "Amazon lifts AWS capacity plans as Trainium demand grows",
				Author: "Dana Ortiz", Published: time.Date(2026, 11, 20, 19, 5, 0, 0, time.UTC)},
			{ID: "https://news.example.com/2026/11/19/target-outlook", Link: "https://news.example.com/2026/11/19/target-outlook",
				Title: "Target cuts its full-year outlook", Published: time.Date(2026, 11, 19, 12, 0, 0, 0, time.UTC)},
		}},
		{"feed.atom", "https://ir.example.org/feed", "atom", []Entry{
			{ID: "urn:example:press:q3-2026", Link: "https://ir.example.org/releases/q3-2026", Title: "Example Corp reports record third-quarter revenue",
				Author: "Example Corp Investor Relations", Published: time.Date(2026, 11, 21, 7, 30, 0, 0, time.UTC)},
		}},
		{"feed.json", "https://json.example.net/feed.json", "json", []Entry{
			{ID: "j-1", Link: "https://json.example.net/fed-holds", Title: "Fed holds rates steady, signals patience",
				Author: "Lee Park", Published: time.Date(2026, 11, 18, 19, 0, 0, 0, time.UTC)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ParseFeed(raw, tt.base)
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if doc.Kind != tt.kind {
				t.Errorf("kind %q, want %q", doc.Kind, tt.kind)
			}
			if len(doc.Entries) != len(tt.want) {
				t.Fatalf("%d entries, want %d: %+v", len(doc.Entries), len(tt.want), doc.Entries)
			}
			for i, w := range tt.want {
				g := doc.Entries[i]
				if g.ID != w.ID || g.Link != w.Link || g.Title != w.Title || g.Author != w.Author || !g.Published.Equal(w.Published) {
					t.Errorf("entry %d:\n got %+v\nwant %+v", i, g, w)
				}
				if g.Content == "" {
					t.Errorf("entry %d has no content", i)
				}
			}
		})
	}
}

func TestParseFeedRejectsWhatIsNotAFeed(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want error
	}{
		{"html page", "<!doctype html><html><body><p>hello</p></body></html>", ErrNotAFeed},
		{"empty", "", ErrNotAFeed},
		{"binary", "\x00\x01\x02\xff\xfe", ErrNotAFeed},
	}
	malformed := []string{
		`<rss version="2.0"><channel><item><title>a</titl`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x`,
	}
	for _, raw := range malformed {
		t.Run("malformed "+raw[:12], func(t *testing.T) {
			_, err := ParseFeed([]byte(raw), "https://example.com/")
			if err == nil || errors.Is(err, ErrNotAFeed) {
				t.Fatalf("err = %v, want a malformed-feed error", err)
			}
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseFeed([]byte(tt.raw), "https://example.com/")
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestParseFeedDropsUnsafeLinks(t *testing.T) {
	raw := `<rss version="2.0"><channel><title>x</title>
<item><title>a</title><link>javascript:alert(1)</link><description>text</description></item>
<item><title>b</title><link>file:///etc/passwd</link><description>text</description></item>
</channel></rss>`
	doc, err := ParseFeed([]byte(raw), "https://example.com/")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Entries {
		if e.Link != "" {
			t.Errorf("entry %q kept unsafe link %q", e.Title, e.Link)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"feed.rss", "feed.atom", "feed.json"} {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte(`<rss><channel><item><link>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		doc, err := ParseFeed(raw, "https://example.com/feed")
		if err != nil {
			return
		}
		for _, e := range doc.Entries {
			if e.Link == "" && e.Content == "" {
				t.Fatalf("entry without link and content kept: %+v", e)
			}
		}
	})
}
