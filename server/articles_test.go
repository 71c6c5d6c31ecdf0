package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/store"
)

// names maps the articles of a search result back to seed names.
func (f *fixture) names(list []articleView) []string {
	var out []string
	for _, a := range list {
		for name, id := range f.ids {
			if id == a.ID {
				out = append(out, name)
			}
		}
	}
	return out
}

func TestSearchFiltersArticles(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		query string
		want  []string // newest first
	}{
		{"", []string{"nvda-slip", "btc-slide", "fed-hold", "aapl-msft", "aapl-fine", "nvda-beat"}},
		{"tickers=NVDA", []string{"nvda-slip", "nvda-beat"}},
		{"tickers=nvda,msft", []string{"nvda-slip", "aapl-msft", "nvda-beat"}},
		{"tickers=CRYPTO:BTC", []string{"btc-slide"}},
		{"topics=semiconductors", []string{"nvda-slip", "nvda-beat"}},
		{"topics=earnings,antitrust", []string{"aapl-fine", "nvda-beat"}},
		{"tickers=NVDA&topics=earnings", []string{"nvda-beat"}},
		{"q=Apple", []string{"aapl-msft", "aapl-fine"}},
		{"q=apple+cloud", []string{"aapl-msft"}},
		{"site=Example+Wire&limit=2", []string{"nvda-slip", "btc-slide"}},
		{"from=2026-03-03&to=2026-03-04", []string{"fed-hold", "aapl-msft"}},
		{"from=20260303T0000&to=20260303T1200", []string{"aapl-msft"}},
		{"from=2026-03-02T10:00:00-05:00", []string{"nvda-slip", "btc-slide", "fed-hold", "aapl-msft", "aapl-fine"}},
		{"min_sentiment=0.1", []string{"aapl-msft", "nvda-beat"}},
		{"max_sentiment=-0.3", []string{"btc-slide", "aapl-fine"}},
		{"min_sentiment=-0.3&max_sentiment=0", []string{"nvda-slip", "fed-hold"}},
		{"min_relevance=0.85", []string{"btc-slide", "aapl-fine", "nvda-beat"}},
		{"tickers=AAPL&min_novelty=0.8", []string{"aapl-fine"}},
		{"min_novelty=0.6&tickers=NVDA", []string{"nvda-beat"}},
		{"sort=oldest&limit=3", []string{"nvda-beat", "aapl-fine", "aapl-msft"}},
		{"tickers=TSLA", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var res searchResult
			f.getJSON("/v1/articles?"+tt.query, http.StatusOK, &res)
			if got := f.names(res.Articles); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if res.Count != len(res.Articles) {
				t.Errorf("count %d for %d articles", res.Count, len(res.Articles))
			}
		})
	}
}

func TestSearchPagesWithCursor(t *testing.T) {
	f := newFixture(t, nil)
	var got []string
	path := "/v1/articles?limit=4"
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("cursor does not end")
		}
		var res searchResult
		f.getJSON(path, http.StatusOK, &res)
		got = append(got, f.names(res.Articles)...)
		if res.NextCursor == "" {
			break
		}
		path = "/v1/articles?limit=4&cursor=" + url.QueryEscape(res.NextCursor)
	}
	want := []string{"nvda-slip", "btc-slide", "fed-hold", "aapl-msft", "aapl-fine", "nvda-beat"}
	if !slices.Equal(got, want) {
		t.Errorf("pages gave %v, want %v", got, want)
	}
}

func TestSearchResultsLeaveOutBodyAndSentences(t *testing.T) {
	f := newFixture(t, nil)
	var res searchResult
	f.getJSON("/v1/articles?tickers=NVDA&limit=1", http.StatusOK, &res)
	a := res.Articles[0]
	if a.Body != "" || a.Analysis == nil || a.Analysis.Sentences != nil {
		t.Fatalf("search result has body %q, sentences %v", a.Body, a.Analysis)
	}
	nv := a.Analysis.Tickers[0]
	if nv.Ticker != "NVDA" || nv.Novelty == nil || *nv.Novelty != 0.56 {
		t.Errorf("ticker %+v, want NVDA with novelty 0.56", nv)
	}
	if a.ClusterID != 11 || a.Published == nil || a.Analysis.Model != "test/1" {
		t.Errorf("cluster %d, published %v, model %q", a.ClusterID, a.Published, a.Analysis.Model)
	}
}

func TestGetArticle(t *testing.T) {
	f := newFixture(t, nil)
	var a articleView
	f.getJSON(fmt.Sprintf("/v1/articles/%d", f.ids["nvda-beat"]), http.StatusOK, &a)
	if !strings.Contains(a.Body, "second paragraph") || a.State != store.Analysed {
		t.Errorf("body %q, state %q", a.Body, a.State)
	}
	an := a.Analysis
	if an == nil || len(an.Sentences) != 2 || an.MostPositive == nil || *an.MostPositive != 0 || an.MostNegative != nil {
		t.Fatalf("analysis %+v: want 2 sentences, most positive 0, no most negative", an)
	}
	if an.Sentiment.Label != "strongly positive" || len(an.Sentiment.Drivers) != 1 || an.Topics[0].ID != "earnings" {
		t.Errorf("sentiment %+v, topics %+v", an.Sentiment, an.Topics)
	}
	if a.Published.Format("2006-01-02T15:04:05Z07:00") != "2026-03-02T09:30:00-05:00" {
		t.Errorf("published %v, want the offset kept", a.Published)
	}

	var pending map[string]any
	f.getJSON(fmt.Sprintf("/v1/articles/%d", f.pending), http.StatusOK, &pending)
	if pending["state"] != "pending" || pending["analysis"] != nil {
		t.Errorf("pending article: state %v, analysis %v", pending["state"], pending["analysis"])
	}
}

func TestGetArticleErrors(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		path   string
		status int
		code   string
	}{
		{"/v1/articles/99999", http.StatusNotFound, codeNotFound},
		{"/v1/articles/0", http.StatusBadRequest, codeBadParameter},
		{"/v1/articles/abc", http.StatusBadRequest, codeBadParameter},
		{"/v1/articles/1?full=1", http.StatusBadRequest, codeUnknownParameter},
	}
	for _, tt := range tests {
		var e apiErr
		f.getJSON(tt.path, tt.status, &e)
		if e.Code != tt.code || e.Error == "" {
			t.Errorf("%s: error %+v, want code %s", tt.path, e, tt.code)
		}
	}
}

func TestSubmitArticle(t *testing.T) {
	f := newFixture(t, nil)
	body := `{"url":"https://news.example/acme-wins","title":"Acme wins a large contract","body":"Acme said on Monday it won a contract.","author":"Kim Park","published":"2026-03-05T10:00:00Z","site":"News Example"}`
	resp, data := f.do("POST", "/v1/articles", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	var got submitted
	mustJSON(t, data, &got)
	if got.Duplicate || got.ID == 0 || resp.Header.Get("Location") != got.Location || got.Location != fmt.Sprintf("/v1/articles/%d", got.ID) {
		t.Errorf("answer %+v, Location %q", got, resp.Header.Get("Location"))
	}
	call := f.sub.last()
	if call.a.Title != "Acme wins a large contract" || call.a.Author != "Kim Park" || call.a.Published.IsZero() || call.raw != body {
		t.Errorf("submitted %+v with raw %q", call.a, call.raw)
	}

	resp, data = f.do("POST", "/v1/articles", body)
	var again submitted
	mustJSON(t, data, &again)
	if resp.StatusCode != http.StatusOK || !again.Duplicate || again.ID != got.ID {
		t.Errorf("second submission: status %d, %+v; want 200, duplicate of %d", resp.StatusCode, again, got.ID)
	}
}

func TestSubmitHTMLPage(t *testing.T) {
	f := newFixture(t, nil)
	page := "<html><body><h1>Acme news</h1><p>Text.</p></body></html>"
	resp, data := f.do("POST", "/v1/articles?url="+url.QueryEscape("https://news.example/page"), page, "Content-Type", "text/html; charset=utf-8")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d: %s", resp.StatusCode, data)
	}
	call := f.sub.last()
	if call.a.URL != "https://news.example/page" || call.a.Title != "" || call.raw != page || call.a.Fetched.IsZero() {
		t.Errorf("submitted %+v with raw %q: want only the URL and the page", call.a, call.raw)
	}
}

func TestSubmitArticleErrors(t *testing.T) {
	tests := []struct {
		name        string
		path        string
		contentType string
		body        string
		sub         func(*fakeSubmitter)
		noSubmitter bool
		status      int
		code        string
	}{
		{"unknown field", "/v1/articles", "application/json", `{"title":"A","headline":"B"}`, nil, false, 400, codeBadBody},
		{"no title and no body", "/v1/articles", "application/json", `{"url":"https://a.example/x"}`, nil, false, 400, codeBadBody},
		{"malformed JSON", "/v1/articles", "application/json", `{"title":`, nil, false, 400, codeBadBody},
		{"trailing data", "/v1/articles", "application/json", `{"title":"A"} {}`, nil, false, 400, codeBadBody},
		{"bad published", "/v1/articles", "application/json", `{"title":"A","published":"yesterday"}`, nil, false, 400, codeBadBody},
		{"relative url", "/v1/articles", "application/json", `{"title":"A","url":"/x"}`, nil, false, 400, codeBadBody},
		{"ftp url", "/v1/articles", "application/json", `{"title":"A","url":"ftp://a.example/x"}`, nil, false, 400, codeBadBody},
		{"url parameter with JSON", "/v1/articles?url=https://a.example", "application/json", `{"title":"A"}`, nil, false, 400, codeUnknownParameter},
		{"HTML without url", "/v1/articles", "text/html", `<p>x</p>`, nil, false, 400, codeBadParameter},
		{"HTML with bad url", "/v1/articles?url=notaurl", "text/html", `<p>x</p>`, nil, false, 400, codeBadParameter},
		{"empty HTML", "/v1/articles?url=https://a.example/x", "text/html", `  `, nil, false, 400, codeBadBody},
		{"plain text", "/v1/articles", "text/plain", `hello`, nil, false, 415, codeBadMediaType},
		{"no content type", "/v1/articles", "", `{"title":"A"}`, nil, false, 415, codeBadMediaType},
		{"too large", "/v1/articles", "application/json", `{"title":"` + strings.Repeat("a", maxArticleBytes) + `"}`, nil, false, 413, codeTooLarge},
		{"nothing to analyse", "/v1/articles", "application/json", `{"title":"A"}`,
			func(s *fakeSubmitter) { s.err = fmt.Errorf("extract: %w", ErrUnprocessable) }, false, 422, codeUnprocessable},
		{"submitter failure", "/v1/articles", "application/json", `{"title":"A"}`,
			func(s *fakeSubmitter) { s.err = errors.New("disk full") }, false, 500, codeInternal},
		{"submitter panic", "/v1/articles", "application/json", `{"title":"A"}`,
			func(s *fakeSubmitter) { s.panic = true }, false, 500, codeInternal},
		{"no submitter", "/v1/articles", "application/json", `{"title":"A"}`, nil, true, 503, codeUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, func(c *Config) {
				if tt.noSubmitter {
					c.Submitter = nil
				}
			})
			if tt.sub != nil {
				tt.sub(f.sub)
			}
			resp, data := f.do("POST", tt.path, tt.body, "Content-Type", tt.contentType)
			var e apiErr
			mustJSON(t, data, &e)
			if resp.StatusCode != tt.status || e.Code != tt.code {
				t.Errorf("status %d %+v, want %d %s", resp.StatusCode, e, tt.status, tt.code)
			}
			if tt.code == codeInternal && strings.Contains(e.Error, "disk") {
				t.Errorf("internal error details leaked: %q", e.Error)
			}
		})
	}
}
