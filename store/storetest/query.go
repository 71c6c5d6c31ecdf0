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

// searchFixture stores three analysed articles and one pending one and
// returns the ids of the analysed ones, oldest first, and the source id.
func searchFixture(t *testing.T, s store.Store) (a1, a2, a3, src int64) {
	ctx := context.Background()
	src, err := s.AddSource(ctx, store.Source{URL: "https://news.example/feed", Kind: "rss"})
	if err != nil {
		t.Fatal(err)
	}
	r1 := store.Raw{Article: news("Acme beats profit estimates", 0), Source: src}
	res, err := s.PutRaw(ctx, r1)
	if err != nil {
		t.Fatal(err)
	}
	a1 = res.ID
	an1 := analysis("m1", 0.6, tick{"ACME", 0.9, 0.6})
	an1.Topics = []article.Topic{{ID: "earnings", Relevance: 0.9}}
	if err := s.PutAnalysis(ctx, a1, an1); err != nil {
		t.Fatal(err)
	}
	w := news("Widget misses revenue forecast", 60)
	w.Site = "wire.example"
	an2 := analysis("m1", -0.5, tick{"WID", 0.8, -0.5})
	an2.Topics = []article.Topic{{ID: "earnings", Relevance: 0.7}}
	a2 = putAnalysed(t, s, w, an2)
	an3 := analysis("m1", 0.1, tick{"ACME", 0.5, 0.2}, tick{"WID", 0.6, 0.1})
	an3.Topics = []article.Topic{{ID: "mna", Relevance: 0.9}}
	a3 = putAnalysed(t, s, news("Acme and Widget in merger talks", 120), an3)
	if err := s.SetNovelty(ctx, a3, "ACME", 0.9); err != nil {
		t.Fatal(err)
	}
	putRaw(t, s, news("Acme pending story", 30))
	return a1, a2, a3, src
}

func testSearchFilters(t *testing.T, s store.Store) {
	a1, a2, a3, src := searchFixture(t, s)
	at := func(m int) time.Time { return base.Add(time.Duration(m) * time.Minute) }
	tests := []struct {
		name string
		q    store.Query
		want []int64
	}{
		{"zero query lists analysed newest first", store.Query{}, []int64{a3, a2, a1}},
		{"oldest first", store.Query{Sort: store.Oldest}, []int64{a1, a2, a3}},
		{"text word in any case", store.Query{Text: "ACME"}, []int64{a3, a1}},
		{"text needs every word", store.Query{Text: "acme merger"}, []int64{a3}},
		{"text punctuation separates words", store.Query{Text: "profit-estimates!"}, []int64{a1}},
		{"text without match", store.Query{Text: "zebra"}, nil},
		{"ticker", store.Query{Tickers: []string{"WID"}}, []int64{a3, a2}},
		{"any of tickers", store.Query{Tickers: []string{"WID", "ACME"}}, []int64{a3, a2, a1}},
		{"ticker with min relevance", store.Query{Tickers: []string{"ACME"}, MinRelevance: 0.8}, []int64{a1}},
		{"min relevance of any ticker", store.Query{MinRelevance: 0.7}, []int64{a2, a1}},
		{"min novelty", store.Query{MinNovelty: 0.5}, []int64{a3}},
		{"topic", store.Query{Topics: []string{"mna"}}, []int64{a3}},
		{"any of topics", store.Query{Topics: []string{"earnings", "mna"}}, []int64{a3, a2, a1}},
		{"one topic oldest first", store.Query{Topics: []string{"earnings"}, Sort: store.Oldest}, []int64{a1, a2}},
		{"one topic in a time range", store.Query{Topics: []string{"earnings"}, From: at(60)}, []int64{a2}},
		{"one topic with min relevance", store.Query{Topics: []string{"earnings"}, MinRelevance: 0.85}, []int64{a1}},
		{"one unknown topic", store.Query{Topics: []string{"zebras"}}, nil},
		{"source", store.Query{Source: src}, []int64{a1}},
		{"site", store.Query{Site: "wire.example"}, []int64{a2}},
		{"time range is half open", store.Query{From: at(60), To: at(120)}, []int64{a2}},
		{"negative sentiment", store.Query{Sentiment: &store.Range{Min: -1, Max: 0}}, []int64{a2}},
		{"sentiment range is closed", store.Query{Sentiment: &store.Range{Min: 0.1, Max: 0.6}}, []int64{a3, a1}},
		{"filters combine", store.Query{Text: "acme", Topics: []string{"earnings"}}, []int64{a1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.Search(context.Background(), tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(p.Articles); !reflect.DeepEqual(got, tc.want) && len(got)+len(tc.want) > 0 {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if p.Next != "" {
				t.Errorf("next %q on the only page", p.Next)
			}
		})
	}
}

func testSearchPages(t *testing.T, s store.Store) {
	for i, title := range []string{"One", "Two", "Three", "Four", "Five"} {
		// Articles share times in pairs: ties have a stable order too.
		putAnalysed(t, s, news(title+" story", i/2*10), analysis("m1", 0))
	}
	all, err := s.Search(context.Background(), store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	newest := ids(all.Articles)
	for i := 1; i < len(all.Articles); i++ {
		if all.Articles[i].Time.After(all.Articles[i-1].Time) {
			t.Errorf("newest first lists %v after %v", all.Articles[i].Time, all.Articles[i-1].Time)
		}
	}
	oldest := make([]int64, len(newest))
	for i, id := range newest {
		oldest[len(newest)-1-i] = id
	}
	for _, tc := range []struct {
		sort store.Sort
		want []int64
	}{{store.Newest, newest}, {store.Oldest, oldest}} {
		if got := pages(t, s, store.Query{Sort: tc.sort, Limit: 2}); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("sort %q: pages gave %v, want %v", tc.sort, got, tc.want)
		}
	}
}

// pages returns the ids of every page of q, following the cursors.
func pages(t *testing.T, s store.Store, q store.Query) []int64 {
	var got []int64
	for range 100 {
		p, err := s.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ids(p.Articles)...)
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	return got
}

func testSearchBad(t *testing.T, s store.Store) {
	for name, q := range map[string]store.Query{
		"negative limit":   {Limit: -1},
		"limit over max":   {Limit: store.MaxLimit + 1},
		"malformed cursor": {Cursor: "not a cursor"},
		"unknown sort":     {Sort: "best"},
		"text of no words": {Text: "!!! ---"},
	} {
		if _, err := s.Search(context.Background(), q); !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("%s: error %v, want ErrBadQuery", name, err)
		}
	}
}

func testTimeSeries(t *testing.T, s store.Store) {
	putAnalysed(t, s, news("Acme up", 0), analysis("m1", 0, tick{"ACME", 1, 0.5}))
	putAnalysed(t, s, news("Acme down", 10), analysis("m1", 0, tick{"ACME", 0.5, -0.4}, tick{"WID", 1, 1}))
	putAnalysed(t, s, news("Acme aside", 120), analysis("m1", 0, tick{"ACME", 0, 0.3}))
	putRaw(t, s, news("Acme pending", 5))
	hour := func(h int) time.Time { return time.Date(2026, 3, 2, h, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		bucket   store.Bucket
		from, to time.Time
		want     []store.Point
	}{
		{"hours, plain mean when relevance is 0", store.Hour, hour(0), hour(24),
			[]store.Point{{Start: hour(14), Sentiment: 0.2, Articles: 2}, {Start: hour(16), Sentiment: 0.3, Articles: 1}}},
		{"day", store.Day, hour(0), hour(48), []store.Point{{Start: hour(0), Sentiment: 0.2, Articles: 3}}},
		{"range excludes its end", store.Minute, base, base.Add(2 * time.Hour),
			[]store.Point{{Start: hour(14).Add(30 * time.Minute), Sentiment: 0.5, Articles: 1},
				{Start: hour(14).Add(40 * time.Minute), Sentiment: -0.4, Articles: 1}}},
		{"empty range", store.Hour, hour(20), hour(22), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.TimeSeries(context.Background(), "ACME", tc.bucket, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if !samePoints(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func samePoints(got, want []store.Point) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		g, w := got[i], want[i]
		if !g.Start.Equal(w.Start) || g.Articles != w.Articles || math.Abs(g.Sentiment-w.Sentiment) > 1e-9 {
			return false
		}
	}
	return true
}

func testTimeSeriesBad(t *testing.T, s store.Store) {
	ctx := context.Background()
	if _, err := s.TimeSeries(ctx, "ACME", "week", base, base.Add(time.Hour)); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("unknown bucket: error %v, want ErrBadQuery", err)
	}
	far := base.AddDate(1000, 0, 0)
	if _, err := s.TimeSeries(ctx, "ACME", store.Minute, base, far); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("too many buckets: error %v, want ErrBadQuery", err)
	}
}

func testTimeSeriesReanalysis(t *testing.T, s store.Store) {
	ctx := context.Background()
	id := putAnalysed(t, s, news("Acme first take", 0), analysis("m1", 0, tick{"ACME", 1, 0.8}))
	putAnalysed(t, s, news("Acme other", 20), analysis("m1", 0, tick{"ACME", 1, 0.2}))
	putAnalysed(t, s, news("Acme later", 90), analysis("m1", 0, tick{"ACME", 1, 0.6}))
	if err := s.PutAnalysis(ctx, id, analysis("m2", 0, tick{"ACME", 1, -0.4}, tick{"WID", 1, 0.5})); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		ticker   string
		bucket   store.Bucket
		from, to time.Time
		want     []store.Point
	}{
		{"replaced sentiment", "ACME", store.Day, day, day.AddDate(0, 0, 1),
			[]store.Point{{Start: day, Sentiment: 0.4 / 3, Articles: 3}}},
		{"added ticker", "WID", store.Hour, day, day.AddDate(0, 0, 1),
			[]store.Point{{Start: day.Add(14 * time.Hour), Sentiment: 0.5, Articles: 1}}},
		{"within one hour", "ACME", store.Hour, base.Add(time.Minute), base.Add(21 * time.Minute),
			[]store.Point{{Start: day.Add(14 * time.Hour), Sentiment: 0.2, Articles: 1}}},
		{"partial hours at both ends", "ACME", store.Day, base.Add(time.Minute), base.Add(3 * time.Hour),
			[]store.Point{{Start: day, Sentiment: 0.4, Articles: 2}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.TimeSeries(ctx, tc.ticker, tc.bucket, tc.from, tc.to)
			if err != nil {
				t.Fatal(err)
			}
			if !samePoints(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	if err := s.PutAnalysis(ctx, id, analysis("m3", 0)); err != nil {
		t.Fatal(err)
	}
	got, err := s.TimeSeries(ctx, "WID", store.Day, day, day.AddDate(0, 0, 1))
	if err != nil || len(got) != 0 {
		t.Errorf("after the ticker left the analysis: %+v, %v; want no points", got, err)
	}
}
