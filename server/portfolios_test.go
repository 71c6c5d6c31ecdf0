package server

import (
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"testing"
)

const bookCSV = "ticker,weight\nNVDA,50\nAAPL,30\nMSFT,20\nZZZZQ,5\n"

func TestPortfoliosLifecycle(t *testing.T) {
	f := newFixture(t, nil)
	resp, body := f.do("PUT", "/v1/portfolios/book", bookCSV, "Content-Type", "text/csv")
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Location") != "/v1/portfolios/book" {
		t.Fatalf("PUT csv: %d %s", resp.StatusCode, body)
	}
	var imp importView
	if err := json.Unmarshal(body, &imp); err != nil {
		t.Fatal(err)
	}
	if imp.Rule != "weight" || len(imp.Portfolio.Holdings) != 4 || strings.Join(imp.Unknown, ",") != "ZZZZQ" ||
		math.Abs(imp.Portfolio.Holdings[0].Weight-0.5) > 1e-9 || len(imp.Warnings) != 1 {
		t.Errorf("import %+v; want weights of NVDA, AAPL, MSFT summing to 1 and ZZZZQ unknown", imp)
	}

	resp, body = f.do("PUT", "/v1/portfolios/book", `{"holdings":[{"ticker":"nvda","quantity":10,"cost":100},{"ticker":"AAPL","quantity":30,"cost":100}]}`)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT json over it: %d %s", resp.StatusCode, body)
	}
	var list struct{ Portfolios []portfolioView }
	f.getJSON("/v1/portfolios", http.StatusOK, &list)
	if len(list.Portfolios) != 1 || len(list.Portfolios[0].Holdings) != 2 || list.Portfolios[0].Holdings[1].Weight != 0.75 {
		t.Errorf("list %+v, want book with NVDA 0.25 and AAPL 0.75", list)
	}
	var one portfolioView
	f.getJSON("/v1/portfolios/book", http.StatusOK, &one)
	if one.Name != "book" || one.Holdings[0].Ticker != "NVDA" || one.Holdings[0].Name == "" || len(one.Unknown) != 0 {
		t.Errorf("get %+v", one)
	}

	var a struct {
		Sentiment float64 `json:"sentiment"`
		Holdings  []struct {
			Ticker   string `json:"ticker"`
			Articles int    `json:"articles"`
		} `json:"holdings"`
		Series []json.RawMessage `json:"series"`
	}
	f.getJSON("/v1/portfolios/book/analytics?from=2026-03-02&to=2026-03-05", http.StatusOK, &a)
	// AAPL (0.75): (0.85, -0.52) and (0.6, 0.149999); NVDA (0.25):
	// (0.92, 0.71) and (0.8, -0.15).
	aapl := (0.85*-0.52 + 0.6*0.149999) / 1.45
	nvda := (0.92*0.71 + 0.8*-0.15) / 1.72
	if math.Abs(a.Sentiment-(0.75*aapl+0.25*nvda)) > 1e-9 || len(a.Holdings) != 2 || a.Holdings[0].Articles != 2 || len(a.Series) != 3 {
		t.Errorf("analytics %+v, want sentiment %v over 3 days", a, 0.75*aapl+0.25*nvda)
	}

	for format, ctype := range map[string]string{"": "text/html", "html": "text/html", "markdown": "text/markdown", "text": "text/plain", "json": "application/json"} {
		q := "?day=2026-03-02"
		if format != "" {
			q += "&format=" + format
		}
		resp, body := f.do("GET", "/v1/portfolios/book/report"+q, "")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), ctype) || !strings.Contains(string(body), "Apple faces EU antitrust fine") {
			t.Errorf("report %q: %d %s, want %s with the day's story:\n%.300s", format, resp.StatusCode, resp.Header.Get("Content-Type"), ctype, body)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); (ctype == "text/html") != strings.HasPrefix(csp, "default-src 'none'") {
			t.Errorf("report %q: Content-Security-Policy %q", format, csp)
		}
	}

	if resp, body := f.do("DELETE", "/v1/portfolios/book", ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE: %d %s", resp.StatusCode, body)
	}
	f.getJSON("/v1/portfolios/book", http.StatusNotFound, nil)
}

func TestPortfolioErrors(t *testing.T) {
	f := newFixture(t, nil)
	if resp, body := f.do("PUT", "/v1/portfolios/book", bookCSV, "Content-Type", "text/csv"); resp.StatusCode != http.StatusCreated {
		t.Fatalf("PUT: %d %s", resp.StatusCode, body)
	}
	tests := []struct {
		name, method, path, body, ctype string
		status                          int
		want                            string
	}{
		{"bad name", "GET", "/v1/portfolios/-x", "", "", 400, "portfolio name"},
		{"unknown portfolio", "GET", "/v1/portfolios/nope/analytics", "", "", 404, `no portfolio "nope"`},
		{"csv error names the line", "PUT", "/v1/portfolios/b2", "ticker,quantity\nAAPL,-3\n", "text/csv", 400, "holdings line 2"},
		{"json unknown field", "PUT", "/v1/portfolios/b2", `{"holdings":[{"ticker":"AAPL","shares":3}]}`, "application/json", 400, "unknown field"},
		{"json negative", "PUT", "/v1/portfolios/b2", `{"holdings":[{"ticker":"AAPL","weight":-3}]}`, "application/json", 400, "holdings[0].weight"},
		{"no holdings", "PUT", "/v1/portfolios/b2", `{"holdings":[]}`, "application/json", 400, "no holdings"},
		{"media type", "PUT", "/v1/portfolios/b2", "<xml/>", "application/xml", 415, "text/csv"},
		{"reversed range", "GET", "/v1/portfolios/book/analytics?from=2026-03-05&to=2026-03-02", "", "", 400, "not before"},
		{"day with from", "GET", "/v1/portfolios/book/report?day=2026-03-02&from=2026-03-01", "", "", 400, "not both"},
		{"bad format", "GET", "/v1/portfolios/book/report?format=pdf", "", "", 400, "parameter format"},
		{"unknown delete", "DELETE", "/v1/portfolios/nope", "", "", 404, "no portfolio"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hdr []string
			if tc.ctype != "" {
				hdr = []string{"Content-Type", tc.ctype}
			}
			resp, body := f.do(tc.method, tc.path, tc.body, hdr...)
			var e apiErr
			json.Unmarshal(body, &e)
			if resp.StatusCode != tc.status || !strings.Contains(e.Error, tc.want) {
				t.Errorf("%d %s, want %d with %q", resp.StatusCode, body, tc.status, tc.want)
			}
		})
	}
}

func TestPortfolioWritesNeedAdminKey(t *testing.T) {
	f, read, admin := keyed(t, nil)
	if resp, _ := f.do("PUT", "/v1/portfolios/book", bookCSV, "Content-Type", "text/csv", "X-API-Key", read); resp.StatusCode != http.StatusForbidden {
		t.Errorf("PUT with a read key: %d, want 403", resp.StatusCode)
	}
	if resp, _ := f.do("PUT", "/v1/portfolios/book", bookCSV, "Content-Type", "text/csv", "X-API-Key", admin); resp.StatusCode != http.StatusCreated {
		t.Errorf("PUT with an admin key: %d, want 201", resp.StatusCode)
	}
	if resp, _ := f.do("GET", "/v1/portfolios/book", "", "X-API-Key", read); resp.StatusCode != http.StatusOK {
		t.Errorf("GET with a read key: %d, want 200", resp.StatusCode)
	}
	if resp, _ := f.do("DELETE", "/v1/portfolios/book", "", "X-API-Key", read); resp.StatusCode != http.StatusForbidden {
		t.Errorf("DELETE with a read key: %d, want 403", resp.StatusCode)
	}
}
