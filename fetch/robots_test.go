package fetch

import (
	"bytes"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

func parseRobotsFile(t *testing.T, name string) *Robots {
	t.Helper()
	f, err := os.Open("testdata/robots/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ParseRobots(f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRobotsNewsSite(t *testing.T) {
	r := parseRobotsFile(t, "news-site.txt")
	const tw = "Tickerwire/0.3 (+https://github.com/tickerwire/tickerwire)"
	tests := []struct {
		name, agent, path string
		want              bool
	}{
		{"tickerwire may read articles", tw, "/markets/2026/03/copper-record", true},
		{"tickerwire keeps out of premium", tw, "/premium/analysis", false},
		{"longer Allow beats Disallow", tw, "/premium/free-preview", true},
		{"end anchor matches the exact path", tw, "/markets/live", false},
		{"end anchor does not match longer paths", tw, "/markets/live/blog", true},
		{"groups naming the same agent are merged", tw, "/drafts/q1", false},
		{"named group replaces the * group", tw, "/search?q=nvda", true},
		{"agent match ignores case", "TICKERWIRE", "/premium/x", false},
		{"other agent in the shared group", "ArchiveBot/2.1", "/premium/x", false},
		{"unknown agent gets the * group", "SomeCrawler/1.0", "/search?q=nvda", false},
		{"wildcard in the middle", "SomeCrawler", "/markets/story?session=abc", false},
		{"wildcard with end anchor", "SomeCrawler", "/reports/q4.pdf", false},
		{"end anchor refuses a query", "SomeCrawler", "/reports/q4.pdf?dl=1", true},
		{"Allow inside a disallowed folder", "SomeCrawler", "/account/help", true},
		{"disallowed folder", "SomeCrawler", "/account/settings", false},
		{"disallow all", "BadBot", "/markets", false},
		{"robots.txt itself is always allowed", "BadBot", "/robots.txt", true},
		{"empty path is the root", "SomeCrawler", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Allowed(tt.agent, tt.path); got != tt.want {
				t.Errorf("Allowed(%q, %q) = %v, want %v", tt.agent, tt.path, got, tt.want)
			}
		})
	}
	if got := r.CrawlDelay(tw); got != 500*time.Millisecond {
		t.Errorf("CrawlDelay(tickerwire) = %v, want 500ms", got)
	}
	if got := r.CrawlDelay("SomeCrawler"); got != 2*time.Second {
		t.Errorf("CrawlDelay(other) = %v, want 2s", got)
	}
	wantMaps := []string{"https://news.example/sitemap-articles.xml", "https://news.example/sitemap-news.xml"}
	if !slices.Equal(r.Sitemaps, wantMaps) {
		t.Errorf("Sitemaps = %q, want %q", r.Sitemaps, wantMaps)
	}
}

func TestRobotsCRLFLines(t *testing.T) {
	r := parseRobotsFile(t, "crlf.txt")
	if r.Allowed("x", "/private/memo") || !r.Allowed("x", "/private/press/release") {
		t.Error("CRLF robots.txt rules not applied")
	}
}

func TestRobotsRules(t *testing.T) {
	tests := []struct {
		name, robots, path string
		want               bool
	}{
		{"empty file allows all", "", "/x", true},
		{"empty Disallow allows all", "User-agent: *\nDisallow:\n", "/x", true},
		{"rules before any User-agent are ignored", "Disallow: /\nUser-agent: *\nAllow: /\n", "/x", true},
		{"equal length: Allow wins", "User-agent: *\nDisallow: /a\nAllow: /a\n", "/a", true},
		{"equal length, Allow first: Allow wins", "User-agent: *\nAllow: /a\nDisallow: /a\n", "/a", true},
		{"path without leading slash", "User-agent: *\nDisallow: private\n", "/private", false},
		{"non-ASCII pattern matches escaped path", "User-agent: *\nDisallow: /café\n", "/caf%c3%a9/menu", false},
		{"escaped pattern matches raw path", "User-agent: *\nDisallow: /caf%c3%a9\n", "/café", false},
		{"star matches nothing too", "User-agent: *\nDisallow: /a*b\n", "/ab", false},
		{"many stars", "User-agent: *\nDisallow: /*a*b*c$\n", "/xaybzc", false},
		{"many stars, anchored miss", "User-agent: *\nDisallow: /*a*b*c$\n", "/xaybzcd", true},
		{"dollar inside is literal", "User-agent: *\nDisallow: /a$b\n", "/a$b", false},
		{"comment after value", "User-agent: * # all\nDisallow: /x # not y\n", "/y", true},
		{"line without colon skipped", "User-agent: *\nDisallow /x\n", "/x", true},
		{"user agent with version", "User-agent: Tickerwire/1.0\nDisallow: /\n", "/x", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRobots(strings.NewReader(tt.robots))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Allowed("Tickerwire", tt.path); got != tt.want {
				t.Errorf("Allowed(%q) = %v, want %v", tt.path, got, tt.want)
			}
		})
	}
}

func TestNilRobotsAllowsAll(t *testing.T) {
	var r *Robots
	if !r.Allowed("Tickerwire", "/anything") || r.CrawlDelay("Tickerwire") != 0 {
		t.Error("nil Robots should allow everything without delay")
	}
}

func TestGetRobots(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		want    bool // Allowed("/news")
		wantErr bool
	}{
		{"file is obeyed", 200, "User-agent: *\nDisallow: /news\n", false, false},
		{"missing file allows all", 404, "", true, false},
		{"server error disallows all", 503, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var asked string
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				asked = r.URL.Path
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			})
			r, err := (&Client{AllowPrivate: true}).GetRobots(t.Context(), srv.URL+"/markets/story?id=1")
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if asked != "/robots.txt" {
				t.Errorf("fetched %q, want /robots.txt", asked)
			}
			if got := r.Allowed("Tickerwire", "/news"); got != tt.want {
				t.Errorf("Allowed(/news) = %v, want %v", got, tt.want)
			}
		})
	}
}

// FuzzParseRobots checks that any input parses, that /robots.txt stays
// allowed, and that Allowed and CrawlDelay are total and deterministic.
func FuzzParseRobots(f *testing.F) {
	for _, name := range []string{"news-site.txt", "crlf.txt"} {
		raw, err := os.ReadFile("testdata/robots/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, "/premium/free-x")
	}
	f.Add([]byte("User-agent: *\nDisallow: /*a*$\nCrawl-delay: 1e308\n"), "/a")
	f.Fuzz(func(t *testing.T, raw []byte, path string) {
		r, err := ParseRobots(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if !r.Allowed("Tickerwire", "/robots.txt") {
			t.Fatal("/robots.txt disallowed")
		}
		if a, b := r.Allowed("Tickerwire/1", path), r.Allowed("tickerwire", path); a != b {
			t.Fatalf("Allowed depends on the version part of the user agent: %v, %v", a, b)
		}
		if d := r.CrawlDelay("*"); d < 0 || d > 24*time.Hour {
			t.Fatalf("CrawlDelay = %v", d)
		}
	})
}
