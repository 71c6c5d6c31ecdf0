package server

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The range of times the API accepts; the store orders articles by
// millisecond in a 47-bit field, which this range stays well inside.
var (
	minTime = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// compactLayouts are the Alpha Vantage forms of a time, read as UTC.
var compactLayouts = []string{"20060102T1504", "20060102T150405"}

// parseTime reads a time given as RFC 3339 ("2026-03-02T14:30:00Z", with
// any offset and optional fractional seconds), as a date ("2026-03-02",
// midnight UTC), or in the Alpha Vantage form YYYYMMDDTHHMM or
// YYYYMMDDTHHMMSS (UTC). The result keeps the offset given and lies in
// [1970, 3000).
func parseTime(s string) (time.Time, error) {
	t, err := parseTimeForm(s)
	if err != nil {
		return time.Time{}, err
	}
	if t.Before(minTime) || !t.Before(maxTime) {
		return time.Time{}, fmt.Errorf("%q is outside the years 1970 to 2999", s)
	}
	return t, nil
}

func parseTimeForm(s string) (time.Time, error) {
	switch {
	case strings.ContainsAny(s, "-:"):
		if len(s) == len("2006-01-02") {
			return time.Parse(time.DateOnly, s)
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time such as 2026-03-02T14:30:00Z", s)
		}
		return t, nil
	case len(s) == len("20060102T1504"):
		return parseCompact(s, compactLayouts[0])
	case len(s) == len("20060102T150405"):
		return parseCompact(s, compactLayouts[1])
	}
	return time.Time{}, fmt.Errorf("%q is not a time: use RFC 3339 (2026-03-02T14:30:00Z), a date (2026-03-02) or YYYYMMDDTHHMM (20260302T1430)", s)
}

func parseCompact(s, layout string) (time.Time, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a time in the form %s", s, compactForm(layout))
	}
	return t, nil
}

func compactForm(layout string) string {
	if len(layout) == len("20060102T1504") {
		return "YYYYMMDDTHHMM"
	}
	return "YYYYMMDDTHHMMSS"
}

// parseFloatIn reads a finite decimal number in [lo, hi].
func parseFloatIn(s string, lo, hi float64) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if v < lo || v > hi {
		return 0, fmt.Errorf("%v is outside [%v, %v]", v, lo, hi)
	}
	return v, nil
}

// parseID reads a positive decimal id.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not a positive integer id", s)
	}
	return id, nil
}

// maxListItems bounds every comma-separated list parameter.
const maxListItems = 50

// errEmptyItem reports a list such as "AAPL,,MSFT".
var errEmptyItem = errors.New("empty item in the list")

// parseList splits a comma-separated list, trimming spaces around items and
// dropping repeated ones; empty items and lists of more than maxListItems
// items are errors. norm, when not nil, checks and normalises each item.
func parseList(s string, norm func(string) (string, error)) ([]string, error) {
	parts := strings.Split(s, ",")
	if len(parts) > maxListItems {
		return nil, fmt.Errorf("%d items; at most %d are allowed", len(parts), maxListItems)
	}
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			return nil, errEmptyItem
		}
		if norm != nil {
			var err error
			if p, err = norm(p); err != nil {
				return nil, err
			}
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// tickerPattern is a ticker symbol, upper case, with an optional Alpha
// Vantage asset prefix: AAPL, BRK.B, 7203.T, CRYPTO:BTC, FOREX:USD.
var tickerPattern = regexp.MustCompile(`^(CRYPTO:|FOREX:)?[A-Z0-9][A-Z0-9._=^-]{0,19}$`)

// parseTicker upper-cases a ticker symbol and checks its form.
func parseTicker(s string) (string, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if !tickerPattern.MatchString(t) {
		return "", fmt.Errorf("%q is not a ticker symbol (letters, digits and . - _ = ^, up to 20, optionally prefixed CRYPTO: or FOREX:)", s)
	}
	return t, nil
}
