package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/sqlite"
)

// portfolioData returns a data directory whose store holds two analysed
// articles, about NVDA and AAPL on 2026-03-02 and 03.
func portfolioData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "tickerwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := func(title, at, ticker string, sent float64) store.Record {
		pub, _ := time.Parse(time.RFC3339, at)
		return store.Record{
			Raw: store.Raw{Article: article.Article{Title: title, Body: title + ". Details follow.", Published: pub,
				URL: "https://news.example/" + strings.ToLower(ticker)}},
			Analysis: article.Analysis{Summary: []string{title + "."}, Sentiment: article.NewScore(sent, nil),
				Tickers: []article.TickerSentiment{{Ticker: ticker, Relevance: 0.9, Sentiment: article.NewScore(sent, nil)}},
				Topics:  []article.Topic{{ID: "earnings", Relevance: 0.8}}, MostPositive: -1, MostNegative: -1, Model: "test"},
		}
	}
	_, err = st.Import(context.Background(), []store.Record{
		rec("Nvidia beats estimates", "2026-03-02T14:00:00Z", "NVDA", 0.7),
		rec("Apple fined in Europe", "2026-03-03T10:00:00Z", "AAPL", -0.5),
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestPortfolioCommands(t *testing.T) {
	dir := portfolioData(t)
	csv := filepath.Join(dir, "book.csv")
	os.WriteFile(csv, []byte("symbol,shares,price\nNVDA,10,100\nAAPL,30,100\nZZZZQ,5,1\n"), 0o644)
	prices := filepath.Join(dir, "prices.csv")
	os.WriteFile(prices, []byte("date,ticker,close\n2026-03-02,NVDA,100\n2026-03-03,NVDA,104\n2026-03-03,AAPL,50\n2026-03-04,AAPL,49\n"), 0o644)
	data := "--data=" + dir

	code, out, errOut := runCLI(t, "", "portfolio", "import", "core", csv, data)
	if code != 0 || !strings.Contains(out, "portfolio core stored: 2 holdings, weights by quantity × cost") ||
		!strings.Contains(out, "unknown tickers, kept but left out of analytics: ZZZZQ") || !strings.Contains(errOut, "warning: 1 unknown ticker") {
		t.Fatalf("import: %d\n%s\n%s", code, out, errOut)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"portfolio", "list"}, "core  2         ZZZZQ"},
		{[]string{"portfolio", "show", "core"}, "AAPL    Apple"},
		{[]string{"portfolio", "show", "core"}, "unknown ticker: left out of analytics"},
		{[]string{"portfolio", "analytics", "core", "--from", "2026-03-02", "--to", "2026-03-04"}, "Portfolio core: analytics for 2026-03-02 to 2026-03-03"},
		{[]string{"portfolio", "returns", "core", "--prices", prices}, "Correlation of daily sentiment"},
		{[]string{"report", "--portfolio", "core", "--day", "2026-03-02"}, "1. Nvidia beats estimates"},
		{[]string{"report", "--portfolio", "core", "--day", "2026-03-03", "--format", "markdown"}, "### 1. [Apple fined in Europe](https://news.example/aapl)"},
	} {
		code, out, errOut := runCLI(t, "", append(tc.args, data)...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("%v: %d, want output with %q:\n%s%s", tc.args, code, tc.want, out, errOut)
		}
	}

	code, out, _ = runCLI(t, "", "portfolio", "analytics", "core", "--from", "2026-03-02", "--to", "2026-03-04", "--format", "json", data)
	var a struct {
		Sentiment float64 `json:"sentiment"`
		NoNews    []string
	}
	// NVDA 0.25 × 0.7 + AAPL 0.75 × -0.5 = -0.2.
	if err := json.Unmarshal([]byte(out), &a); code != 0 || err != nil || a.Sentiment > -0.2+1e-9 || a.Sentiment < -0.2-1e-9 {
		t.Errorf("analytics json: %d %v %+v", code, err, a)
	}

	html := filepath.Join(dir, "brief.html")
	if code, _, errOut := runCLI(t, "", "report", "--portfolio", "core", "--day", "2026-03-02", "--out", html, data); code != 0 {
		t.Fatalf("report --out: %d %s", code, errOut)
	}
	if b, err := os.ReadFile(html); err != nil || !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), "<svg") {
		t.Errorf("report file: %v\n%.200s", err, b)
	}

	if code, out, _ := runCLI(t, "", "portfolio", "remove", "core", data); code != 0 || out != "portfolio core removed\n" {
		t.Errorf("remove: %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, "", "portfolio", "show", "core", data); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("show removed: %d %q", code, errOut)
	}
}

func TestPortfolioUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"portfolio", "import", "core"},
		{"portfolio", "frobnicate"},
		{"portfolio", "returns", "core"},
		{"portfolio", "analytics", "core", "--format", "xml"},
		{"report"},
		{"report", "--portfolio", "core", "--format", "pdf"},
		{"report", "--portfolio", "core", "--day", "2026-03-02", "--from", "2026-03-01"},
	} {
		if code, _, errOut := runCLI(t, "", append(args, "--data="+t.TempDir())...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, errOut)
		}
	}
}
