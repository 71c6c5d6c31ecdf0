package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fetched is the fetch time of the small test pages.
var fetched = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// prose is a paragraph long enough to be taken for article text.
const prose = "The company said revenue rose in the quarter as customers returned, and it expects the rest of the year to follow the same pattern, executives told analysts on a call."

// testPage wraps body markup in a minimal document with extra head markup.
func testPage(head, body string) []byte {
	return []byte("<!doctype html><html><head><title>Test page</title>" + head + "</head><body>" + body + "</body></html>")
}

// articleHTML wraps paragraphs in an article element with enough text to win.
func articleHTML(extra string) string {
	return "<article><h1>Test page</h1><p>" + prose + "</p><p>" + prose + " Again.</p>" + extra + "</article>"
}

func TestHTMLPublishedPrecedence(t *testing.T) {
	tests := []struct {
		name     string
		url      string
		head     string
		body     string
		want     string // RFC 3339, "" for none
		wantFrom string
	}{
		{
			name:     "json-ld beats a comment's date",
			head:     `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-17T07:30:00-04:00"}</script>`,
			body:     articleHTML("") + `<div class="comments"><time datetime="2024-05-30T10:00:00Z">May 30</time><p>Nice.</p></div>`,
			want:     "2024-05-17T07:30:00-04:00",
			wantFrom: FromJSONLD,
		},
		{
			name:     "json-ld in a @graph and an array of dates",
			head:     `<script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"Article","datePublished":["2024-05-16T09:00:00Z","2024-05-17T09:00:00Z"]}]}</script>`,
			body:     articleHTML(""),
			want:     "2024-05-16T09:00:00Z",
			wantFrom: FromJSONLD,
		},
		{
			name:     "open graph meta when there is no json-ld",
			head:     `<meta property="article:published_time" content="2024-05-17T07:30:00+01:00">`,
			body:     articleHTML(""),
			want:     "2024-05-17T07:30:00+01:00",
			wantFrom: FromMeta,
		},
		{
			name:     "time element in the article header",
			body:     `<article><header><time datetime="2024-05-15T08:00:00Z">May 15</time></header><p>` + prose + `</p><p>` + prose + `</p></article>`,
			want:     "2024-05-15T08:00:00Z",
			wantFrom: FromTime,
		},
		{
			name:     "a comment's time element is never the publication time",
			url:      "https://news.example.com/2024/05/14/story",
			body:     articleHTML("") + `<section id="comments"><time datetime="2024-05-30T10:00:00Z">May 30</time><p>` + prose + `</p></section>`,
			want:     "2024-05-14T00:00:00Z",
			wantFrom: FromURL,
		},
		{
			name:     "related links' dates are ignored",
			body:     articleHTML(`<div class="related-stories"><time datetime="2024-05-01T10:00:00Z">May 1</time><a href="/x">Other story</a></div>`),
			wantFrom: "",
		},
		{
			name:     "dates in scripts other than json-ld are ignored",
			head:     `<script>var meta = {"datePublished": "2024-05-02T10:00:00Z"};</script>`,
			body:     articleHTML(""),
			wantFrom: "",
		},
		{
			name:     "a date later than fetched is rejected for the next source",
			url:      "https://news.example.com/2024/05/13/story",
			head:     `<meta property="article:published_time" content="2031-01-01T00:00:00Z">`,
			body:     articleHTML(""),
			want:     "2024-05-13T00:00:00Z",
			wantFrom: FromURL,
		},
		{
			name:     "a date written under the headline",
			body:     `<article><h1>Test page</h1><p class="dateline">Published May 12, 2024 at 10:08 am EDT</p><p>` + prose + `</p><p>` + prose + `</p></article>`,
			want:     "2024-05-12T10:08:00-04:00",
			wantFrom: FromText,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML(context.Background(), testPage(tt.head, tt.body), Options{URL: tt.url, Fetched: fetched})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if !a.Published.IsZero() {
				got = a.Published.Format(time.RFC3339)
			}
			if got != tt.want || a.PublishedFrom != tt.wantFrom {
				t.Errorf("Published = %q from %q, want %q from %q", got, a.PublishedFrom, tt.want, tt.wantFrom)
			}
		})
	}
}

func TestHTMLRemovesNoise(t *testing.T) {
	tests := []struct {
		name  string
		extra string // markup inside the article, after its text
		gone  string // text that must not be in the body
	}{
		{"author bio box", `<div class="author-bio"><p>Jane Doe is a reporter at the Example Times covering banks.</p></div>`, "Jane Doe is a reporter"},
		{"author bio as last paragraph", `<p>Jane Doe is a senior reporter at the Example Times covering banks and insurers.</p>`, "Jane Doe is a senior"},
		{"related links list", `<h3>Related</h3><ul><li><a href="/a">Bank shares slide on rate fears</a></li><li><a href="/b">Insurers brace for storm season</a></li></ul>`, "Insurers brace"},
		{"related box by class", `<div class="related-articles"><p>Bank shares slide on rate fears as investors sell.</p></div>`, "Bank shares slide"},
		{"share bar", `<div class="social-share"><a href="#">Share on Facebook</a><a href="#">Tweet</a></div>`, "Share on Facebook"},
		{"newsletter signup", `<div class="newsletter"><p>Get the best stories in your inbox every morning.</p></div>`, "inbox every morning"},
		{"leave a comment", `<p>Leave a comment</p>`, "Leave a comment"},
		{"spam filter notice", `<p>This site uses Akismet to reduce spam. Learn how your comment data is processed.</p>`, "Akismet"},
		{"advertisement label", `<div><span>Advertisement</span></div>`, "Advertisement"},
		{"caption", `<figure><img src="x.jpg"><figcaption>The bank's headquarters in Frankfurt.</figcaption></figure>`, "headquarters in Frankfurt"},
		{"cookie banner", `<div id="cookie-notice"><p>We use cookies to improve your experience on our site.</p></div>`, "We use cookies"},
		{"hidden element", `<div style="display: none"><p>Hidden teaser text that readers never see on the page.</p></div>`, "Hidden teaser"},
		{"read more line", `<p>Read more: <a href="/x">Why rates matter</a></p>`, "Why rates matter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := HTML(context.Background(), testPage("", articleHTML(tt.extra)), Options{Fetched: fetched})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(a.Body, tt.gone) {
				t.Errorf("body keeps %q:\n%s", tt.gone, a.Body)
			}
			if !strings.Contains(a.Body, "customers returned") {
				t.Errorf("body lost the article text:\n%s", a.Body)
			}
		})
	}
}

func TestHTMLBodyParagraphs(t *testing.T) {
	body := `<article><h1>Test page</h1><p>First paragraph with <b>bold</b> and <a href="/x">a link</a> inside it, long enough to count as prose for sure.</p>
	<h2>A sub-heading</h2><p>Second paragraph, also long enough to count as article text for the extractor.<br>With a line break.</p></article>`
	a, err := HTML(context.Background(), testPage("", body), Options{Fetched: fetched})
	if err != nil {
		t.Fatal(err)
	}
	want := "First paragraph with bold and a link inside it, long enough to count as prose for sure.\n\nA sub-heading\n\nSecond paragraph, also long enough to count as article text for the extractor.\nWith a line break."
	if a.Body != want {
		t.Errorf("Body =\n%q\nwant\n%q", a.Body, want)
	}
	if a.Title != "Test page" {
		t.Errorf("Title = %q", a.Title)
	}
}

func TestHTMLMetadata(t *testing.T) {
	head := `<meta property="og:site_name" content="Example Times"><meta property="og:title" content="Banks rally | Example Times">
	<link rel="canonical" href="/markets/banks-rally"><meta name="author" content="By Jane Doe">`
	raw := []byte(`<html lang="en-GB"><head><title>Banks rally - Example Times</title>` + head + `</head><body>` + articleHTML("") + `</body></html>`)
	a, err := HTML(context.Background(), raw, Options{URL: "https://www.example.com/x?utm=1", Fetched: fetched})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ field, got, want string }{
		{"Site", a.Site, "Example Times"},
		{"Language", a.Language, "en"},
		{"CanonicalURL", a.CanonicalURL, "https://www.example.com/markets/banks-rally"},
		{"Author", a.Author, "Jane Doe"},
		{"URL", a.URL, "https://www.example.com/x?utm=1"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

func TestHTMLTitleWithoutSiteName(t *testing.T) {
	tests := []struct{ name, head, body, want string }{
		{"title tag suffix", `<meta property="og:site_name" content="Example Times">`, `<title>Banks rally on rate hopes | Example Times</title>`, "Banks rally on rate hopes"},
		{"h1 agreeing with og:title", `<meta property="og:title" content="Banks rally on rate hopes - ET">`, `<h1>Banks rally on rate hopes</h1>`, "Banks rally on rate hopes"},
		{"h1 that is the site name is skipped", `<meta property="og:site_name" content="Example Blog"><title>Banks rally | Example Blog</title>`, `<h1>Example Blog</h1>`, "Banks rally"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := []byte("<html><head>" + tt.head + "</head><body>" + tt.body + "<p>" + prose + "</p><p>" + prose + "</p></body></html>")
			a, err := HTML(context.Background(), raw, Options{Fetched: fetched})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.want {
				t.Errorf("Title = %q, want %q", a.Title, tt.want)
			}
		})
	}
}

func TestHTMLNoArticle(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
	}{
		{"empty", nil},
		{"PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		{"PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")},
		{"control bytes", []byte(strings.Repeat("\x01\x02\x03 junk \x00", 50))},
		{"markup without text", []byte("<html><head></head><body><div><span></span></div></body></html>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := HTML(context.Background(), tt.raw, Options{})
			if !errors.Is(err, ErrNoArticle) {
				t.Errorf("err = %v, want ErrNoArticle", err)
			}
		})
	}
}

func TestHTMLHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HTML(ctx, testPage("", articleHTML("")), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("HTML err = %v, want context.Canceled", err)
	}
	if _, err := Text(ctx, "Some text.", Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Text err = %v, want context.Canceled", err)
	}
}

// TestHTMLGiantInputStaysLinear feeds pages built to make naive tree code
// quadratic: deep nesting, a huge flat list, unclosed tags, many comments.
func TestHTMLGiantInputStaysLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	tests := map[string]string{
		"deep nesting":   strings.Repeat("<div>", 100_000) + "<p>" + prose + "</p>",
		"unclosed tags":  strings.Repeat("<b><i><span>text ", 50_000),
		"flat list":      "<ul>" + strings.Repeat("<li><a href=/x>link</a></li>", 100_000) + "</ul><p>" + prose + "</p>",
		"many comments":  "<p>" + strings.Repeat("a<!-- c -->", 200_000) + "</p>",
		"stray closings": strings.Repeat("</div></p></span>", 100_000) + "<p>" + prose + "</p>",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			_, err := HTML(context.Background(), testPage("", body), Options{})
			if err != nil && !errors.Is(err, ErrNoArticle) {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestHTMLCharsets(t *testing.T) {
	tests := []struct {
		file, contentType, want string
	}{
		{"cafe-windows-1252.html", "", "“We are pleased with the momentum,” the chief executive said – adding"},
		{"ruble-koi8-r.html", "", "Курс рубля вырос в понедельник"},
		{"zurich-meta-after-1024.html", "", "A Zürich lender raised its profit forecast"},
		{"cafe-windows-1252.html", "text/html; charset=windows-1252", "The Crème Café group said"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := HTML(context.Background(), raw, Options{ContentType: tt.contentType})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Body, tt.want) {
				t.Errorf("body lacks %q:\n%s", tt.want, a.Body)
			}
		})
	}
}

func TestHTMLRepairsInvalidUTF8(t *testing.T) {
	raw := testPage(`<meta charset="utf-8">`, "<article><p>"+prose+" Bad byte \xff here.</p><p>"+prose+"</p></article>")
	a, err := HTML(context.Background(), raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "Bad byte \uFFFD here.") {
		t.Errorf("body = %q", a.Body)
	}
}

func TestHTMLContentTypeBeatsMeta(t *testing.T) {
	raw := testPage(`<meta charset="utf-8">`, "<article><p>"+prose+" Caf\xe9.</p><p>"+prose+"</p></article>")
	a, err := HTML(context.Background(), raw, Options{ContentType: "text/html; charset=ISO-8859-1"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "Café.") {
		t.Errorf("body = %q", a.Body)
	}
}

func TestHTMLKeepsArticleInNoisyNamedContainer(t *testing.T) {
	body := `<div class="content-with-sidebar"><h1>Test page</h1><p>` + prose + `</p><p>` + prose + ` More.</p><p>` + prose + ` Again.</p></div>`
	a, err := HTML(context.Background(), testPage("", body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "customers returned") {
		t.Errorf("article lost: %q", a.Body)
	}
}
