// Package storetest is the conformance suite every store.Store passes, so
// the SQLite and PostgreSQL stores behave identically. A backend's tests
// call Run with a function returning a new, empty store.
package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// Run runs the suite; newStore returns a new, empty store for the subtest
// t it is given (calling t.Fatal or t.Skip when it cannot), which Run
// closes when the subtest ends.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		f    func(t *testing.T, s store.Store)
	}{
		{"PutRawStoresPendingArticleWithRawInput", testPutRaw},
		{"PutRawDetectsDuplicates", testDuplicates},
		{"PutRawRejectsEmptyArticle", testEmpty},
		{"PutRawStoresArticlesOfOneInstantWithEqualHashPrefix", testSeqClash},
		{"ConcurrentPutRawStoresOnce", testConcurrentPutRaw},
		{"PutAnalysisMarksAnalysed", testPutAnalysis},
		{"ReanalysisKeepsNovelty", testReanalysis},
		{"PendingListsOldestFirst", testPending},
		{"StaleListsOtherModels", testStale},
		{"ImportSkipsDuplicates", testImport},
		{"ClusterAndNoveltyUpdates", testClusterNovelty},
		{"SearchFilters", testSearchFilters},
		{"SearchPagesWithCursor", testSearchPages},
		{"SearchRejectsBadQueries", testSearchBad},
		{"TimeSeriesWeightsByRelevance", testTimeSeries},
		{"TimeSeriesFollowsReanalysis", testTimeSeriesReanalysis},
		{"TimeSeriesRejectsBadBuckets", testTimeSeriesBad},
		{"SourcesCRUD", testSources},
		{"RulesPutReplaceDelete", testRules},
		{"AlertsStoredOnceAndListed", testAlertsStoredOnceAndListed},
		{"DeliveryOutboxClaimsDueAndRetries", testDeliveryOutbox},
		{"ConcurrentClaimsClaimOnce", testConcurrentClaimsClaimOnce},
	}
	tests = append(tests, portfolioTests...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			tc.f(t, s)
		})
	}
}

// base is the time of the fixtures: a Monday morning in New York.
var base = time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("EST", -5*3600))

// news returns a distinct article published base plus minutes.
func news(title string, minutes int) article.Article {
	return article.Article{
		URL:       "https://news.example/" + slug(title),
		Title:     title,
		Body:      "Full story: " + title + ".\n\nSecond paragraph about " + title + ".",
		Site:      "news.example",
		Published: base.Add(time.Duration(minutes) * time.Minute),
	}
}

func slug(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			b[i] = '-'
		}
	}
	return string(b)
}

// tick is a ticker entry of an analysis.
type tick struct {
	ticker         string
	relevance, sen float64
}

// analysis returns an analysis by model with the overall sentiment and
// tickers given.
func analysis(model string, sentiment float64, ts ...tick) article.Analysis {
	a := article.Analysis{
		Summary:      []string{"A summary sentence."},
		Sentiment:    article.NewScore(sentiment, []article.Driver{{Phrase: "beat", Weight: 0.4}}),
		MostPositive: -1, MostNegative: -1,
		Model: model,
	}
	for _, t := range ts {
		a.Tickers = append(a.Tickers, article.TickerSentiment{
			Ticker: t.ticker, Name: t.ticker + " Corp", Relevance: t.relevance,
			Sentiment: article.NewScore(t.sen, nil), Mentions: 2, Surfaces: []string{t.ticker},
		})
	}
	return a
}

func putRaw(t *testing.T, s store.Store, a article.Article) int64 {
	t.Helper()
	res, err := s.PutRaw(context.Background(), store.Raw{Article: a, Data: []byte("<html>" + a.Title + "</html>")})
	if err != nil {
		t.Fatalf("PutRaw(%q): %v", a.Title, err)
	}
	if res.Duplicate {
		t.Fatalf("PutRaw(%q): unexpected duplicate of %d", a.Title, res.ID)
	}
	return res.ID
}

func putAnalysed(t *testing.T, s store.Store, a article.Article, an article.Analysis) int64 {
	t.Helper()
	id := putRaw(t, s, a)
	if err := s.PutAnalysis(context.Background(), id, an); err != nil {
		t.Fatalf("PutAnalysis(%d): %v", id, err)
	}
	return id
}

func get(t *testing.T, s store.Store, id int64) store.Stored {
	t.Helper()
	st, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("Get(%d): %v", id, err)
	}
	return st
}

func ids(list []store.Stored) []int64 {
	out := make([]int64, len(list))
	for i, st := range list {
		out[i] = st.ID
	}
	return out
}

// articleDiff describes how got differs from want, "" when they are equal:
// times must be the same instant with the same zone offset.
func articleDiff(got, want article.Article) string {
	for _, p := range []struct {
		name   string
		gt, wt time.Time
	}{{"published", got.Published, want.Published}, {"fetched", got.Fetched, want.Fetched}} {
		_, go_ := p.gt.Zone()
		_, wo := p.wt.Zone()
		if !p.gt.Equal(p.wt) || go_ != wo {
			return fmt.Sprintf("%s %v, want %v", p.name, p.gt, p.wt)
		}
	}
	got.Published, got.Fetched = want.Published, want.Fetched
	if got != want {
		return fmt.Sprintf("\n got %+v\nwant %+v", got, want)
	}
	return ""
}
