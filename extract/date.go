package extract

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Dates outside [minYear, now] are taken for misreadings.
const minYear = 1990

//go:embed data/months.txt
var monthsFile string

// loadMonths maps month names and abbreviations (lower-case) to 1-12.
var loadMonths = loadOnce(parseMonths, monthsFile)

// parseMonths reads data/months.txt: a month number, then its names.
func parseMonths(src string) (map[string]int, error) {
	m := map[string]int{}
	for i, line := range strings.Split(src, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 1 || n > 12 || len(f) < 2 {
			return nil, fmt.Errorf("months.txt line %d: want a month number and names, got %q", i+1, line)
		}
		for _, name := range f[1:] {
			m[name] = n
		}
	}
	return m, nil
}

// parseDate reads a machine-written date as found in metadata and JSON-LD:
// ISO 8601 and its common variants ("2019-11-19T10:08:00.000+0000",
// "2019-11-19 10:08:00", "2019/11/19", "20191119"), Unix seconds or
// milliseconds, and dates written for people ("Tue, 19 Nov 2019 10:08:00
// GMT", "November 19, 2019 10:08 AM ET"). The offset or zone written with
// the date is kept; a date without one is in UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 200 {
		return time.Time{}, false
	}
	if t, ok := parseISO(s); ok {
		return t, true
	}
	if t, ok := parseEpoch(s); ok {
		return t, true
	}
	return findDate(s, false)
}

// parseISO reads year-month-day with an optional time and zone.
func parseISO(s string) (time.Time, bool) {
	c := cursor{s: s}
	y, ok := c.digits(4, 4)
	if !ok {
		return time.Time{}, false
	}
	sep := c.peek()
	compact := sep >= '0' && sep <= '9'
	if !compact && sep != '-' && sep != '/' && sep != '.' {
		return time.Time{}, false
	}
	width := 2
	if !compact {
		c.i++
		width = 1
	}
	mo, ok1 := c.digits(width, 2)
	if !compact && !c.eat(sep) {
		return time.Time{}, false
	}
	d, ok2 := c.digits(width, 2)
	if !ok1 || !ok2 {
		return time.Time{}, false
	}
	var hh, mm, ss, ns int
	if c.eat('T') || c.eat(' ') {
		var ok bool
		if hh, mm, ss, ns, ok = c.clock(); !ok && c.i < len(s) {
			return time.Time{}, false
		}
	}
	loc, ok := c.zone(time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC))
	if !ok {
		return time.Time{}, false
	}
	return makeDate(y, mo, d, hh, mm, ss, ns, loc)
}

// parseEpoch reads Unix time in seconds (10 digits) or milliseconds (13).
func parseEpoch(s string) (time.Time, bool) {
	if len(s) != 10 && len(s) != 13 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}, false
	}
	if len(s) == 13 {
		return time.UnixMilli(n).UTC(), true
	}
	return time.Unix(n, 0).UTC(), true
}

// makeDate builds a time after checking the fields' ranges.
func makeDate(y, mo, d, hh, mm, ss, ns int, loc *time.Location) (time.Time, bool) {
	if y < minYear || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, hh, mm, ss, ns, loc)
	if t.Day() != d {
		return time.Time{}, false // 31 November and the like
	}
	return t, true
}

// cursor reads a date string left to right.
type cursor struct {
	s string
	i int
}

func (c *cursor) peek() byte {
	if c.i < len(c.s) {
		return c.s[c.i]
	}
	return 0
}

func (c *cursor) eat(b byte) bool {
	if c.peek() == b {
		c.i++
		return true
	}
	return false
}

// digits reads between least and most decimal digits.
func (c *cursor) digits(least, most int) (int, bool) {
	n, start := 0, c.i
	for c.i < len(c.s) && c.i-start < most && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
		n = n*10 + int(c.s[c.i]-'0')
		c.i++
	}
	return n, c.i-start >= least
}

// clock reads hh:mm[:ss[.fraction]].
func (c *cursor) clock() (hh, mm, ss, ns int, ok bool) {
	if hh, ok = c.digits(1, 2); !ok || !c.eat(':') {
		return 0, 0, 0, 0, false
	}
	if mm, ok = c.digits(2, 2); !ok {
		return 0, 0, 0, 0, false
	}
	if c.eat(':') {
		if ss, ok = c.digits(2, 2); !ok {
			return 0, 0, 0, 0, false
		}
	}
	if c.eat('.') || c.eat(',') {
		start := c.i
		frac, _ := c.digits(1, 9)
		for k := c.i - start; k < 9; k++ {
			frac *= 10
		}
		ns = frac
		for c.i < len(c.s) && c.s[c.i] >= '0' && c.s[c.i] <= '9' {
			c.i++
		}
	}
	return hh, mm, ss, ns, true
}

// zone reads what follows the clock: nothing (UTC), Z, an offset
// (+05:30, -0500, +01) or a zone abbreviation. day dates the
// abbreviation's daylight saving time.
func (c *cursor) zone(day time.Time) (*time.Location, bool) {
	rest := strings.TrimSpace(c.s[c.i:])
	switch {
	case rest == "" || rest == "Z" || rest == "z":
		return time.UTC, true
	case rest[0] == '+' || rest[0] == '-':
		return parseOffset(rest)
	}
	if loc := zoneByName(rest, day); loc != nil {
		return loc, true
	}
	return nil, false
}

// parseOffset reads +hh, +hhmm or +hh:mm.
func parseOffset(s string) (*time.Location, bool) {
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	c := cursor{s: s, i: 1}
	hh, ok := c.digits(2, 2)
	if !ok {
		return nil, false
	}
	c.eat(':')
	mm, _ := c.digits(2, 2)
	if c.i != len(s) || hh > 14 || mm > 59 {
		return nil, false
	}
	off := sign * (hh*3600 + mm*60)
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}

// zones are the abbreviations news sites write after a time, with their
// offsets in hours. US zones without S or D follow US daylight saving time.
var zones = map[string]float64{
	"UTC": 0, "GMT": 0, "UT": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2,
	"MEZ": 1, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
	"SGT": 8, "HKT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
	"NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8,
	"HST": -10,
}

// usZones are the US zone names without a season, by standard offset.
var usZones = map[string]int{"ET": -5, "CT": -6, "MT": -7, "PT": -8}

// zoneByName returns the fixed zone for an abbreviation such as "EST",
// "ET" (daylight saving time by day), or "GMT+2"; nil when unknown.
func zoneByName(name string, day time.Time) *time.Location {
	name = strings.ToUpper(strings.Trim(name, "() ."))
	if h, ok := zones[name]; ok {
		if h == 0 {
			return time.UTC
		}
		return time.FixedZone(name, int(h*3600))
	}
	if std, ok := usZones[name]; ok {
		h, abbr := std, name[:1]+"ST"
		if usDaylight(day) {
			h, abbr = std+1, name[:1]+"DT"
		}
		return time.FixedZone(abbr, h*3600)
	}
	for _, base := range []string{"GMT", "UTC"} {
		if rest, ok := strings.CutPrefix(name, base); ok && rest != "" && (rest[0] == '+' || rest[0] == '-') {
			if len(rest) == 2 || len(rest) == 3 && rest[1] <= '1' {
				rest = rest[:1] + strings.Repeat("0", 3-len(rest)) + rest[1:]
			}
			if loc, ok := parseOffset(rest); ok {
				return loc
			}
		}
	}
	return nil
}

// usDaylight reports whether US daylight saving time is in force on day:
// from the second Sunday of March to the first Sunday of November.
func usDaylight(day time.Time) bool {
	y := day.Year()
	start := nthSunday(y, time.March, 2)
	end := nthSunday(y, time.November, 1)
	return !day.Before(start) && day.Before(end)
}

func nthSunday(y int, m time.Month, n int) time.Time {
	first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	offset := (7 - int(first.Weekday())) % 7
	return first.AddDate(0, 0, offset+7*(n-1))
}
