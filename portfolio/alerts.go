package portfolio

import (
	"context"
	"time"
)

// Alerts gives the alerts that fired for a portfolio, for the daily
// report. The alerts package provides it; the report works without one
// (its alerts section then says none are configured).
type Alerts interface {
	// PortfolioAlerts returns the alerts fired in [from, to) for the
	// portfolio called name or for any of tickers (its known holdings),
	// oldest first. An error fails the report.
	PortfolioAlerts(ctx context.Context, name string, tickers []string, from, to time.Time) ([]Alert, error)
}

// Alert is one fired alert as the report shows it.
type Alert struct {
	// Time is when the alert fired.
	Time time.Time `json:"time"`
	// Rule names the rule that fired.
	Rule string `json:"rule"`
	// Ticker is the holding concerned, "" for a portfolio-wide alert.
	Ticker string `json:"ticker,omitempty"`
	// Message says why it fired (values, threshold), one line.
	Message string `json:"message"`
	// ArticleID and Title name the article that triggered it, when one did.
	ArticleID int64  `json:"article_id,omitempty"`
	Title     string `json:"title,omitempty"`
}
