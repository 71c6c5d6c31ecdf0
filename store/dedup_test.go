package store

import (
	"testing"

	"github.com/tickerwire/tickerwire/article"
)

func TestURLKeyNormalisesAddresses(t *testing.T) {
	tests := []struct {
		name, url, canonical, want string
	}{
		{"canonical wins", "https://a.example/x", "https://b.example/y", "https://b.example/y"},
		{"url when no canonical", "https://a.example/x", "", "https://a.example/x"},
		{"case of scheme and host", "HTTPS://News.Example/Path", "", "https://news.example/Path"},
		{"default ports", "http://a.example:80/x", "", "http://a.example/x"},
		{"other port kept", "http://a.example:8080/x", "", "http://a.example:8080/x"},
		{"fragment and trailing slash", "https://a.example/x/#top", "", "https://a.example/x"},
		{"tracking parameters dropped, rest sorted", "https://a.example/x?utm_source=rss&b=2&fbclid=1&a=1", "", "https://a.example/x?a=1&b=2"},
		{"root path", "https://a.example/", "", "https://a.example"},
		{"relative address", "/news/1", "", ""},
		{"other scheme", "ftp://a.example/x", "", ""},
		{"empty", "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := URLKey(article.Article{URL: tc.url, CanonicalURL: tc.canonical})
			if got != tc.want {
				t.Errorf("URLKey(%q, %q) = %q, want %q", tc.url, tc.canonical, got, tc.want)
			}
		})
	}
}

func TestContentHashIgnoresCaseAndSpacing(t *testing.T) {
	a := article.Article{Title: "Acme Beats", Body: "Shares rose.\n\nMore text."}
	tests := []struct {
		name string
		b    article.Article
		same bool
	}{
		{"case and spacing", article.Article{Title: " acme  beats", Body: "SHARES rose. More\ttext."}, true},
		{"metadata ignored", article.Article{Title: "Acme Beats", Body: a.Body, URL: "https://x.example/"}, true},
		{"other words", article.Article{Title: "Acme Misses", Body: a.Body}, false},
		{"title and body boundary", article.Article{Title: "Acme Beats Shares", Body: "rose. More text."}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ContentHash(a) == ContentHash(tc.b); got != tc.same {
				t.Errorf("same hash = %v, want %v", got, tc.same)
			}
		})
	}
}

func FuzzURLKey(f *testing.F) {
	for _, s := range []string{"https://a.example/x?b=1&a=2#f", "http://A.example:80/", "%zz", "https://[::1]:443/x/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := URLKey(article.Article{URL: s})
		if k == "" {
			return
		}
		if again := URLKey(article.Article{URL: k}); again != k {
			t.Errorf("URLKey not idempotent: %q -> %q -> %q", s, k, again)
		}
	})
}
