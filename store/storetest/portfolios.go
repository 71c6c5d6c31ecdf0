package storetest

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// portfolioTests are the cases of the PortfolioStore part of the suite.
var portfolioTests = []struct {
	name string
	f    func(t *testing.T, s store.Store)
}{
	{"PortfoliosCRUD", testPortfolios},
	{"PutPortfolioReplacesHoldingsAndKeepsCreated", testPortfolioReplace},
	{"PortfolioErrors", testPortfolioErrors},
	{"TickerStatsSumsRangeAndTopics", testTickerStats},
}

func testPortfolios(t *testing.T, s store.Store) {
	ctx := context.Background()
	core := store.Portfolio{Name: "core", Holdings: []store.Holding{
		{Ticker: "MSFT", Name: "Microsoft", Quantity: 10, Cost: 400, Weight: 0.6, Sector: "Information Technology"},
		{Ticker: "AAPL", Name: "Apple", Quantity: 20, Cost: 133.33, Weight: 0.4, Sector: "Information Technology"},
		{Ticker: "ZZZZQ", Weight: 0, Unknown: true},
	}}
	empty := store.Portfolio{Name: "alpha"}
	before := time.Now().Add(-time.Second)
	for _, p := range []store.Portfolio{core, empty} {
		if err := s.PutPortfolio(ctx, p); err != nil {
			t.Fatalf("PutPortfolio(%s): %v", p.Name, err)
		}
	}
	got, err := s.Portfolio(ctx, "core")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Holdings, core.Holdings) {
		t.Errorf("holdings\n got %+v\nwant %+v", got.Holdings, core.Holdings)
	}
	if got.Created.Before(before) || !got.Updated.Equal(got.Created) {
		t.Errorf("created %v updated %v, want now and equal", got.Created, got.Updated)
	}
	all, err := s.Portfolios(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Name != "alpha" || all[1].Name != "core" || len(all[0].Holdings) != 0 || len(all[1].Holdings) != 3 {
		t.Errorf("Portfolios = %+v, want alpha (empty) then core (3 holdings)", all)
	}
	if err := s.DeletePortfolio(ctx, "core"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Portfolio(ctx, "core"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Portfolio(deleted) error %v, want ErrNotFound", err)
	}
	if err := s.PutPortfolio(ctx, store.Portfolio{Name: "core"}); err != nil {
		t.Fatal(err)
	}
	if p, err := s.Portfolio(ctx, "core"); err != nil || len(p.Holdings) != 0 {
		t.Errorf("re-created portfolio = %+v, %v; want no holdings left from before", p, err)
	}
}

func testPortfolioReplace(t *testing.T, s store.Store) {
	ctx := context.Background()
	first := store.Portfolio{Name: "book", Holdings: []store.Holding{{Ticker: "NVDA", Weight: 1}}}
	if err := s.PutPortfolio(ctx, first); err != nil {
		t.Fatal(err)
	}
	p1, err := s.Portfolio(ctx, "book")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	second := store.Portfolio{Name: "book", Holdings: []store.Holding{{Ticker: "XOM", Weight: 0.5}, {Ticker: "CVX", Weight: 0.5}}}
	if err := s.PutPortfolio(ctx, second); err != nil {
		t.Fatal(err)
	}
	p2, err := s.Portfolio(ctx, "book")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p2.Holdings, second.Holdings) {
		t.Errorf("holdings after replace %+v, want %+v", p2.Holdings, second.Holdings)
	}
	if !p2.Created.Equal(p1.Created) || !p2.Updated.After(p1.Updated) {
		t.Errorf("created %v -> %v, updated %v -> %v; want created kept, updated later", p1.Created, p2.Created, p1.Updated, p2.Updated)
	}
}

func testPortfolioErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	if err := s.PutPortfolio(ctx, store.Portfolio{Name: " "}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("PutPortfolio(no name) error %v, want ErrBadQuery", err)
	}
	if err := s.DeletePortfolio(ctx, "nothing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeletePortfolio(unknown) error %v, want ErrNotFound", err)
	}
	if _, err := s.Portfolio(ctx, "nothing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Portfolio(unknown) error %v, want ErrNotFound", err)
	}
	if all, err := s.Portfolios(ctx); err != nil || len(all) != 0 {
		t.Errorf("Portfolios of an empty store = %v, %v", all, err)
	}
}

func testTickerStats(t *testing.T, s store.Store) {
	ctx := context.Background()
	an1 := analysis("m1", 0.5, tick{"ACME", 0.8, 0.5}, tick{"WID", 0.2, -0.5})
	an1.Topics = []article.Topic{{ID: "earnings", Relevance: 0.5}, {ID: "mna", Relevance: 1}}
	putAnalysed(t, s, news("Acme results", 0), an1)
	an2 := analysis("m1", -0.2, tick{"ACME", 0.4, -0.2})
	an2.Topics = []article.Topic{{ID: "earnings", Relevance: 1}}
	putAnalysed(t, s, news("Acme outlook", 60), an2)
	putAnalysed(t, s, news("Acme later story", 120), analysis("m1", 0.9, tick{"ACME", 1, 0.9}))
	putRaw(t, s, news("Acme pending", 30))

	at := func(m int) time.Time { return base.Add(time.Duration(m) * time.Minute) }
	got, err := s.TickerStats(ctx, []string{"ACME", "NONE", "WID", "ACME"}, at(0), at(120))
	if err != nil {
		t.Fatal(err)
	}
	// ACME in [0, 120): relevances 0.8 and 0.4, sentiments 0.5 and -0.2:
	// weighted 0.4 - 0.08 = 0.32; earnings 0.8×0.5 + 0.4×1 = 0.8, mna 0.8.
	want := []store.TickerStats{
		{Ticker: "ACME", Articles: 2, Relevance: 1.2, Weighted: 0.32, Sentiment: 0.3, Topics: map[string]float64{"earnings": 0.8, "mna": 0.8}},
		{Ticker: "NONE", Topics: map[string]float64{}},
		{Ticker: "WID", Articles: 1, Relevance: 0.2, Weighted: -0.1, Sentiment: -0.5, Topics: map[string]float64{"earnings": 0.1, "mna": 0.2}},
	}
	if len(got) != len(want) {
		t.Fatalf("TickerStats = %+v, want %+v", got, want)
	}
	for i := range want {
		if !statsNear(got[i], want[i]) {
			t.Errorf("TickerStats[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	if m := got[0].Mean(); math.Abs(m-0.32/1.2) > 1e-9 {
		t.Errorf("ACME mean %v, want %v", m, 0.32/1.2)
	}
	if none, err := s.TickerStats(ctx, nil, at(0), at(120)); err != nil || len(none) != 0 {
		t.Errorf("TickerStats(no tickers) = %v, %v", none, err)
	}
}

func statsNear(a, b store.TickerStats) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	if a.Ticker != b.Ticker || a.Articles != b.Articles || !near(a.Relevance, b.Relevance) ||
		!near(a.Weighted, b.Weighted) || !near(a.Sentiment, b.Sentiment) || len(a.Topics) != len(b.Topics) {
		return false
	}
	for k, v := range b.Topics {
		if !near(a.Topics[k], v) {
			return false
		}
	}
	return true
}
