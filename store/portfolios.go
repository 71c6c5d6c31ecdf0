package store

import (
	"context"
	"time"
)

// PortfolioStore keeps named portfolios of holdings and answers the
// per-ticker sums their analytics need. It is part of Store.
type PortfolioStore interface {
	// PutPortfolio stores p under p.Name, replacing the holdings of a
	// portfolio of that name (its Created time stays). Holdings are kept in
	// the order given. p.Created and p.Updated are ignored: the store sets
	// them. A portfolio without a name is an error wrapping ErrBadQuery.
	PutPortfolio(ctx context.Context, p Portfolio) error
	// Portfolio returns the portfolio called name; ErrNotFound when none is.
	Portfolio(ctx context.Context, name string) (Portfolio, error)
	// Portfolios returns every portfolio with its holdings, by name.
	Portfolios(ctx context.Context) ([]Portfolio, error)
	// DeletePortfolio removes the portfolio called name and its holdings;
	// ErrNotFound when none is.
	DeletePortfolio(ctx context.Context, name string) error
	// TickerStats sums, for each of tickers, the analysed articles
	// mentioning it whose Time is in [from, to): their count, relevance,
	// sentiment and topics. The result has one entry per distinct ticker,
	// in the order given, with zero sums for a ticker without articles.
	TickerStats(ctx context.Context, tickers []string, from, to time.Time) ([]TickerStats, error)
}

// Portfolio is a named set of holdings.
type Portfolio struct {
	// Name identifies the portfolio; unique in the store.
	Name     string
	Holdings []Holding
	// Created is when the name was first stored, Updated when the holdings
	// were last replaced (UTC, millisecond precision).
	Created, Updated time.Time
}

// Holding is one position of a portfolio.
type Holding struct {
	// Ticker is the security's ticker as the analyses name it (AAPL, BRK-B),
	// or the symbol as it was given when Unknown.
	Ticker string
	// Name is the security's display name, "" when unknown.
	Name string
	// Quantity (shares or units) and Cost (price per unit) are as imported;
	// 0 when not given.
	Quantity, Cost float64
	// Weight is the holding's share of the portfolio in [0, 1]; the weights
	// of a portfolio's known holdings sum to 1.
	Weight float64
	// Sector is the holding's sector (GICS for S&P 500 companies), "" when
	// unknown.
	Sector string
	// Unknown marks a ticker the security master does not know: it is kept
	// so it can be reported, and left out of analytics.
	Unknown bool
}

// TickerStats are sums over the analysed articles mentioning one ticker in
// a time range.
type TickerStats struct {
	Ticker string
	// Articles counts the articles.
	Articles int
	// Relevance is the sum of the ticker's relevance in the articles,
	// Weighted the sum of relevance × ticker sentiment and Sentiment the
	// sum of ticker sentiment.
	Relevance, Weighted, Sentiment float64
	// Topics maps a topic id to the sum, over the articles tagged with it,
	// of the ticker's relevance × the topic's relevance.
	Topics map[string]float64
}

// Mean is the relevance-weighted mean ticker sentiment in [-1, 1], as in
// Point: the plain mean when every relevance is 0, and 0 without articles.
func (t TickerStats) Mean() float64 {
	switch {
	case t.Articles == 0:
		return 0
	case t.Relevance > 1e-9:
		return t.Weighted / t.Relevance
	}
	return t.Sentiment / float64(t.Articles)
}
