package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tickerwire/tickerwire/article"
)

// FuzzHTML checks that any page either yields a well-formed article or
// fails with ErrNoArticle, and never panics.
func FuzzHTML(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, s := range seeds {
		if raw, err := os.ReadFile(s); err == nil {
			f.Add(raw, "")
		}
	}
	f.Add([]byte("<p>plain <b>text</p></b>"), "text/html; charset=koi8-r")
	f.Add([]byte(`<script type="application/ld+json">[{"@graph":[{"datePublished":["x",{"@value":"2020-01-01"}]}]}]</script>`), "")
	f.Add([]byte("<table><tr><td><li><dd><p><h1><a><a>x"), "")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		a, err := HTML(context.Background(), raw, Options{ContentType: contentType, Fetched: fetched})
		checkArticle(t, a, err)
	})
}

// FuzzText checks the same for plain text.
func FuzzText(f *testing.F) {
	f.Add("Headline\n\nBody text.\n\nJane Doe is a reporter at the Times.")
	f.Add("By Jane Doe\nMay 14, 2024\n\nRelated: x\nRead more\n\n\n")
	f.Add("\xff\xfe\x00bad")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Text(context.Background(), s, Options{Fetched: fetched})
		checkArticle(t, a, err)
	})
}

// checkArticle fails unless err wraps ErrNoArticle or a is a well-formed
// article: a title or a body, valid and trimmed UTF-8, no empty paragraph,
// published no later than fetched.
func checkArticle(t *testing.T, a article.Article, err error) {
	t.Helper()
	if err != nil {
		if !errors.Is(err, ErrNoArticle) {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	if a.Title == "" && a.Body == "" {
		t.Fatal("article without title or body and no error")
	}
	if a.Published.After(fetched) {
		t.Fatalf("published %v after fetched", a.Published)
	}
	for _, s := range []string{a.Title, a.Body} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 %q", s)
		}
		if s != strings.TrimSpace(s) {
			t.Fatalf("untrimmed %q", s)
		}
	}
	if strings.Contains(a.Body, "\n\n\n") {
		t.Fatalf("empty paragraph in %q", a.Body)
	}
}
