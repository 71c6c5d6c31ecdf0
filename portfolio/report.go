package portfolio

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// Sizes of a report.
const (
	maxStories     = 5
	storyCandidate = 500 // articles read to pick the key stories
)

// Report is a briefing of a portfolio over a range (a day by default):
// the analytics, the alerts that fired and the key stories. Write it with
// WriteTerminal, WriteMarkdown or WriteHTML.
type Report struct {
	Analytics Analytics `json:"analytics"`
	// Generated is when the report was made.
	Generated time.Time `json:"generated"`
	// AlertsConfigured is false when the service has no Alerts.
	AlertsConfigured bool    `json:"alerts_configured"`
	Alerts           []Alert `json:"alerts"`
	// Stories are the key stories, most important first: the articles with
	// the largest impact, Σ over holdings of weight × relevance ×
	// |sentiment|, one per story cluster.
	Stories []Story `json:"stories"`
	// analyticsOnly leaves out the alerts, the stories and the generation
	// time (Analytics.WriteTerminal).
	analyticsOnly bool
}

// Story is a key story of a report.
type Story struct {
	ArticleID int64     `json:"article_id"`
	Time      time.Time `json:"time"`
	Title     string    `json:"title"`
	Site      string    `json:"site,omitempty"`
	URL       string    `json:"url,omitempty"`
	Summary   []string  `json:"summary"`
	// Holdings are the portfolio's holdings the article is about.
	Holdings []StoryHolding `json:"holdings"`
	Impact   float64        `json:"impact"`
}

// StoryHolding is what a story says about one holding.
type StoryHolding struct {
	Ticker    string  `json:"ticker"`
	Relevance float64 `json:"relevance"`
	Sentiment float64 `json:"sentiment"`
}

// Report makes the briefing of the portfolio called name over [from, to).
func (s *Service) Report(ctx context.Context, name string, from, to time.Time) (Report, error) {
	a, err := s.Analyze(ctx, name, from, to)
	if err != nil {
		return Report{}, err
	}
	r := Report{Analytics: a, Generated: time.Now().UTC(), Alerts: []Alert{}}
	var tickers []string
	for _, h := range a.Holdings {
		tickers = append(tickers, h.Ticker)
	}
	if s.Alerts != nil {
		r.AlertsConfigured = true
		alerts, err := s.Alerts.PortfolioAlerts(ctx, name, tickers, a.From, a.To)
		if err != nil {
			return Report{}, fmt.Errorf("alerts of portfolio %s: %w", name, err)
		}
		r.Alerts = append(r.Alerts, alerts...)
	}
	if r.Stories, err = s.keyStories(ctx, a); err != nil {
		return Report{}, err
	}
	return r, nil
}

// keyStories picks the stories of the range with the largest impact on
// the portfolio.
func (s *Service) keyStories(ctx context.Context, a Analytics) ([]Story, error) {
	weights := map[string]float64{}
	var tickers []string
	for _, h := range a.Holdings {
		if h.Articles > 0 {
			weights[h.Ticker] = h.Weight
			tickers = append(tickers, h.Ticker)
		}
	}
	out := []Story{}
	if len(tickers) == 0 {
		return out, nil
	}
	page, err := s.Store.Search(ctx, store.Query{Tickers: tickers, From: a.From, To: a.To, Limit: storyCandidate})
	if err != nil {
		return nil, fmt.Errorf("key stories of portfolio %s: %w", a.Portfolio, err)
	}
	best := map[int64]int{} // cluster -> index in out
	for _, st := range page.Articles {
		story := storyOf(st, weights)
		if story.Impact <= 0 {
			continue
		}
		if i, ok := best[st.Cluster]; ok && st.Cluster != 0 {
			if story.Impact > out[i].Impact {
				out[i] = story
			}
			continue
		}
		best[st.Cluster] = len(out)
		out = append(out, story)
	}
	slices.SortStableFunc(out, func(x, y Story) int {
		return cmp.Or(cmp.Compare(y.Impact, x.Impact), y.Time.Compare(x.Time))
	})
	return out[:min(len(out), maxStories)], nil
}

func storyOf(st store.Stored, weights map[string]float64) Story {
	s := Story{ArticleID: st.ID, Time: st.Time.UTC(), Title: st.Article.Title, Site: st.Article.Site,
		URL: firstNonEmpty(st.Article.CanonicalURL, st.Article.URL), Summary: []string{}}
	if st.Analysis == nil {
		return s
	}
	s.Summary = append(s.Summary, st.Analysis.Summary...)
	for _, t := range st.Analysis.Tickers {
		w, ok := weights[t.Ticker]
		if !ok {
			continue
		}
		s.Holdings = append(s.Holdings, StoryHolding{Ticker: t.Ticker, Relevance: t.Relevance, Sentiment: t.Sentiment.Value})
		s.Impact += w * t.Relevance * math.Abs(t.Sentiment.Value)
	}
	return s
}
