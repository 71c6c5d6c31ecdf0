package entity

import (
	_ "embed"
	"fmt"
	"strings"
)

//go:generate go run ./cmd/genmaster -data ../../shared/data/securities -out data/securities.tsv

// securitiesTSV is the security master written by cmd/genmaster.
//
//go:embed data/securities.tsv
var securitiesTSV string

// Security is one company of the security master.
type Security struct {
	// Ticker is the company's primary ticker in upper case, share classes
	// written with a dash ("BRK-B"). Other classes of the same company
	// (GOOG for GOOGL) resolve to it.
	Ticker string
	// Name is the name people write ("Amazon", "Bank of America").
	Name string
	// CIK is the SEC's central index key as a decimal string; "" for
	// tickers added by alias files.
	CIK string
	// Sector is the GICS sector of S&P 500 companies (or the alias file's
	// sector:), "" when unknown.
	Sector string
	// SP500 tells whether the company is an S&P 500 constituent.
	SP500 bool
}

// masterRow is a parsed line of securities.tsv.
type masterRow struct {
	ticker, cik, secName, name, sector string
	sp500                              bool
}

// parseMaster reads securities.tsv: "# release: " gives the release label,
// other '#' lines are comments, each other line is ticker, CIK, SEC name,
// display name, sector and S&P 500 flag separated by tabs. fn is called for
// every row in file order.
func parseMaster(data string, fn func(masterRow)) (release string, err error) {
	for n := 1; data != ""; n++ {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		if strings.HasPrefix(line, "#") {
			if r, ok := strings.CutPrefix(line, "# release: "); ok {
				release = strings.TrimSpace(r)
			}
			continue
		}
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 || f[0] == "" {
			return "", fmt.Errorf("securities.tsv line %d: want 6 tab-separated fields, got %d", n, len(f))
		}
		fn(masterRow{ticker: f[0], cik: f[1], secName: f[2], name: f[3], sector: f[4], sp500: f[5] == "1"})
	}
	return release, nil
}

// canonicalTicker writes a ticker as the master does: upper case, without
// a leading '$', share classes with a dash ("brk.b" -> "BRK-B").
func canonicalTicker(t string) string {
	t = strings.TrimPrefix(strings.TrimSpace(t), "$")
	if strings.IndexFunc(t, func(r rune) bool { return r >= 'a' && r <= 'z' || r == '.' }) < 0 {
		return t
	}
	return strings.ToUpper(strings.ReplaceAll(t, ".", "-"))
}

// validTicker reports whether t (canonical) is 1-10 letters, digits or
// inner dashes.
func validTicker(t string) bool {
	if len(t) == 0 || len(t) > 10 || t[0] == '-' || t[len(t)-1] == '-' {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
