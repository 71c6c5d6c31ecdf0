package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// secEntry is one issuer ticker of company_tickers.json, in file order.
type secEntry struct {
	Ticker string
	CIK    int
	Title  string
}

// spEntry is one constituent of the S&P 500 list.
type spEntry struct {
	Symbol, Security, Sector string
	CIK                      int
}

// readSEC reads company_tickers.json: an object keyed "0", "1", ... in the
// SEC's order (largest issuers first), which is kept.
func readSEC(path string) ([]secEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open SEC tickers: %w", err)
	}
	defer f.Close()
	return parseSEC(f)
}

func parseSEC(r io.Reader) ([]secEntry, error) {
	var raw map[string]struct {
		CIK    int    `json:"cik_str"`
		Ticker string `json:"ticker"`
		Title  string `json:"title"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("decode SEC tickers: %w", err)
	}
	type keyed struct {
		n int
		e secEntry
	}
	all := make([]keyed, 0, len(raw))
	for k, v := range raw {
		n, err := strconv.Atoi(k)
		if err != nil {
			return nil, fmt.Errorf("SEC tickers: key %q is not a number", k)
		}
		if v.Ticker == "" {
			return nil, fmt.Errorf("SEC tickers: entry %s has no ticker", k)
		}
		all = append(all, keyed{n, secEntry{Ticker: canonical(v.Ticker), CIK: v.CIK, Title: clean(v.Title)}})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].n < all[j].n })
	out := make([]secEntry, len(all))
	for i, k := range all {
		out[i] = k.e
	}
	return out, nil
}

// readSP500 reads the constituents CSV by its header names.
func readSP500(path string) ([]spEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open S&P 500 list: %w", err)
	}
	defer f.Close()
	return parseSP500(f)
}

func parseSP500(r io.Reader) ([]spEntry, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("S&P 500 list header: %w", err)
	}
	col := make(map[string]int, len(header))
	for i, h := range header {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"Symbol", "Security", "GICS Sector", "CIK"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("S&P 500 list: no %q column", need)
		}
	}
	var out []spEntry
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("S&P 500 list: %w", err)
		}
		cik, _ := strconv.Atoi(strings.TrimSpace(rec[col["CIK"]]))
		out = append(out, spEntry{
			Symbol:   canonical(rec[col["Symbol"]]),
			Security: clean(rec[col["Security"]]),
			Sector:   clean(rec[col["GICS Sector"]]),
			CIK:      cik,
		})
	}
}

// canonical writes a ticker the way the master does: upper case, share
// classes with a dash (BRK.B -> BRK-B).
func canonical(t string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(t), ".", "-"))
}

// clean makes a field safe for a TSV cell.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
