package portfolio

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// MaxPriceRows is the most lines a prices file may have.
const MaxPriceRows = 2_000_000

// Prices are daily simple returns per ticker by trading date.
type Prices struct {
	returns map[string]map[time.Time]float64
	dates   map[string][]time.Time // sorted dates with a return
}

// Tickers returns the tickers with at least one return, sorted.
func (p *Prices) Tickers() []string {
	out := make([]string, 0, len(p.dates))
	for t := range p.dates {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Span returns the first and last date with a return.
func (p *Prices) Span() (first, last time.Time) {
	for _, ds := range p.dates {
		if first.IsZero() || ds[0].Before(first) {
			first = ds[0]
		}
		if ds[len(ds)-1].After(last) {
			last = ds[len(ds)-1]
		}
	}
	return first, last
}

// priceColumns maps a header key (see headerKey) to a column of a prices
// file: 'd' date, 't' ticker, 'c' close, 'r' return.
var priceColumns = map[string]byte{
	"date": 'd', "day": 'd', "tradedate": 'd',
	"ticker": 't', "symbol": 't',
	"close": 'c', "adjclose": 'c', "adjustedclose": 'c', "price": 'c', "closeprice": 'c',
	"return": 'r', "ret": 'r', "returns": 'r', "dailyreturn": 'r',
}

// ParsePrices reads daily prices as CSV: a header naming a date, a ticker
// and either a close (close, adj close, price) or a return column (return,
// ret; a fraction such as 0.012, or 1.2%), in any order; without a header
// the columns are date, ticker, close. Dates are YYYY-MM-DD. From closes,
// the return of a date is close / previous close of the ticker - 1 (the
// ticker's first date has none). Errors name the line and wrap ErrInvalid.
func ParsePrices(r io.Reader) (*Prices, error) {
	p, err := parsePrices(r)
	if err != nil {
		return nil, invalid{err}
	}
	return p, nil
}

func parsePrices(r io.Reader) (*Prices, error) {
	cr := csv.NewReader(bufio.NewReader(r))
	cr.Comment, cr.FieldsPerRecord, cr.TrimLeadingSpace = '#', -1, true
	closes := map[string]map[time.Time]float64{}
	p := &Prices{returns: map[string]map[time.Time]float64{}, dates: map[string][]time.Time{}}
	var cols map[byte]int
	byClose := true
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("prices: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if n >= MaxPriceRows {
			return nil, fmt.Errorf("prices line %d: more than %d lines", line, MaxPriceRows)
		}
		if cols == nil {
			if c, ok, err := priceHeader(rec, line); err != nil {
				return nil, err
			} else if ok {
				cols, byClose = c, c['r'] < 0
				continue
			}
			cols = map[byte]int{'d': 0, 't': 1, 'c': 2, 'r': -1}
		}
		if err := p.add(rec, cols, byClose, closes); err != nil {
			return nil, fmt.Errorf("prices line %d: %w", line, err)
		}
	}
	if byClose {
		p.fromCloses(closes)
	}
	for t, m := range p.returns {
		for d := range m {
			p.dates[t] = append(p.dates[t], d)
		}
		slices.SortFunc(p.dates[t], func(a, b time.Time) int { return a.Compare(b) })
	}
	if len(p.dates) == 0 {
		return nil, errors.New("prices: no returns in the file (give date,ticker,close lines, two dates or more per ticker, or date,ticker,return)")
	}
	return p, nil
}

// priceHeader reads rec as a header: ok when its first field is not a date.
func priceHeader(rec []string, line int) (map[byte]int, bool, error) {
	if len(rec) > 0 {
		if _, err := time.Parse(time.DateOnly, strings.TrimSpace(rec[0])); err == nil {
			return nil, false, nil
		}
	}
	cols := map[byte]int{'d': -1, 't': -1, 'c': -1, 'r': -1}
	for i, f := range rec {
		if c, ok := priceColumns[headerKey(f)]; ok && cols[c] < 0 {
			cols[c] = i
		}
	}
	if cols['d'] < 0 || cols['t'] < 0 || cols['c'] < 0 && cols['r'] < 0 {
		return nil, false, fmt.Errorf("prices line %d: the header needs date, ticker and close or return columns, got %q", line, strings.Join(rec, ","))
	}
	return cols, true, nil
}

func (p *Prices) add(rec []string, cols map[byte]int, byClose bool, closes map[string]map[time.Time]float64) error {
	field := func(c byte) string {
		if i := cols[c]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	d, err := time.Parse(time.DateOnly, field('d'))
	if err != nil {
		return fmt.Errorf("date %q: want YYYY-MM-DD", field('d'))
	}
	t, err := NormalizeTicker(field('t'))
	if err != nil {
		return err
	}
	col := byte('r')
	if byClose {
		col = 'c'
	}
	v, err := priceValue(field(col), byClose)
	if err != nil {
		return err
	}
	m := p.returns
	if byClose {
		m = closes
	}
	if m[t] == nil {
		m[t] = map[time.Time]float64{}
	}
	if _, dup := m[t][d]; dup {
		return fmt.Errorf("%s on %s is given twice", t, d.Format(time.DateOnly))
	}
	m[t][d] = v
	return nil
}

// priceValue reads a close (> 0) or a return (> -1, optionally in percent).
func priceValue(s string, isClose bool) (float64, error) {
	pct := false
	if !isClose {
		s, pct = strings.CutSuffix(s, "%")
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if pct {
		v /= 100
	}
	switch {
	case isClose && v <= 0:
		return 0, fmt.Errorf("close %v: must be positive", v)
	case !isClose && v <= -1:
		return 0, fmt.Errorf("return %v: must be above -1 (-100%%)", v)
	}
	return v, nil
}

// fromCloses turns closes into returns between consecutive dates.
func (p *Prices) fromCloses(closes map[string]map[time.Time]float64) {
	for t, m := range closes {
		ds := make([]time.Time, 0, len(m))
		for d := range m {
			ds = append(ds, d)
		}
		slices.SortFunc(ds, func(a, b time.Time) int { return a.Compare(b) })
		for i := 1; i < len(ds); i++ {
			if p.returns[t] == nil {
				p.returns[t] = map[time.Time]float64{}
			}
			// Closes apart by hundreds of orders of magnitude overflow.
			if r := m[ds[i]]/m[ds[i-1]] - 1; r > -1 && !math.IsInf(r, 0) {
				p.returns[t][ds[i]] = r
			}
		}
	}
}

// after returns the returns of ticker on the k trading dates after day d
// (fewer when the file ends).
func (p *Prices) after(ticker string, d time.Time, k int) []float64 {
	ds := p.dates[ticker]
	i, _ := slices.BinarySearchFunc(ds, d, func(a, b time.Time) int { return a.Compare(b) })
	if i < len(ds) && ds[i].Equal(d) {
		i++
	}
	var out []float64
	for ; i < len(ds) && len(out) < k; i++ {
		out = append(out, p.returns[ticker][ds[i]])
	}
	return out
}
