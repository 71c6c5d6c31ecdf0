package server

import (
	"bytes"
	"errors"
	"mime"
	"net/http"
	"time"

	"github.com/tickerwire/tickerwire/portfolio"
	"github.com/tickerwire/tickerwire/store"
)

// maxPortfolioBytes bounds the body of PUT /v1/portfolios/{name}.
const maxPortfolioBytes = 1 << 20

// Default ranges of the portfolio endpoints when from is not given.
const (
	defaultAnalyticsSpan = 7 * 24 * time.Hour
	defaultReportSpan    = 24 * time.Hour
)

// portfolioView is a portfolio as the API returns it.
type portfolioView struct {
	Name     string        `json:"name"`
	Created  time.Time     `json:"created"`
	Updated  time.Time     `json:"updated"`
	Holdings []holdingView `json:"holdings"`
	// Unknown lists the tickers the security master does not know; they
	// are left out of analytics.
	Unknown []string `json:"unknown"`
}

type holdingView struct {
	Ticker   string  `json:"ticker"`
	Name     string  `json:"name,omitempty"`
	Weight   float64 `json:"weight"`
	Quantity float64 `json:"quantity,omitempty"`
	Cost     float64 `json:"cost,omitempty"`
	Sector   string  `json:"sector,omitempty"`
	Unknown  bool    `json:"unknown,omitempty"`
}

func portfolioViewOf(p store.Portfolio) portfolioView {
	v := portfolioView{Name: p.Name, Created: p.Created.UTC(), Updated: p.Updated.UTC(),
		Holdings: make([]holdingView, len(p.Holdings)), Unknown: portfolio.Unknown(p)}
	for i, h := range p.Holdings {
		v.Holdings[i] = holdingView{h.Ticker, h.Name, h.Weight, h.Quantity, h.Cost, h.Sector, h.Unknown}
	}
	if v.Unknown == nil {
		v.Unknown = []string{}
	}
	return v
}

// importView is the answer of PUT /v1/portfolios/{name}.
type importView struct {
	Portfolio portfolioView        `json:"portfolio"`
	Rule      portfolio.WeightRule `json:"weight_rule"`
	Unknown   []string             `json:"unknown"`
	Warnings  []string             `json:"warnings"`
}

// holdingsBody is the JSON body of PUT /v1/portfolios/{name}.
type holdingsBody struct {
	Holdings []struct {
		Ticker   string   `json:"ticker"`
		Quantity *float64 `json:"quantity"`
		Weight   *float64 `json:"weight"`
		Cost     *float64 `json:"cost"`
		Sector   string   `json:"sector"`
	} `json:"holdings"`
}

// portfolioName reads and checks the {name} of a portfolio path.
func portfolioName(r *http.Request) (string, error) {
	name := r.PathValue("name")
	if err := portfolio.CheckName(name); err != nil {
		return "", errorf(http.StatusBadRequest, codeBadParameter, "%v", err)
	}
	return name, nil
}

// portfolioError answers the errors of the portfolio package.
func portfolioError(err error, name string) error {
	switch {
	case errors.Is(err, portfolio.ErrInvalid), errors.Is(err, portfolio.ErrBadRange):
		return errorf(http.StatusBadRequest, codeBadBody, "%v", err)
	case errors.Is(err, store.ErrNotFound):
		return errorf(http.StatusNotFound, codeNotFound, "no portfolio %q; see GET /v1/portfolios", name)
	}
	return storeError(err, "portfolio "+name)
}

func (s *server) listPortfolios(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	list, err := s.portfolios.List(r.Context())
	if err != nil {
		return storeError(err, "portfolios")
	}
	views := make([]portfolioView, len(list))
	for i, p := range list {
		views[i] = portfolioViewOf(p)
	}
	writeJSON(w, http.StatusOK, struct {
		Portfolios []portfolioView `json:"portfolios"`
	}{views})
	return nil
}

// putPortfolio creates (201) or replaces (200) a portfolio from a CSV file
// (text/csv) or JSON ({"holdings": [{"ticker", "quantity", "weight",
// "cost", "sector"}]}).
func (s *server) putPortfolio(w http.ResponseWriter, r *http.Request) error {
	name, err := portfolioName(r)
	if err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body, err := readBody(w, r, maxPortfolioBytes)
	if err != nil {
		return err
	}
	_, err = s.portfolios.Get(r.Context(), name)
	existed := err == nil
	var res portfolio.ImportResult
	switch mt {
	case "text/csv", "application/csv", "text/plain":
		res, err = s.portfolios.ImportCSV(r.Context(), name, bytes.NewReader(body))
	case "application/json":
		var rows []portfolio.Row
		if rows, err = holdingRows(body); err != nil {
			return err
		}
		res, err = s.portfolios.Import(r.Context(), name, rows)
	default:
		return errorf(http.StatusUnsupportedMediaType, codeBadMediaType,
			"Content-Type %q: send text/csv (ticker, quantity or weight, cost, sector) or application/json ({\"holdings\": [{\"ticker\", \"weight\"}]})",
			r.Header.Get("Content-Type"))
	}
	if err != nil {
		return portfolioError(err, name)
	}
	status := http.StatusCreated
	if existed {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/v1/portfolios/"+name)
	v := importView{Portfolio: portfolioViewOf(res.Portfolio), Rule: res.Rule, Unknown: res.Unknown, Warnings: res.Warnings}
	if v.Unknown == nil {
		v.Unknown = []string{}
	}
	if v.Warnings == nil {
		v.Warnings = []string{}
	}
	writeJSON(w, status, v)
	return nil
}

// holdingRows reads the JSON body of a portfolio.
func holdingRows(body []byte) ([]portfolio.Row, error) {
	var hb holdingsBody
	if err := decodeJSON(body, &hb); err != nil {
		return nil, err
	}
	if len(hb.Holdings) > portfolio.MaxRows {
		return nil, errorf(http.StatusBadRequest, codeBadBody, "%d holdings; at most %d are allowed", len(hb.Holdings), portfolio.MaxRows)
	}
	rows := make([]portfolio.Row, len(hb.Holdings))
	for i, h := range hb.Holdings {
		t, err := portfolio.NormalizeTicker(h.Ticker)
		if err != nil {
			return nil, errorf(http.StatusBadRequest, codeBadBody, "holdings[%d]: %v", i, err)
		}
		row := portfolio.Row{Ticker: t, Sector: h.Sector}
		for _, f := range []struct {
			v    *float64
			dst  *float64
			has  *bool
			name string
		}{{h.Quantity, &row.Quantity, &row.HasQuantity, "quantity"}, {h.Weight, &row.Weight, &row.HasWeight, "weight"}, {h.Cost, &row.Cost, &row.HasCost, "cost"}} {
			if f.v == nil {
				continue
			}
			if *f.v < 0 {
				return nil, errorf(http.StatusBadRequest, codeBadBody, "holdings[%d].%s: %v is negative", i, f.name, *f.v)
			}
			*f.dst, *f.has = *f.v, true
		}
		rows[i] = row
	}
	return rows, nil
}

func (s *server) getPortfolio(w http.ResponseWriter, r *http.Request) error {
	name, err := portfolioName(r)
	if err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	p, err := s.portfolios.Get(r.Context(), name)
	if err != nil {
		return portfolioError(err, name)
	}
	writeJSON(w, http.StatusOK, portfolioViewOf(p))
	return nil
}

func (s *server) deletePortfolio(w http.ResponseWriter, r *http.Request) error {
	name, err := portfolioName(r)
	if err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	if err := s.portfolios.Remove(r.Context(), name); err != nil {
		return portfolioError(err, name)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// portfolioAnalytics answers the analytics over [from, to): by default
// the seven days before now.
func (s *server) portfolioAnalytics(w http.ResponseWriter, r *http.Request) error {
	name, err := portfolioName(r)
	if err != nil {
		return err
	}
	p, err := readParams(r, "from", "to")
	if err != nil {
		return err
	}
	from, to, err := portfolioRange(p, time.Now(), defaultAnalyticsSpan)
	if err != nil {
		return err
	}
	a, err := s.portfolios.Analyze(r.Context(), name, from, to)
	if err != nil {
		return portfolioError(err, name)
	}
	writeJSON(w, http.StatusOK, a)
	return nil
}

// reportTypes are the formats of GET /v1/portfolios/{name}/report.
var reportTypes = map[string]string{
	"html":     "text/html; charset=utf-8",
	"markdown": "text/markdown; charset=utf-8",
	"text":     "text/plain; charset=utf-8",
	"json":     "application/json; charset=utf-8",
}

// portfolioReport answers the briefing over [from, to) (by default the 24
// hours before now; day=DATE for one UTC day) as HTML (the default),
// Markdown, text or JSON.
func (s *server) portfolioReport(w http.ResponseWriter, r *http.Request) error {
	name, err := portfolioName(r)
	if err != nil {
		return err
	}
	p, err := readParams(r, "from", "to", "day", "format")
	if err != nil {
		return err
	}
	format := p.get("format")
	if !p.has("format") {
		format = "html"
	}
	ctype, ok := reportTypes[format]
	if !ok {
		return badParam("format", "%q is not html, markdown, text or json", format)
	}
	from, to, err := reportRange(p, time.Now())
	if err != nil {
		return err
	}
	rep, err := s.portfolios.Report(r.Context(), name, from, to)
	if err != nil {
		return portfolioError(err, name)
	}
	if format == "json" {
		writeJSON(w, http.StatusOK, rep)
		return nil
	}
	var buf bytes.Buffer
	switch format {
	case "html":
		err = rep.WriteHTML(&buf)
	case "markdown":
		err = rep.WriteMarkdown(&buf)
	default:
		err = rep.WriteTerminal(&buf)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ctype)
	if format == "html" {
		// The report has no script and loads nothing: say so to browsers.
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	}
	w.Write(buf.Bytes())
	return nil
}

// reportRange reads day=DATE or from and to, defaulting to the 24 hours
// before now.
func reportRange(p params, now time.Time) (time.Time, time.Time, error) {
	if !p.has("day") {
		return portfolioRange(p, now, defaultReportSpan)
	}
	if p.has("from") || p.has("to") {
		return time.Time{}, time.Time{}, badParam("day", "give day or from and to, not both")
	}
	d, err := time.Parse(time.DateOnly, p.get("day"))
	if err != nil {
		return time.Time{}, time.Time{}, badParam("day", "%q is not a date such as 2026-03-02", p.get("day"))
	}
	return d, d.Add(24 * time.Hour), nil
}

// portfolioRange reads from and to: to defaults to now, from to span
// before to.
func portfolioRange(p params, now time.Time, span time.Duration) (time.Time, time.Time, error) {
	to := now.UTC()
	var err error
	if p.has("to") {
		if to, err = parseTime(p.get("to")); err != nil {
			return time.Time{}, time.Time{}, badParam("to", "%v", err)
		}
	}
	from := to.Add(-span)
	if p.has("from") {
		if from, err = parseTime(p.get("from")); err != nil {
			return time.Time{}, time.Time{}, badParam("from", "%v", err)
		}
	}
	if err := portfolio.CheckRange(from, to); err != nil {
		return time.Time{}, time.Time{}, badParam("from", "%v", err)
	}
	return from, to, nil
}
