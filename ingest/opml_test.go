package ingest

import (
	"strings"
	"testing"
)

func TestDefaultFeedsAreManyAndVaried(t *testing.T) {
	feeds := DefaultFeeds()
	if len(feeds) < 20 {
		t.Fatalf("%d default feeds, want at least 20", len(feeds))
	}
	hosts := make(map[string]bool)
	groups := make(map[string]bool)
	for _, f := range feeds {
		if !strings.HasPrefix(f.URL, "https://") || f.Title == "" {
			t.Errorf("bad feed %+v", f)
		}
		hosts[hostOf(f.URL)] = true
		groups[f.Group] = true
	}
	if len(hosts) < 10 {
		t.Errorf("only %d outlets", len(hosts))
	}
	for _, g := range []string{"Outlets and wires", "Company press releases", "Regulators and central banks"} {
		if !groups[g] {
			t.Errorf("missing group %q", g)
		}
	}
}

func TestParseOPML(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    int
		wantErr string
	}{
		{"nested folders", `<opml version="2.0"><body><outline text="News"><outline text="A" xmlUrl="https://a.example/feed"/><outline text="Deeper"><outline title="B" xmlUrl="http://b.example/rss"/></outline></outline></body></opml>`, 2, ""},
		{"duplicates and non-http skipped", `<opml><body><outline text="A" xmlUrl="https://a.example/feed"/><outline text="A2" xmlUrl="https://a.example/feed"/><outline text="F" xmlUrl="file:///etc/passwd"/></body></opml>`, 1, ""},
		{"no feeds", `<opml><body><outline text="empty"/></body></opml>`, 0, "no feed"},
		{"not xml", `hello`, 0, "parse OPML"},
		{"other encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><opml><body/></opml>`, 0, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feeds, err := ParseOPML(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(feeds) != tt.want {
				t.Fatalf("got %d feeds, err %v; want %d", len(feeds), err, tt.want)
			}
		})
	}
}

func FuzzParseOPML(f *testing.F) {
	f.Add(string(defaultFeeds))
	f.Add(`<opml><body><outline xmlUrl="https://x.example/"/></body></opml>`)
	f.Fuzz(func(t *testing.T, in string) {
		feeds, err := ParseOPML(strings.NewReader(in))
		if err == nil && len(feeds) == 0 {
			t.Fatal("no error and no feeds")
		}
		for _, fd := range feeds {
			if !isURL(fd.URL) {
				t.Fatalf("non-URL feed %q", fd.URL)
			}
		}
	})
}
