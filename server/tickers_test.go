package server

import (
	"net/http"
	"testing"
	"time"
)

func TestTickerSentimentSeries(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		path   string
		points []pointView // Start, Sentiment (rounded), Articles
		total  int
	}{
		{"/v1/tickers/nvda/sentiment?bucket=day&from=2026-03-01&to=2026-03-06", []pointView{
			{Start: day(2), Sentiment: 0.71, Articles: 1}, {Start: day(4), Sentiment: -0.15, Articles: 1}}, 2},
		{"/v1/tickers/NVDA/sentiment?bucket=hour&from=20260302T1400&to=20260302T1500", []pointView{
			{Start: day(2).Add(14 * time.Hour), Sentiment: 0.71, Articles: 1}}, 1},
		{"/v1/tickers/AAPL/sentiment?bucket=day&from=2026-03-02&to=2026-03-04", []pointView{
			{Start: day(2), Sentiment: -0.52, Articles: 1}, {Start: day(3), Sentiment: 0.149999, Articles: 1}}, 2},
		{"/v1/tickers/crypto:btc/sentiment?bucket=minute&from=2026-03-04T07:00:00Z&to=2026-03-04T09:00:00Z", []pointView{
			{Start: day(4).Add(8 * time.Hour), Sentiment: -0.71, Articles: 1}}, 1},
		{"/v1/tickers/TSLA/sentiment?bucket=day&from=2026-03-01&to=2026-03-06", []pointView{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var s seriesView
			f.getJSON(tt.path, http.StatusOK, &s)
			if len(s.Points) != len(tt.points) || s.Articles != tt.total {
				t.Fatalf("got %+v, want %d points, %d articles", s, len(tt.points), tt.total)
			}
			for i, p := range s.Points {
				w := tt.points[i]
				if !p.Start.Equal(w.Start) || round6(p.Sentiment) != w.Sentiment || p.Articles != w.Articles || p.Label == "" {
					t.Errorf("point %d = %+v, want %+v", i, p, w)
				}
			}
		})
	}
}

func TestTickerSentimentDefaultsToHoursOfTheLastWeek(t *testing.T) {
	f := newFixture(t, nil)
	var s seriesView
	f.getJSON("/v1/tickers/NVDA/sentiment", http.StatusOK, &s)
	if s.Bucket != "hour" || s.To.Sub(s.From) != 7*24*time.Hour || s.To.Before(time.Now()) || s.Ticker != "NVDA" {
		t.Errorf("got bucket %s from %v to %v", s.Bucket, s.From, s.To)
	}
}

func day(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
