package demo

import (
	"io/fs"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
)

// testNow is an arbitrary "now" with seconds, so rounding is exercised.
var testNow = time.Date(2031, 5, 14, 9, 30, 45, 0, time.FixedZone("UTC+2", 2*3600))

const (
	wantArticles = 48
	window       = 28 * 24 * time.Hour
)

func mustArticles(t *testing.T) []article.Article {
	t.Helper()
	as, err := Articles(testNow)
	if err != nil {
		t.Fatalf("Articles: %v", err)
	}
	return as
}

// bySlug indexes articles by the last element of their URL path, which is
// their file name without ".txt".
func bySlug(as []article.Article) map[string]article.Article {
	m := make(map[string]article.Article, len(as))
	for _, a := range as {
		m[path.Base(a.URL)] = a
	}
	return m
}

func TestEveryFileParses(t *testing.T) {
	entries, err := fs.ReadDir(files, articleDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			name := path.Join(articleDir, e.Name())
			data, err := files.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			a, err := parse(name, data, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.TrimSuffix(e.Name(), ".txt"); path.Base(a.URL) != want {
				t.Errorf("url %q does not end in the file name %q", a.URL, want)
			}
			if n := len(strings.Fields(a.Body)); n < 150 || n > 450 {
				t.Errorf("body has %d words, want 150-450", n)
			}
		})
	}
}

func TestArticlesCount(t *testing.T) {
	if got := len(mustArticles(t)); got != wantArticles {
		t.Errorf("got %d articles, want %d", got, wantArticles)
	}
}

func TestArticlesAreDatedWithinWindowAndStrictlyOrdered(t *testing.T) {
	as := mustArticles(t)
	now := testNow.UTC()
	for i, a := range as {
		switch {
		case a.Published.Location() != time.UTC:
			t.Errorf("%s: Published %v is not in UTC", a.URL, a.Published)
		case a.Published.Second() != 0 || a.Published.Nanosecond() != 0:
			t.Errorf("%s: Published %v is not a whole minute", a.URL, a.Published)
		case a.Published.After(now) || now.Sub(a.Published) >= window:
			t.Errorf("%s: Published %v is not within %v before %v", a.URL, a.Published, window, now)
		case a.PublishedFrom != PublishedFrom:
			t.Errorf("%s: PublishedFrom = %q, want %q", a.URL, a.PublishedFrom, PublishedFrom)
		}
		if i > 0 && !as[i-1].Published.Before(a.Published) {
			t.Errorf("%s (%v) is not strictly after %s (%v)", a.URL, a.Published, as[i-1].URL, as[i-1].Published)
		}
	}
}

func TestArticlesHaveSeveralPerDayInLastThreeDays(t *testing.T) {
	perDay := make([]int, 3)
	for _, a := range mustArticles(t) {
		if d := int(testNow.Sub(a.Published) / (24 * time.Hour)); d < len(perDay) {
			perDay[d]++
		}
	}
	for d, n := range perDay {
		if n < 3 {
			t.Errorf("day %d before now has %d articles, want at least 3", d, n)
		}
	}
}

func TestArticlesHaveRequiredFields(t *testing.T) {
	for _, a := range mustArticles(t) {
		for field, v := range map[string]string{
			"title": a.Title, "body": a.Body, "url": a.URL,
			"author": a.Author, "site": a.Site, "language": a.Language,
		} {
			if v == "" {
				t.Errorf("%s: empty %s", a.URL, field)
			}
		}
		if strings.Contains(a.Body, "\n\n\n") || strings.TrimSpace(a.Body) != a.Body {
			t.Errorf("%s: body paragraphs are not cleanly separated", a.URL)
		}
	}
}

func TestArticlesComeFromSeveralSources(t *testing.T) {
	sites := map[string]int{}
	for _, a := range mustArticles(t) {
		sites[a.Site]++
	}
	if len(sites) < 4 {
		t.Errorf("got %d sources %v, want at least 4", len(sites), sites)
	}
}

func TestArticleURLsAndTitlesAreUnique(t *testing.T) {
	urls, titles := map[string]bool{}, map[string]bool{}
	for _, a := range mustArticles(t) {
		if urls[a.URL] {
			t.Errorf("duplicate url %s", a.URL)
		}
		if titles[a.Title] {
			t.Errorf("duplicate title %q", a.Title)
		}
		urls[a.URL], titles[a.Title] = true, true
	}
}

func TestArticlesShiftWithNow(t *testing.T) {
	a1 := mustArticles(t)
	a2, err := Articles(testNow.Add(36 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for i := range a1 {
		if d := a2[i].Published.Sub(a1[i].Published); d != 36*time.Hour {
			t.Errorf("%s moved by %v, want 36h", a1[i].URL, d)
		}
	}
}

func TestRelatedStoriesAreDatedAsIntended(t *testing.T) {
	tests := []struct {
		name, first, second string
		maxGap              time.Duration
		minSharedWords      float64 // share of the first body's distinct words
	}{
		{"near-duplicate: Target outlook", "tgt-cuts-outlook", "tgt-cuts-outlook-pinecrest", 2 * time.Hour, 0.6},
		{"near-duplicate: Microsoft Azure", "msft-azure-beat", "msft-azure-beat-meridian", 2 * time.Hour, 0.6},
		{"near-duplicate: Nvidia record", "nvda-earnings-record", "nvda-earnings-record-harbor", 2 * time.Hour, 0.6},
		{"follow-up: Google suit", "googl-antitrust-suit", "googl-antitrust-response", 14 * 24 * time.Hour, 0},
		{"follow-up: Boeing deliveries", "ba-737-delivery-pause", "ba-737-deliveries-resume", 14 * 24 * time.Hour, 0},
		{"follow-up: Nvidia targets", "nvda-earnings-record", "nvda-price-targets-raised", 24 * time.Hour, 0},
	}
	as := bySlug(mustArticles(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := as[tt.first], as[tt.second]
			if a.URL == "" || b.URL == "" {
				t.Fatalf("missing %s or %s", tt.first, tt.second)
			}
			if gap := b.Published.Sub(a.Published); gap <= 0 || gap > tt.maxGap {
				t.Errorf("second story %v after the first, want within (0, %v]", gap, tt.maxGap)
			}
			if got := sharedWords(a.Body, b.Body); got < tt.minSharedWords {
				t.Errorf("bodies share %.2f of words, want at least %.2f", got, tt.minSharedWords)
			}
		})
	}
}

// sharedWords returns the share of a's distinct lower-cased words that also
// occur in b.
func sharedWords(a, b string) float64 {
	inB := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(b)) {
		inB[w] = true
	}
	seen, shared := map[string]bool{}, 0
	for _, w := range strings.Fields(strings.ToLower(a)) {
		if !seen[w] {
			seen[w] = true
			if inB[w] {
				shared++
			}
		}
	}
	return float64(shared) / float64(len(seen))
}
