package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// Fill loads s with n articles from store.Generate (seed 1) for a
// benchmark, outside its timer.
func Fill(b *testing.B, s store.Store, n int) {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	if err := store.Generate(context.Background(), s, n, 1, nil); err != nil {
		b.Fatal(err)
	}
}

// SeriesCase is one time-series request of the benchmark mix.
type SeriesCase struct {
	Ticker string
	Bucket store.Bucket
	Span   time.Duration // the range ends at store.GenerateEnd
}

// SeriesMix is a mix of popular and rare tickers over a day by minute, a
// month by hour and a year by day.
var SeriesMix = []SeriesCase{
	{"AAPL", store.Minute, 24 * time.Hour},
	{"AAPL", store.Hour, 30 * 24 * time.Hour},
	{"AAPL", store.Day, 365 * 24 * time.Hour},
	{"JPM", store.Hour, 30 * 24 * time.Hour},
	{"JPM", store.Day, 365 * 24 * time.Hour},
	{"DASH", store.Day, 365 * 24 * time.Hour},
}

// SearchMix is a mix of searches: newest, words common and rare, tickers,
// topics, ranges and their combinations.
var SearchMix = []store.Query{
	{},
	{Text: "shares"},
	{Text: "antitrust"},
	{Text: "ransomware refinery"},
	{Text: "profit forecast raised"},
	{Tickers: []string{"AAPL"}},
	{Tickers: []string{"DASH"}},
	{Tickers: []string{"TSLA", "F", "GM"}},
	{Tickers: []string{"NVDA"}, Text: "datacenter"},
	{Tickers: []string{"DASH"}, Text: "shares"},
	{Topics: []string{"mergers_acquisitions"}},
	{Topics: []string{"earnings"}, From: store.GenerateEnd.AddDate(0, -1, 0)},
	{Text: "lawsuit", From: store.GenerateEnd.AddDate(0, -1, 0)},
	{Sentiment: &store.Range{Min: -1, Max: -0.5}},
	{Tickers: []string{"AAPL"}, Sentiment: &store.Range{Min: 0.3, Max: 1}},
	{Tickers: []string{"MSFT"}, MinNovelty: 0.9, MinRelevance: 0.8},
	{Site: "wire3.example"},
	{Sort: store.Oldest, Text: "vaccine"},
}

// BenchTimeSeries times the requests of SeriesMix in turn.
func BenchTimeSeries(b *testing.B, s store.Store) {
	ctx := context.Background()
	i := 0
	for b.Loop() {
		c := SeriesMix[i%len(SeriesMix)]
		i++
		if _, err := s.TimeSeries(ctx, c.Ticker, c.Bucket, store.GenerateEnd.Add(-c.Span), store.GenerateEnd); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchSearch times the queries of SearchMix in turn.
func BenchSearch(b *testing.B, s store.Store) {
	ctx := context.Background()
	i := 0
	for b.Loop() {
		q := SearchMix[i%len(SearchMix)]
		i++
		if _, err := s.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
