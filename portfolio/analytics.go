package portfolio

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/topic"
)

// MaxRange is the longest range analytics cover.
const MaxRange = 5 * 366 * 24 * time.Hour

// ErrBadRange is wrapped by the errors of an empty or too long range.
var ErrBadRange = errors.New("bad time range")

// Sizes of the lists of Analytics.
const (
	headlinesPerHolding = 3
	maxMovers           = 5
)

// Analytics is where a portfolio stands in the news over [From, To).
//
// A holding's sentiment is the relevance-weighted mean of its ticker
// sentiment over the articles of the range (as store.Point), 0 when it has
// none. The portfolio sentiment is Σ weight × holding sentiment over the
// known holdings, so holdings without news count as neutral and the
// contributions (weight × sentiment) add up to it; Coverage says how much
// of the weight had news.
type Analytics struct {
	Portfolio string    `json:"portfolio"`
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	// Sentiment is in [-1, 1].
	Sentiment float64       `json:"sentiment"`
	Label     article.Label `json:"label"`
	// Coverage is the weight, in [0, 1], of the holdings with news.
	Coverage float64 `json:"coverage"`
	// Mentions counts the articles per holding, summed: an article about
	// two holdings counts twice.
	Mentions int `json:"mentions"`
	// Holdings are the known holdings, by weight, largest first.
	Holdings []HoldingAnalytics `json:"holdings"`
	// Series has one point per UTC day of the range: Σ weight × the
	// holding's sentiment that day (0 without news).
	Series []DayPoint `json:"series"`
	// Movers are the holdings whose sentiment changed most against the
	// previous period of the same length, [From - (To-From), From); a
	// holding without news in a period counts 0 there. Holdings without
	// news in both periods are not movers. At most 5, largest change first.
	Movers []Mover `json:"movers"`
	// Sectors is the weight per sector (the CSV's sector, else GICS from
	// the security master, else "Unknown"), largest first.
	Sectors []Exposure `json:"sectors"`
	// Topics is the exposure per topic: Σ over holdings of weight × the
	// topic's relevance-weighted share of the holding's articles
	// (Σ relevance × topic relevance / Σ relevance), largest first.
	Topics []Exposure `json:"topics"`
	// NoNews lists the known holdings without articles in the range.
	NoNews []string `json:"no_news"`
	// Unknown lists the tickers the security master does not know; they
	// are left out of everything above.
	Unknown []string `json:"unknown"`
	// Warnings say what the figures leave out.
	Warnings []string `json:"warnings,omitempty"`
}

// HoldingAnalytics is one holding's part of Analytics.
type HoldingAnalytics struct {
	Ticker string  `json:"ticker"`
	Name   string  `json:"name,omitempty"`
	Sector string  `json:"sector"`
	Weight float64 `json:"weight"`
	// Articles counts the articles mentioning the holding in the range.
	Articles int `json:"articles"`
	// Sentiment is in [-1, 1], 0 without articles.
	Sentiment float64       `json:"sentiment"`
	Label     article.Label `json:"label"`
	// Contribution is Weight × Sentiment.
	Contribution float64 `json:"contribution"`
	// PreviousSentiment and PreviousArticles are those of the previous
	// period (see Analytics.Movers).
	PreviousSentiment float64 `json:"previous_sentiment"`
	PreviousArticles  int     `json:"previous_articles"`
	// Series has the UTC days of the range with articles.
	Series []DayPoint `json:"series"`
	// Headlines are the latest articles, newest first (at most 3).
	Headlines []Headline `json:"headlines"`
}

// DayPoint is one UTC day of a sentiment series.
type DayPoint struct {
	Day       time.Time `json:"day"`
	Sentiment float64   `json:"sentiment"`
	// Articles counts articles (for the portfolio: mentions of holdings).
	Articles int `json:"articles"`
	// Coverage is the weight of the holdings with news that day
	// (portfolio series only).
	Coverage float64 `json:"coverage,omitempty"`
}

// Mover is a holding whose sentiment changed.
type Mover struct {
	Ticker string  `json:"ticker"`
	Name   string  `json:"name,omitempty"`
	Weight float64 `json:"weight"`
	// Before is the sentiment of the previous period, After that of the
	// range, Change = After - Before.
	Before         float64 `json:"before"`
	After          float64 `json:"after"`
	Change         float64 `json:"change"`
	ArticlesBefore int     `json:"articles_before"`
	ArticlesAfter  int     `json:"articles_after"`
}

// Exposure is the weight of the portfolio in one sector or topic.
type Exposure struct {
	// ID is the topic id; for sectors it is the sector name.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Weight is in [0, 1].
	Weight float64 `json:"weight"`
	// Contribution is Σ weight × sentiment of the sector's holdings (for
	// topics, each holding's contribution times its topic share).
	Contribution float64 `json:"contribution"`
	// Holdings lists the tickers in the sector or with the topic.
	Holdings []string `json:"holdings"`
}

// Headline is one article in a holding's news flow.
type Headline struct {
	ArticleID int64     `json:"article_id"`
	Time      time.Time `json:"time"`
	Title     string    `json:"title"`
	Site      string    `json:"site,omitempty"`
	URL       string    `json:"url,omitempty"`
	// Sentiment and Relevance are the holding's in the article.
	Sentiment float64 `json:"sentiment"`
	Relevance float64 `json:"relevance"`
}

// CheckRange reports an empty range or one longer than MaxRange.
func CheckRange(from, to time.Time) error {
	switch {
	case from.IsZero() || to.IsZero():
		return fmt.Errorf("%w: give both ends of the range", ErrBadRange)
	case !from.Before(to):
		return fmt.Errorf("%w: from %s is not before to %s", ErrBadRange, from.Format(time.RFC3339), to.Format(time.RFC3339))
	case to.Sub(from) > MaxRange:
		return fmt.Errorf("%w: %s to %s is longer than five years", ErrBadRange, from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	return nil
}

// Analyze computes the analytics of the portfolio called name over
// [from, to). An error wraps store.ErrNotFound for an unknown portfolio and
// ErrBadRange for a bad range.
func (s *Service) Analyze(ctx context.Context, name string, from, to time.Time) (Analytics, error) {
	p, err := s.Get(ctx, name)
	if err != nil {
		return Analytics{}, err
	}
	return s.analyze(ctx, p, from, to)
}

func (s *Service) analyze(ctx context.Context, p store.Portfolio, from, to time.Time) (Analytics, error) {
	if err := CheckRange(from, to); err != nil {
		return Analytics{}, err
	}
	from, to = from.UTC(), to.UTC()
	a := Analytics{Portfolio: p.Name, From: from, To: to, Holdings: []HoldingAnalytics{},
		NoNews: []string{}, Unknown: append([]string{}, Unknown(p)...)}
	known := Known(p)
	slices.SortStableFunc(known, func(x, y store.Holding) int { return cmp.Compare(y.Weight, x.Weight) })
	tickers := make([]string, len(known))
	for i, h := range known {
		tickers[i] = h.Ticker
	}
	now, err := s.Store.TickerStats(ctx, tickers, from, to)
	if err != nil {
		return Analytics{}, fmt.Errorf("portfolio %s: %w", p.Name, err)
	}
	before, err := s.Store.TickerStats(ctx, tickers, from.Add(-to.Sub(from)), from)
	if err != nil {
		return Analytics{}, fmt.Errorf("portfolio %s: %w", p.Name, err)
	}
	for i, h := range known {
		ha, err := s.holding(ctx, h, now[i], before[i], from, to)
		if err != nil {
			return Analytics{}, err
		}
		a.Holdings = append(a.Holdings, ha)
		a.Sentiment += ha.Contribution
		a.Mentions += ha.Articles
		if ha.Articles > 0 {
			a.Coverage += ha.Weight
		} else {
			a.NoNews = append(a.NoNews, ha.Ticker)
		}
	}
	a.Label = article.LabelOf(a.Sentiment)
	a.Series = portfolioSeries(a.Holdings, from, to)
	a.Movers = movers(a.Holdings)
	a.Sectors = sectorExposure(a.Holdings)
	a.Topics = topicExposure(a.Holdings, now)
	a.Warnings = analyticsWarnings(a)
	return a, nil
}

// holding computes one holding's analytics from its range sums.
func (s *Service) holding(ctx context.Context, h store.Holding, now, before store.TickerStats, from, to time.Time) (HoldingAnalytics, error) {
	ha := HoldingAnalytics{Ticker: h.Ticker, Name: h.Name, Sector: sectorOf(h), Weight: h.Weight,
		Articles: now.Articles, Sentiment: now.Mean(), PreviousSentiment: before.Mean(),
		PreviousArticles: before.Articles, Series: []DayPoint{}, Headlines: []Headline{}}
	ha.Label = article.LabelOf(ha.Sentiment)
	ha.Contribution = ha.Weight * ha.Sentiment
	if ha.Articles == 0 {
		return ha, nil
	}
	// Buckets start at UTC midnight but hold only articles of [from, to).
	points, err := s.Store.TimeSeries(ctx, h.Ticker, store.Day, from, to)
	if err != nil {
		return ha, fmt.Errorf("sentiment series of %s: %w", h.Ticker, err)
	}
	for _, pt := range points {
		ha.Series = append(ha.Series, DayPoint{Day: pt.Start.UTC(), Sentiment: pt.Sentiment, Articles: pt.Articles})
	}
	page, err := s.Store.Search(ctx, store.Query{Tickers: []string{h.Ticker}, From: from, To: to, Limit: headlinesPerHolding})
	if err != nil {
		return ha, fmt.Errorf("headlines of %s: %w", h.Ticker, err)
	}
	for _, st := range page.Articles {
		ha.Headlines = append(ha.Headlines, headlineOf(st, h.Ticker))
	}
	return ha, nil
}

func headlineOf(st store.Stored, ticker string) Headline {
	hl := Headline{ArticleID: st.ID, Time: st.Time.UTC(), Title: st.Article.Title, Site: st.Article.Site,
		URL: firstNonEmpty(st.Article.CanonicalURL, st.Article.URL)}
	if st.Analysis != nil {
		for _, t := range st.Analysis.Tickers {
			if t.Ticker == ticker {
				hl.Sentiment, hl.Relevance = t.Sentiment.Value, t.Relevance
			}
		}
	}
	return hl
}

// portfolioSeries sums weight × sentiment per UTC day of [from, to).
func portfolioSeries(hs []HoldingAnalytics, from, to time.Time) []DayPoint {
	byDay := map[time.Time]*DayPoint{}
	var out []DayPoint
	for d := day(from); d.Before(to); d = d.Add(24 * time.Hour) {
		out = append(out, DayPoint{Day: d})
	}
	for i := range out {
		byDay[out[i].Day] = &out[i]
	}
	for _, h := range hs {
		for _, pt := range h.Series {
			if dp := byDay[pt.Day]; dp != nil {
				dp.Sentiment += h.Weight * pt.Sentiment
				dp.Articles += pt.Articles
				dp.Coverage += h.Weight
			}
		}
	}
	return out
}

func movers(hs []HoldingAnalytics) []Mover {
	out := []Mover{}
	for _, h := range hs {
		if h.Articles == 0 && h.PreviousArticles == 0 {
			continue
		}
		out = append(out, Mover{Ticker: h.Ticker, Name: h.Name, Weight: h.Weight, Before: h.PreviousSentiment,
			After: h.Sentiment, Change: h.Sentiment - h.PreviousSentiment,
			ArticlesBefore: h.PreviousArticles, ArticlesAfter: h.Articles})
	}
	slices.SortStableFunc(out, func(x, y Mover) int {
		return cmp.Or(cmp.Compare(math.Abs(y.Change), math.Abs(x.Change)), cmp.Compare(x.Ticker, y.Ticker))
	})
	return out[:min(len(out), maxMovers)]
}

func sectorOf(h store.Holding) string {
	if h.Sector == "" {
		return "Unknown"
	}
	return h.Sector
}

func sectorExposure(hs []HoldingAnalytics) []Exposure {
	index := map[string]int{}
	out := []Exposure{}
	for _, h := range hs {
		i, ok := index[h.Sector]
		if !ok {
			i = len(out)
			index[h.Sector] = i
			out = append(out, Exposure{ID: h.Sector, Name: h.Sector})
		}
		out[i].Weight += h.Weight
		out[i].Contribution += h.Contribution
		out[i].Holdings = append(out[i].Holdings, h.Ticker)
	}
	sortExposure(out)
	return out
}

func topicExposure(hs []HoldingAnalytics, stats []store.TickerStats) []Exposure {
	names := topicNames()
	index := map[string]int{}
	out := []Exposure{}
	for i, h := range hs {
		st := stats[i]
		if st.Relevance <= 1e-9 {
			continue
		}
		for id, sum := range st.Topics {
			share := sum / st.Relevance
			j, ok := index[id]
			if !ok {
				j = len(out)
				index[id] = j
				out = append(out, Exposure{ID: id, Name: firstNonEmpty(names[id], id)})
			}
			out[j].Weight += h.Weight * share
			out[j].Contribution += h.Contribution * share
			out[j].Holdings = append(out[j].Holdings, h.Ticker)
		}
	}
	for i := range out {
		slices.Sort(out[i].Holdings)
	}
	sortExposure(out)
	return out
}

func sortExposure(es []Exposure) {
	slices.SortStableFunc(es, func(x, y Exposure) int {
		return cmp.Or(cmp.Compare(y.Weight, x.Weight), cmp.Compare(x.ID, y.ID))
	})
}

// topicNames maps topic ids to their display names.
var topicNames = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, d := range topic.Default().Taxonomy() {
		m[d.ID] = d.Name
	}
	return m
})

func analyticsWarnings(a Analytics) []string {
	var out []string
	if n := len(a.Unknown); n > 0 {
		out = append(out, fmt.Sprintf("%d unknown %s left out of the figures (not in the security master): %s",
			n, plural(n, "ticker", "tickers"), strings.Join(a.Unknown, ", ")))
	}
	if len(a.Holdings) == 0 {
		out = append(out, "no known holdings: import the portfolio with tickers of the security master")
	}
	return out
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
