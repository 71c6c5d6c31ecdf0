package portfolio

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// MaxRows is the most holdings one file may list.
const MaxRows = 5000

// Row is one holding as a file or a request gives it, before the ticker
// is resolved and the weights are computed. A field the input leaves out
// has its Has flag false.
type Row struct {
	// Line is the line of the file (1-based), 0 for other inputs.
	Line   int
	Ticker string
	// Quantity is in shares or units, Cost the price paid per unit, Weight
	// a share of the portfolio in any unit (the weights are normalised).
	Quantity, Weight, Cost          float64
	HasQuantity, HasWeight, HasCost bool
	// Sector overrides the security master's sector when not empty.
	Sector string
}

// Sheet is a parsed holdings file.
type Sheet struct {
	Rows []Row
	// Header tells whether the first line named the columns.
	Header bool
	// Warnings are things the parser ignored, such as unknown columns.
	Warnings []string
}

// column is what a column of a holdings file holds.
type column int

const (
	colIgnored column = iota
	colTicker
	colQuantity
	colWeight
	colCost
	colSector
)

// columnNames maps a header, lower-cased with everything but letters
// removed, to its column.
var columnNames = map[string]column{
	"ticker": colTicker, "symbol": colTicker, "tickersymbol": colTicker, "security": colTicker,
	"quantity": colQuantity, "qty": colQuantity, "shares": colQuantity, "units": colQuantity,
	"weight": colWeight, "weights": colWeight, "allocation": colWeight, "pct": colWeight, "percent": colWeight,
	"cost": colCost, "price": colCost, "costbasis": colCost, "avgcost": colCost, "averagecost": colCost,
	"unitcost": colCost, "purchaseprice": colCost,
	"sector": colSector, "gicssector": colSector,
}

// headerless is the column order of a file without a header line.
var headerless = []column{colTicker, colQuantity, colCost, colSector}

// ParseCSV reads a holdings file: comma-, semicolon- or tab-separated
// values (the separator that occurs most in the first line), an optional
// UTF-8 byte order mark, '#' comment lines and blank lines ignored.
//
// The first line is a header when one of its fields names a known column:
// ticker (or symbol), quantity (qty, shares, units), weight (allocation,
// percent), cost (price, cost basis, average cost) and sector (GICS
// sector), in any order and case; other columns are ignored with a
// warning. Without a header the columns are ticker, quantity, cost and
// sector, in that order, each after the first optional; a second column
// written with a percent sign ("25%") is a weight instead.
//
// Numbers may carry a currency sign ($, €, £), thousands separators
// ("1,250.5") and, for weights, a percent sign; with semicolons as
// separators a decimal comma ("12,5") is read too. Negative numbers (short
// positions) and tickers listed twice are errors naming the line.
func ParseCSV(r io.Reader) (Sheet, error) {
	br := bufio.NewReader(r)
	sep, err := sniffSeparator(br)
	if err != nil {
		return Sheet{}, err
	}
	cr := csv.NewReader(br)
	cr.Comma, cr.Comment, cr.FieldsPerRecord, cr.TrimLeadingSpace = sep, '#', -1, true
	cr.LazyQuotes = true
	var sh Sheet
	var cols []column
	seen := map[string]int{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Sheet{}, fmt.Errorf("holdings: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if cols == nil {
			if c, ok, warn := headerColumns(rec); ok {
				cols, sh.Header, sh.Warnings = c, true, warn
				if !hasColumn(cols, colTicker) {
					return Sheet{}, fmt.Errorf("holdings line %d: the header has no ticker column (name one ticker or symbol)", line)
				}
				continue
			}
			cols = headerless
		}
		row, skip, err := parseRow(rec, cols, line, sep, sh.Header)
		if err != nil {
			return Sheet{}, err
		}
		if skip {
			continue
		}
		if first, dup := seen[row.Ticker]; dup {
			return Sheet{}, fmt.Errorf("holdings line %d: %s is listed again (first on line %d); list each ticker once", line, row.Ticker, first)
		}
		seen[row.Ticker] = line
		if len(sh.Rows) == MaxRows {
			return Sheet{}, fmt.Errorf("holdings line %d: more than %d holdings", line, MaxRows)
		}
		sh.Rows = append(sh.Rows, row)
	}
	if len(sh.Rows) == 0 {
		return Sheet{}, errors.New("holdings: no holdings in the file (one line per holding: ticker, then quantity or weight)")
	}
	return sh, nil
}

// sniffSeparator skips a byte order mark and picks the separator of the
// first line that is neither blank nor a comment.
func sniffSeparator(br *bufio.Reader) (rune, error) {
	if bom, err := br.Peek(3); err == nil && string(bom) == "\ufeff" {
		br.Discard(3)
	}
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return 0, fmt.Errorf("holdings: %w", err)
	}
	first := ""
	for _, line := range strings.Split(string(head), "\n") {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			first = line
			break
		}
	}
	sep, most := ',', strings.Count(first, ",")
	for _, c := range []rune{';', '\t'} {
		if n := strings.Count(first, string(c)); n > most {
			sep, most = c, n
		}
	}
	return sep, nil
}

// headerColumns reads rec as a header: ok when a field names a column.
func headerColumns(rec []string) (cols []column, ok bool, warnings []string) {
	cols = make([]column, len(rec))
	for i, f := range rec {
		c, known := columnNames[headerKey(f)]
		switch {
		case known && hasColumn(cols[:i], c):
			warnings = append(warnings, fmt.Sprintf("column %q repeats an earlier column and is ignored", strings.TrimSpace(f)))
		case known:
			cols[i], ok = c, true
		case strings.TrimSpace(f) != "":
			warnings = append(warnings, fmt.Sprintf("column %q is not used", strings.TrimSpace(f)))
		}
	}
	return cols, ok, warnings
}

func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hasColumn(cols []column, c column) bool {
	for _, x := range cols {
		if x == c {
			return true
		}
	}
	return false
}

// parseRow reads one record; skip is set for a record with no values.
func parseRow(rec []string, cols []column, line int, sep rune, header bool) (row Row, skip bool, err error) {
	row.Line = line
	empty := true
	for i, f := range rec {
		f = strings.TrimSpace(f)
		if f == "" || i >= len(cols) {
			continue
		}
		empty = false
		if err := row.set(cols[i], f, i, sep, header); err != nil {
			return Row{}, false, fmt.Errorf("holdings line %d: %w", line, err)
		}
	}
	if empty {
		return Row{}, true, nil
	}
	if row.Ticker == "" {
		return Row{}, false, fmt.Errorf("holdings line %d: no ticker", line)
	}
	return row, false, nil
}

// set stores the value f of column c (the i-th field) in row.
func (row *Row) set(c column, f string, i int, sep rune, header bool) error {
	switch c {
	case colTicker:
		t, err := NormalizeTicker(f)
		row.Ticker = t
		return err
	case colSector:
		if len(f) > 100 {
			return fmt.Errorf("sector longer than 100 bytes")
		}
		row.Sector = f
		return nil
	case colIgnored:
		return nil
	}
	v, percent, err := parseNumber(f, sep)
	if err != nil {
		return err
	}
	switch {
	case c == colWeight, c == colQuantity && percent && !header && i == 1:
		row.Weight, row.HasWeight = v, true
	case percent:
		return fmt.Errorf("%q: only weights may be given in percent", f)
	case c == colQuantity:
		row.Quantity, row.HasQuantity = v, true
	case c == colCost:
		row.Cost, row.HasCost = v, true
	}
	return nil
}

// NormalizeTicker upper-cases a ticker and drops a leading '$'. It accepts
// 1 to 20 letters, digits and . - ^ = /, starting with a letter or digit.
func NormalizeTicker(s string) (string, error) {
	t := strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	if t == "" || len(t) > 20 {
		return "", fmt.Errorf("%q is not a ticker (1 to 20 letters, digits and . - ^ = /)", s)
	}
	for i, r := range t {
		alnum := r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
		if !alnum && (i == 0 || !strings.ContainsRune(".-^=/", r)) {
			return "", fmt.Errorf("%q is not a ticker (1 to 20 letters, digits and . - ^ = /)", s)
		}
	}
	return t, nil
}

// parseNumber reads a finite, non-negative number with an optional
// currency sign, thousands separators and percent sign.
func parseNumber(f string, sep rune) (v float64, percent bool, err error) {
	s := strings.TrimSpace(f)
	for _, sign := range []string{"$", "€", "£"} {
		s = strings.TrimSpace(strings.TrimPrefix(s, sign))
	}
	if rest, ok := strings.CutSuffix(s, "%"); ok {
		s, percent = strings.TrimSpace(rest), true
	}
	if sep == ';' && !strings.Contains(s, ".") && strings.Count(s, ",") == 1 {
		s = strings.Replace(s, ",", ".", 1)
	}
	s = strings.ReplaceAll(s, ",", "")
	v, err = strconv.ParseFloat(s, 64)
	switch {
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		return 0, false, fmt.Errorf("%q is not a number", f)
	case v < 0:
		return 0, false, fmt.Errorf("%q is negative: short positions are not supported", f)
	}
	if percent {
		v /= 100
	}
	return v, percent, nil
}
