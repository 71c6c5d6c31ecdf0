package portfolio

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// EventThreshold is the daily sentiment at or beyond which a news day is
// strongly positive (≥ 0.35) or strongly negative (≤ -0.35): the
// thresholds of the "strongly" labels.
const EventThreshold = 0.35

// Horizons is the longest cumulative return of the event study, in
// trading days.
const Horizons = 5

// ReturnsStudy relates daily news sentiment to the returns that follow.
//
// A news day is a UTC day with articles; its sentiment is the day's
// relevance-weighted ticker sentiment (for the portfolio, Σ weight ×
// sentiment over the holdings, no news counting 0). The next-day return of
// a news day d is the return on the first trading date after d in the
// prices file (a Friday's news meets Monday's return). The k-day
// cumulative return compounds the returns of the k trading dates after d.
// The portfolio's return on a date is the weighted mean of the returns of
// the holdings priced that date, weights rescaled over them. Holdings
// absent from the prices file are left out of the study, their news too.
type ReturnsStudy struct {
	Portfolio string `json:"portfolio"`
	// From and To bound the news days used: a week before the first price
	// date to the last.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// Tickers has one entry per known holding, in weight order.
	Tickers []ReturnStats `json:"tickers"`
	// Total is the portfolio: its correlation uses the portfolio series;
	// its event study pools the events of every holding.
	Total    ReturnStats `json:"portfolio_total"`
	Warnings []string    `json:"warnings,omitempty"`
}

// ReturnStats are the figures of one ticker or of the portfolio.
type ReturnStats struct {
	Ticker string `json:"ticker,omitempty"`
	// Correlation is Pearson's r between news-day sentiment and next-day
	// return over N pairs; nil when N < 3 or either side is constant.
	Correlation *float64 `json:"correlation"`
	N           int      `json:"n"`
	// Negative and Positive are the event studies of strongly negative and
	// strongly positive news days.
	Negative EventStudy `json:"strongly_negative"`
	Positive EventStudy `json:"strongly_positive"`
}

// EventStudy averages the returns after a kind of news day.
type EventStudy struct {
	// Events counts the news days of the kind.
	Events int `json:"events"`
	// Horizons[k-1] is the mean k-day cumulative return over the events
	// with k trading days of returns after them (k = 1 is the next-day
	// return).
	Horizons []Horizon `json:"horizons"`
}

// Horizon is the mean cumulative return over Days trading days.
type Horizon struct {
	Days int `json:"days"`
	// N counts the events with Days returns after them; Mean is 0 when N
	// is 0.
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
}

// newsDay is one day of a sentiment series.
type newsDay struct {
	day       time.Time
	sentiment float64
}

// Returns studies the portfolio called name against prices.
func (s *Service) Returns(ctx context.Context, name string, prices *Prices) (ReturnsStudy, error) {
	p, err := s.Get(ctx, name)
	if err != nil {
		return ReturnsStudy{}, err
	}
	first, last := prices.Span()
	rs := ReturnsStudy{Portfolio: p.Name, From: first.AddDate(0, 0, -7), To: last}
	if err := CheckRange(rs.From, rs.To); err != nil {
		return ReturnsStudy{}, fmt.Errorf("prices: %w", err)
	}
	known := Known(p)
	slices.SortStableFunc(known, func(x, y store.Holding) int { return cmp.Compare(y.Weight, x.Weight) })
	total := map[time.Time]float64{}
	var pooled []eventReturns
	weights := map[string]float64{}
	for _, h := range known {
		if len(prices.dates[h.Ticker]) == 0 {
			rs.Warnings = append(rs.Warnings, fmt.Sprintf("no prices for %s: left out of the study", h.Ticker))
			continue
		}
		points, err := s.Store.TimeSeries(ctx, h.Ticker, store.Day, rs.From, rs.To)
		if err != nil {
			return ReturnsStudy{}, fmt.Errorf("sentiment series of %s: %w", h.Ticker, err)
		}
		days := make([]newsDay, len(points))
		for i, pt := range points {
			days[i] = newsDay{pt.Start.UTC(), pt.Sentiment}
			total[days[i].day] += h.Weight * pt.Sentiment
		}
		weights[h.Ticker] = h.Weight
		after := func(d time.Time, k int) []float64 { return prices.after(h.Ticker, d, k) }
		st, events := study(days, after)
		st.Ticker = h.Ticker
		rs.Tickers = append(rs.Tickers, st)
		pooled = append(pooled, events...)
	}
	if n := len(Unknown(p)); n > 0 {
		rs.Warnings = append(rs.Warnings, fmt.Sprintf("%d unknown %s left out (not in the security master): %s",
			n, plural(n, "ticker", "tickers"), strings.Join(Unknown(p), ", ")))
	}
	pr := portfolioReturns(prices, weights)
	var days []newsDay
	for d, v := range total {
		days = append(days, newsDay{d, v})
	}
	slices.SortFunc(days, func(a, b newsDay) int { return a.day.Compare(b.day) })
	rs.Total, _ = study(days, pr.afterAll)
	rs.Total.Negative, rs.Total.Positive = eventStudies(pooled)
	return rs, nil
}

// eventReturns is one news day with the returns after it.
type eventReturns struct {
	sentiment float64
	returns   []float64 // up to Horizons
}

// study computes the correlation and event studies of a sentiment series
// against the returns after each day, and returns the events.
func study(days []newsDay, after func(d time.Time, k int) []float64) (ReturnStats, []eventReturns) {
	var xs, ys []float64
	var events []eventReturns
	for _, d := range days {
		rets := after(d.day, Horizons)
		if len(rets) == 0 {
			continue
		}
		xs, ys = append(xs, d.sentiment), append(ys, rets[0])
		if math.Abs(d.sentiment) >= EventThreshold {
			events = append(events, eventReturns{d.sentiment, rets})
		}
	}
	st := ReturnStats{N: len(xs), Correlation: pearson(xs, ys)}
	st.Negative, st.Positive = eventStudies(events)
	return st, events
}

// eventStudies averages the cumulative returns after strongly negative and
// strongly positive events.
func eventStudies(events []eventReturns) (neg, pos EventStudy) {
	neg.Horizons, pos.Horizons = make([]Horizon, Horizons), make([]Horizon, Horizons)
	for k := range Horizons {
		neg.Horizons[k].Days, pos.Horizons[k].Days = k+1, k+1
	}
	for _, e := range events {
		es := &pos
		if e.sentiment < 0 {
			es = &neg
		}
		es.Events++
		cum := 1.0
		for k, r := range e.returns {
			cum *= 1 + r
			es.Horizons[k].N++
			es.Horizons[k].Mean += cum - 1
		}
	}
	for _, es := range []*EventStudy{&neg, &pos} {
		for k := range es.Horizons {
			if n := es.Horizons[k].N; n > 0 {
				es.Horizons[k].Mean /= float64(n)
			}
		}
	}
	return neg, pos
}

// pearson returns Pearson's correlation of xs and ys, nil for fewer than
// three pairs or a constant side.
func pearson(xs, ys []float64) *float64 {
	n := float64(len(xs))
	if len(xs) < 3 {
		return nil
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx < 1e-18 || syy < 1e-18 {
		return nil
	}
	r := sxy / math.Sqrt(sxx*syy)
	return &r
}

// portfolioReturns is the weighted mean return per date of the tickers
// weighted, weights rescaled over the tickers priced that date.
func portfolioReturns(p *Prices, weights map[string]float64) *Prices {
	sum, wsum := map[time.Time]float64{}, map[time.Time]float64{}
	for t, w := range weights {
		for d, r := range p.returns[t] {
			sum[d] += w * r
			wsum[d] += w
		}
	}
	out := &Prices{returns: map[string]map[time.Time]float64{"": {}}, dates: map[string][]time.Time{}}
	for d, s := range sum {
		if wsum[d] > 0 {
			out.returns[""][d] = s / wsum[d]
			out.dates[""] = append(out.dates[""], d)
		}
	}
	slices.SortFunc(out.dates[""], func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// afterAll is after for the single series of a portfolioReturns.
func (p *Prices) afterAll(d time.Time, k int) []float64 { return p.after("", d, k) }
