package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/portfolio"
	"github.com/tickerwire/tickerwire/store"
)

// AnyPortfolio is the portfolio name an alert rule's scope uses for the
// holdings of every portfolio.
const AnyPortfolio = "*"

// portfolioLinks joins alerts and portfolios: alert rules scoped to a
// portfolio read its known holdings, and portfolio reports list the alerts
// of their holdings.
type portfolioLinks struct{ st store.Store }

var (
	_ alert.Portfolios = portfolioLinks{}
	_ portfolio.Alerts = portfolioLinks{}
)

// Holdings returns the known tickers of portfolio name, or of every
// portfolio for AnyPortfolio. An unknown portfolio has none.
func (l portfolioLinks) Holdings(ctx context.Context, name string) ([]string, error) {
	var ps []store.Portfolio
	if name == AnyPortfolio {
		all, err := l.st.Portfolios(ctx)
		if err != nil {
			return nil, err
		}
		ps = all
	} else {
		p, err := l.st.Portfolio(ctx, name)
		switch {
		case err == nil:
			ps = []store.Portfolio{p}
		case errors.Is(err, store.ErrNotFound):
			return nil, nil
		default:
			return nil, err
		}
	}
	var out []string
	for _, p := range ps {
		for _, h := range portfolio.Known(p) {
			if !slices.Contains(out, h.Ticker) {
				out = append(out, h.Ticker)
			}
		}
	}
	return out, nil
}

// PortfolioAlerts returns the alerts fired in [from, to) about any of
// tickers, oldest first.
func (l portfolioLinks) PortfolioAlerts(ctx context.Context, name string, tickers []string, from, to time.Time) ([]portfolio.Alert, error) {
	var out []portfolio.Alert
	for _, t := range tickers {
		q := store.AlertQuery{Ticker: t, From: from, To: to, Oldest: true, Limit: store.MaxLimit}
		for {
			list, err := l.st.Alerts(ctx, q)
			if err != nil {
				return nil, fmt.Errorf("alerts of %s: %w", t, err)
			}
			for _, sa := range list {
				out = append(out, reportAlert(sa))
			}
			if len(list) < q.Limit {
				break
			}
			q.After = list[len(list)-1].Seq
		}
	}
	slices.SortStableFunc(out, func(a, b portfolio.Alert) int { return a.Time.Compare(b.Time) })
	return out, nil
}

// reportAlert is a stored alert as a report lists it: the rule's name and
// the values that made it fire.
func reportAlert(sa store.Alert) portfolio.Alert {
	pa := portfolio.Alert{Time: sa.Fired, Rule: sa.Rule, Ticker: sa.Ticker, ArticleID: sa.Article}
	var a alert.Alert
	if err := json.Unmarshal(sa.Data, &a); err != nil {
		pa.Message = "fired"
		return pa
	}
	if a.Rule.Name != "" {
		pa.Rule = a.Rule.Name
	}
	pa.Title = a.Article.Title
	pa.Message = fmt.Sprintf("%s (sentiment %+.2f, relevance %.2f)", a.Rule.When, a.Values.Sentiment, a.Values.Relevance)
	return pa
}
