package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tickerwire/tickerwire/portfolio"
	"github.com/tickerwire/tickerwire/service"
	"github.com/tickerwire/tickerwire/store"
)

const portfolioUsage = "usage: portfolio [list | import NAME FILE.csv | show NAME | remove NAME | analytics NAME [--from --to] | returns NAME --prices FILE]"

// runPortfolio manages portfolios and prints their analytics.
func runPortfolio(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "portfolio")
	config := serviceFlags(fs)
	from := fs.String("from", "", "analytics: start of the range, a date or RFC 3339 time (default: 7 days before --to)")
	to := fs.String("to", "", "analytics: end of the range, excluded (default: now)")
	prices := fs.String("prices", "", "returns: CSV of daily prices, date,ticker,close or date,ticker,return")
	format := fs.String("format", "text", "analytics and returns: text or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	verb, rest := pos[0], pos[1:]
	want := map[string]int{"list": 0, "import": 2, "show": 1, "remove": 1, "analytics": 1, "returns": 1}
	if n, ok := want[verb]; !ok || len(rest) != n {
		return usagef(portfolioUsage)
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q: want text or json", *format)
	}
	if verb == "returns" && *prices == "" {
		return usagef("returns needs --prices FILE (date,ticker,close or date,ticker,return)")
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	p := svc.Portfolios
	switch verb {
	case "list":
		return listPortfolios(ctx, e, p)
	case "import":
		return importPortfolio(ctx, e, p, rest[0], rest[1])
	case "show":
		return showPortfolio(ctx, e, p, rest[0])
	case "remove":
		if err := p.Remove(ctx, rest[0]); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "portfolio %s removed\n", rest[0])
		return nil
	case "analytics":
		lo, hi, err := cliRange(*from, *to, "", time.Now(), 7*24*time.Hour)
		if err != nil {
			return err
		}
		a, err := p.Analyze(ctx, rest[0], lo, hi)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeIndented(e.stdout, a)
		}
		return a.WriteTerminal(e.stdout)
	}
	return portfolioReturns(ctx, e, p, rest[0], *prices, *format)
}

func listPortfolios(ctx context.Context, e *env, p *portfolio.Service) error {
	list, err := p.List(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "no portfolios (add one: tickerwire portfolio import NAME FILE.csv)")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tHOLDINGS\tUNKNOWN\tUPDATED")
	for _, pf := range list {
		unknown := strings.Join(portfolio.Unknown(pf), ",")
		if unknown == "" {
			unknown = "-"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", pf.Name, len(portfolio.Known(pf)), unknown, pf.Updated.UTC().Format("2006-01-02 15:04 UTC"))
	}
	return tw.Flush()
}

func importPortfolio(ctx context.Context, e *env, p *portfolio.Service, name, file string) error {
	var r io.Reader = e.stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	res, err := p.ImportCSV(ctx, name, r)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(e.stdout, "portfolio %s stored: %d holdings, weights by %s\n", name, len(portfolio.Known(res.Portfolio)), res.Rule)
	if len(res.Unknown) > 0 {
		fmt.Fprintf(e.stdout, "unknown tickers, kept but left out of analytics: %s\n", strings.Join(res.Unknown, ", "))
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(e.stderr, "warning: %s\n", w)
	}
	return writeHoldings(e.stdout, res.Portfolio)
}

func showPortfolio(ctx context.Context, e *env, p *portfolio.Service, name string) error {
	pf, err := p.Get(ctx, name)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "portfolio %s: %d holdings, updated %s\n", pf.Name, len(portfolio.Known(pf)), pf.Updated.UTC().Format("2006-01-02 15:04 UTC"))
	return writeHoldings(e.stdout, pf)
}

func writeHoldings(w io.Writer, pf store.Portfolio) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TICKER\tNAME\tSECTOR\tWEIGHT\tQUANTITY\tCOST")
	for _, h := range pf.Holdings {
		line := fmt.Sprintf("%s\t%s\t%s\t%.1f%%\t%s\t%s", h.Ticker, dash(h.Name), dash(h.Sector), 100*h.Weight,
			number(h.Quantity), number(h.Cost))
		if h.Unknown {
			line += "\tunknown ticker: left out of analytics"
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

func portfolioReturns(ctx context.Context, e *env, p *portfolio.Service, name, file, format string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	prices, err := portfolio.ParsePrices(f)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	rs, err := p.Returns(ctx, name, prices)
	if err != nil {
		return err
	}
	if format == "json" {
		return writeIndented(e.stdout, rs)
	}
	return rs.WriteTerminal(e.stdout)
}

// runReport writes a portfolio's briefing.
func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report")
	config := serviceFlags(fs)
	name := fs.String("portfolio", "", "the portfolio (required)")
	from := fs.String("from", "", "start of the range, a date or RFC 3339 time (default: 24 hours before --to)")
	to := fs.String("to", "", "end of the range, excluded (default: now)")
	dayFlag := fs.String("day", "", "one UTC day, YYYY-MM-DD, instead of --from and --to")
	format := fs.String("format", "", "terminal, markdown or html (default: from the --out extension, else terminal)")
	out := fs.String("out", "", "write to this file instead of standard output")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *name == "" {
		return usagef("usage: report --portfolio NAME [--from --to | --day DATE] [--format terminal|markdown|html] [--out FILE]")
	}
	f := reportFormat(*format, *out)
	if f == "" {
		return usagef("--format %q: want terminal, markdown or html", *format)
	}
	lo, hi, err := cliRange(*from, *to, *dayFlag, time.Now(), 24*time.Hour)
	if err != nil {
		return err
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	rep, err := svc.Portfolios.Report(ctx, *name, lo, hi)
	if err != nil {
		return err
	}
	w, done := e.stdout, func() error { return nil }
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return err
		}
		w, done = file, file.Close
	}
	switch f {
	case "html":
		err = rep.WriteHTML(w)
	case "markdown":
		err = rep.WriteMarkdown(w)
	default:
		err = rep.WriteTerminal(w)
	}
	if cerr := done(); err == nil {
		err = cerr
	}
	if err == nil && *out != "" {
		fmt.Fprintf(e.stderr, "report written to %s\n", *out)
	}
	return err
}

// openConfigured opens the service of the configuration serviceFlags
// reads; a configuration error is a usage error.
func openConfigured(ctx context.Context, e *env, config func() (service.Config, error)) (*service.Service, error) {
	cfg, err := config()
	if err != nil {
		return nil, usageError{err.Error()}
	}
	return openService(ctx, e, cfg)
}

// reportFormat is the format asked for, else the one of the output
// file's extension, else terminal; "" when unknown.
func reportFormat(format, out string) string {
	switch format {
	case "terminal", "markdown", "html":
		return format
	case "":
	default:
		return ""
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".html", ".htm":
		return "html"
	case ".md", ".markdown":
		return "markdown"
	}
	return "terminal"
}

// cliRange reads --day, else --from and --to: to defaults to now, from to
// span before to.
func cliRange(from, to, dayArg string, now time.Time, span time.Duration) (time.Time, time.Time, error) {
	if dayArg != "" {
		if from != "" || to != "" {
			return time.Time{}, time.Time{}, usagef("give --day or --from and --to, not both")
		}
		d, err := time.Parse(time.DateOnly, dayArg)
		if err != nil {
			return time.Time{}, time.Time{}, usagef("--day %q: want a date such as 2026-03-02", dayArg)
		}
		return d, d.Add(24 * time.Hour), nil
	}
	hi, err := cliTime("--to", to, now.UTC())
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	lo, err := cliTime("--from", from, hi.Add(-span))
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	if err := portfolio.CheckRange(lo, hi); err != nil {
		return time.Time{}, time.Time{}, usageError{err.Error()}
	}
	return lo, hi, nil
}

// cliTime reads a date (midnight UTC) or an RFC 3339 time; def when empty.
func cliTime(flag, s string, def time.Time) (time.Time, error) {
	if s == "" {
		return def, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, usagef("%s %q: want a date (2026-03-02) or an RFC 3339 time (2026-03-02T14:30:00Z)", flag, s)
	}
	return t, nil
}

func writeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func number(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%g", v)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
