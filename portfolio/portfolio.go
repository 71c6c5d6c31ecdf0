// Package portfolio keeps portfolios of holdings and tells where a book
// stands in the news: the weighted sentiment of its holdings and its daily
// series, each holding's contribution, the movers, exposure by sector and
// topic, the holdings without news, the news flow per holding, daily
// briefings (terminal, Markdown, self-contained HTML with SVG charts) and
// how sentiment relates to next-day returns.
//
// Holdings come from CSV files (ParseCSV) or requests (Build resolves
// tickers and computes weights). Everything else is computed from the
// store: TickerStats for range sums, TimeSeries for daily series, Search
// for headlines and stories.
package portfolio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tickerwire/tickerwire/entity"
	"github.com/tickerwire/tickerwire/store"
)

// ErrInvalid is wrapped by the errors of input that cannot be used:
// malformed holdings or prices files, bad portfolio names, weights that sum
// to 0. Their messages say what to fix.
var ErrInvalid = errors.New("invalid input")

// invalid marks err as ErrInvalid, keeping its message.
type invalid struct{ error }

func (e invalid) Is(target error) bool { return target == ErrInvalid }
func (e invalid) Unwrap() error        { return e.error }

// Service is the portfolio functions over one store. The zero value is not
// usable: Store is required. It is safe for concurrent use.
type Service struct {
	Store store.Store
	// Master resolves tickers at import; nil: the embedded security master.
	Master Master
	// Alerts gives the alerts of the daily report; nil: the report says no
	// alerts are configured.
	Alerts Alerts
	// Changed, when set, is called after a portfolio is stored or removed
	// (the alert engine forgets the holdings it cached).
	Changed func(name string)
}

func (s *Service) changed(name string) {
	if s.Changed != nil {
		s.Changed(name)
	}
}

func (s *Service) master() Master {
	if s.Master == nil {
		return entity.Default()
	}
	return s.Master
}

// ImportCSV parses a holdings file (see ParseCSV), builds the portfolio
// called name (see Build) and stores it, replacing a portfolio of that
// name. The parser's warnings come first in the result's. Errors of the
// input wrap ErrInvalid.
func (s *Service) ImportCSV(ctx context.Context, name string, r io.Reader) (ImportResult, error) {
	if err := CheckName(name); err != nil {
		return ImportResult{}, invalid{err}
	}
	sh, err := ParseCSV(r)
	if err != nil {
		return ImportResult{}, invalid{err}
	}
	res, err := s.Import(ctx, name, sh.Rows)
	res.Warnings = append(sh.Warnings, res.Warnings...)
	return res, err
}

// Import builds the portfolio called name from rows (see Build) and stores
// it, replacing a portfolio of that name. Errors of the input wrap
// ErrInvalid.
func (s *Service) Import(ctx context.Context, name string, rows []Row) (ImportResult, error) {
	res, err := Build(name, rows, s.master())
	if err != nil {
		return ImportResult{}, invalid{err}
	}
	if err := s.Store.PutPortfolio(ctx, res.Portfolio); err != nil {
		return ImportResult{}, fmt.Errorf("store portfolio %s: %w", name, err)
	}
	s.changed(name)
	p, err := s.Store.Portfolio(ctx, name)
	if err != nil {
		return ImportResult{}, fmt.Errorf("read back portfolio %s: %w", name, err)
	}
	res.Portfolio = p
	return res, nil
}

// Get returns the portfolio called name; an error wrapping
// store.ErrNotFound when there is none.
func (s *Service) Get(ctx context.Context, name string) (store.Portfolio, error) {
	p, err := s.Store.Portfolio(ctx, name)
	if err != nil {
		return store.Portfolio{}, fmt.Errorf("portfolio %s: %w", name, err)
	}
	return p, nil
}

// List returns every portfolio, by name.
func (s *Service) List(ctx context.Context) ([]store.Portfolio, error) {
	return s.Store.Portfolios(ctx)
}

// Remove deletes the portfolio called name; an error wrapping
// store.ErrNotFound when there is none.
func (s *Service) Remove(ctx context.Context, name string) error {
	if err := s.Store.DeletePortfolio(ctx, name); err != nil {
		return fmt.Errorf("portfolio %s: %w", name, err)
	}
	s.changed(name)
	return nil
}

// Known returns the holdings of p the security master knows, which are
// the ones analytics use.
func Known(p store.Portfolio) []store.Holding {
	var out []store.Holding
	for _, h := range p.Holdings {
		if !h.Unknown {
			out = append(out, h)
		}
	}
	return out
}

// Unknown returns the tickers of p the security master does not know.
func Unknown(p store.Portfolio) []string {
	var out []string
	for _, h := range p.Holdings {
		if h.Unknown {
			out = append(out, h.Ticker)
		}
	}
	return out
}

// day is the UTC day holding t.
func day(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }
