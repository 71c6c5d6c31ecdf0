package extract

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// wtoken is a token of a date written for people: a word, a number or one
// punctuation mark.
type wtoken struct {
	text string
	num  int // value of a number, -1 for others
}

// dateWindow is how many tokens around a day-month-year a time of day may be.
const dateWindow = 8

// findDate returns the first date written for people in s: "November 19,
// 2019", "19 Nov. 2019", "Tue, 19 Nov 2019 10:08:00 GMT", "19.11.2019",
// "2019-11-19", with a time and zone when written next to it. Month names
// are read in several European languages (data/months.txt). Numeric dates
// with slashes are month first (US) unless dayFirst is set.
func findDate(s string, dayFirst bool) (time.Time, bool) {
	toks := writtenTokens(s)
	for i := range toks {
		y, mo, d, first, last, ok := dayAt(toks, i, dayFirst)
		if !ok {
			continue
		}
		day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		hh, mm, ss, loc := clockNear(toks, first, last, day)
		if t, ok := makeDate(y, mo, d, hh, mm, ss, 0, loc); ok {
			return t, true
		}
	}
	return time.Time{}, false
}

// writtenTokens splits s into words, numbers and punctuation marks.
func writtenTokens(s string) []wtoken {
	var toks []wtoken
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case r >= '0' && r <= '9':
			j, n := i, 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' && j-i < 9 {
				n = n*10 + int(s[j]-'0')
				j++
			}
			toks = append(toks, wtoken{s[i:j], n})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += size2
			}
			toks = append(toks, wtoken{strings.ToLower(s[i:j]), -1})
			i = j
		default:
			toks = append(toks, wtoken{s[i : i+size], -1})
			i += size
		}
		if len(toks) > 400 {
			break
		}
	}
	return toks
}

// dayAt reads a calendar day starting at token i and returns it with the
// range of tokens it spans.
func dayAt(toks []wtoken, i int, dayFirst bool) (y, mo, d, first, last int, ok bool) {
	months := loadMonths()
	at := func(k int) wtoken {
		if k >= 0 && k < len(toks) {
			return toks[k]
		}
		return wtoken{num: -1}
	}
	skip := func(k int, marks string) int {
		for k < len(toks) && len(toks[k].text) == 1 && strings.Contains(marks, toks[k].text) {
			k++
		}
		return k
	}
	t := toks[i]
	if m, isMonth := months[t.text]; isMonth {
		// November 19, 2019 / Nov. 19th 2019
		k := skip(i+1, ".")
		if day := at(k); isDay(day.num) {
			k = skipOrdinal(toks, k+1)
			k = skip(k, ",.")
			if year := at(k); isYear(year) {
				return year.num, m, day.num, i, k, true
			}
		}
		return 0, 0, 0, 0, 0, false
	}
	if !isDay(t.num) {
		if isYear(t) && at(i+1).text == "-" && at(i+3).text == "-" && isDay(at(i+4).num) && at(i+2).num >= 1 && at(i+2).num <= 12 {
			return t.num, at(i + 2).num, at(i + 4).num, i, i + 4, true
		}
		return 0, 0, 0, 0, 0, false
	}
	// 19 November 2019 / 19. Nov. 2019 / 19th of November, 2019
	k := skipOrdinal(toks, i+1)
	k = skip(k, ".")
	if at(k).text == "of" || at(k).text == "de" {
		k++
	}
	if m, isMonth := months[at(k).text]; isMonth {
		k = skip(k+1, ".,")
		if at(k).text == "de" {
			k++
		}
		if year := at(k); isYear(year) {
			return year.num, m, t.num, i, k, true
		}
		return 0, 0, 0, 0, 0, false
	}
	// 19.11.2019 (day first) and 11/19/2019 (US order unless dayFirst or
	// the first number cannot be a month).
	sep := at(i + 1).text
	if (sep == "." || sep == "/" || sep == "-") && at(i+3).text == sep && isYear(at(i+4)) {
		a, b := t.num, at(i+2).num
		if sep == "/" && a <= 12 && !dayFirst {
			a, b = b, a
		}
		if b >= 1 && b <= 12 {
			return at(i + 4).num, b, a, i, i + 4, true
		}
	}
	return 0, 0, 0, 0, 0, false
}

func skipOrdinal(toks []wtoken, k int) int {
	if k < len(toks) {
		switch toks[k].text {
		case "st", "nd", "rd", "th", "er":
			return k + 1
		}
	}
	return k
}

func isDay(n int) bool { return n >= 1 && n <= 31 }

func isYear(t wtoken) bool { return len(t.text) == 4 && t.num >= minYear && t.num <= 2200 }

// clockNear finds a time of day (10:08, 10:08:00, 10:08 a.m.) within
// dateWindow tokens of the date and the zone written after it.
func clockNear(toks []wtoken, first, last int, day time.Time) (hh, mm, ss int, loc *time.Location) {
	lo, hi := max(0, first-dateWindow), min(len(toks), last+dateWindow)
	for k := lo; k+2 < hi; k++ {
		if k >= first && k <= last || toks[k].num < 0 || toks[k].num > 23 || toks[k+1].text != ":" || len(toks[k+2].text) != 2 || toks[k+2].num < 0 {
			continue
		}
		hh, mm = toks[k].num, toks[k+2].num
		k += 3
		if k+1 < len(toks) && toks[k].text == ":" && toks[k+1].num >= 0 {
			ss = toks[k+1].num
			k += 2
		}
		hh, k = meridiem(toks, k, hh)
		return hh, mm, ss, zoneAfter(toks, k, day)
	}
	return 0, 0, 0, time.UTC
}

// meridiem applies "am"/"pm" ("a.m.", "PM") at token k to hh.
func meridiem(toks []wtoken, k, hh int) (int, int) {
	if k >= len(toks) {
		return hh, k
	}
	word := toks[k].text
	next := k + 1
	if (word == "a" || word == "p") && k+2 < len(toks) && toks[k+1].text == "." && toks[k+2].text == "m" {
		word += "m"
		next = k + 3
		if next < len(toks) && toks[next].text == "." {
			next++
		}
	}
	switch {
	case word == "pm" && hh < 12:
		return hh + 12, next
	case word == "am" && hh == 12:
		return 0, next
	case word == "am" || word == "pm":
		return hh, next
	}
	return hh, k
}

// zoneAfter reads a zone abbreviation or offset at token k; UTC otherwise.
func zoneAfter(toks []wtoken, k int, day time.Time) *time.Location {
	if k < len(toks) && toks[k].text == "(" {
		k++
	}
	if k >= len(toks) {
		return time.UTC
	}
	t := toks[k]
	if t.text == "+" || t.text == "-" {
		var b strings.Builder
		b.WriteString(t.text)
		for j := k + 1; j < len(toks) && j <= k+3 && (toks[j].num >= 0 || toks[j].text == ":"); j++ {
			b.WriteString(toks[j].text)
		}
		if loc, ok := parseOffset(b.String()); ok {
			return loc
		}
		return time.UTC
	}
	if t.num < 0 && len(t.text) >= 2 && len(t.text) <= 5 {
		name := t.text
		if (name == "gmt" || name == "utc") && k+2 < len(toks) && (toks[k+1].text == "+" || toks[k+1].text == "-") && toks[k+2].num >= 0 {
			name += toks[k+1].text + toks[k+2].text
		}
		if loc := zoneByName(name, day); loc != nil {
			return loc
		}
	}
	return time.UTC
}
