package extract

import (
	"testing"
	"time"
)

func TestParseDateForms(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 with the zone kept; "" when not a date
	}{
		{"2019-11-19T10:08:00Z", "2019-11-19T10:08:00Z"},
		{"2019-11-19T10:08:00.123+0000", "2019-11-19T10:08:00Z"},
		{"2019-11-19T10:08:00-05:00", "2019-11-19T10:08:00-05:00"},
		{"2019-11-19T10:08-0500", "2019-11-19T10:08:00-05:00"},
		{"2019-11-19 10:08:00", "2019-11-19T10:08:00Z"},
		{"2019-11-19 10:08:00 +05:30", "2019-11-19T10:08:00+05:30"},
		{"2019-11-19", "2019-11-19T00:00:00Z"},
		{"2019/11/19", "2019-11-19T00:00:00Z"},
		{"20191119", "2019-11-19T00:00:00Z"},
		{"1574158080", "2019-11-19T10:08:00Z"},
		{"Tue, 19 Nov 2019 10:08:00 GMT", "2019-11-19T10:08:00Z"},
		{"Tue, 19 Nov 2019 10:08:00 +0100", "2019-11-19T10:08:00+01:00"},
		{"November 19, 2019", "2019-11-19T00:00:00Z"},
		{"Nov. 19, 2019 10:08 a.m. ET", "2019-11-19T10:08:00-05:00"},
		{"Published 10:08 AM EDT, Tue July 2, 2019", "2019-07-02T10:08:00-04:00"},
		{"May 17, 2024 2:15 PM PT", "2024-05-17T14:15:00-07:00"},
		{"19 November 2019", "2019-11-19T00:00:00Z"},
		{"19th November, 2019", "2019-11-19T00:00:00Z"},
		{"19. März 2019", "2019-03-19T00:00:00Z"},
		{"19.11.2019", "2019-11-19T00:00:00Z"},
		{"11/19/2019", "2019-11-19T00:00:00Z"},
		{"Updated: 19 Nov 2019 14:05 GMT+2", "2019-11-19T14:05:00+02:00"},
		{"2019-02-31", ""},
		{"1850-01-01", ""},
		{"yesterday", ""},
		{"May we all agree", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in)
			if tt.want == "" {
				if ok {
					t.Errorf("parseDate(%q) = %v, want no date", tt.in, got)
				}
				return
			}
			if !ok || got.Format(time.RFC3339) != tt.want {
				t.Errorf("parseDate(%q) = %v, %v; want %s", tt.in, got.Format(time.RFC3339), ok, tt.want)
			}
		})
	}
}

func TestFindDateDayFirst(t *testing.T) {
	got, ok := findDate("05/10/2018 - Publicado por", true)
	if !ok || got.Month() != time.October || got.Day() != 5 {
		t.Errorf("day first: %v, %v", got, ok)
	}
	got, ok = findDate("05/10/2018", false)
	if !ok || got.Month() != time.May || got.Day() != 10 {
		t.Errorf("month first: %v, %v", got, ok)
	}
}

func TestUSDaylightZones(t *testing.T) {
	winter, _ := parseDate("January 10, 2024 9:00 AM ET")
	summer, _ := parseDate("July 10, 2024 9:00 AM ET")
	if _, off := winter.Zone(); off != -5*3600 {
		t.Errorf("winter ET offset %d", off)
	}
	if _, off := summer.Zone(); off != -4*3600 {
		t.Errorf("summer ET offset %d", off)
	}
}

func TestURLDate(t *testing.T) {
	tests := map[string]string{
		"https://example.com/2024/05/17/story-slug":             "2024-05-17",
		"https://example.com/news/2024/5/7/story":               "2024-05-07",
		"https://example.com/2024-05-17/story":                  "2024-05-17",
		"https://example.com/story-2024-05-17-slug":             "",
		"https://example.com/2024-05-17-story-slug":             "2024-05-17",
		"https://example.com/archive/20240517/story":            "2024-05-17",
		"https://example.com/commentisfree/2019/nov/18/piece":   "2019-11-18",
		"https://example.com/article/12345678/story":            "",
		"https://example.com/2024/05/story":                     "",
		"not a url at all %%":                                   "",
		"https://example.com/2024/05/17/?utm_source=2023/01/01": "2024-05-17",
	}
	for in, want := range tests {
		if got := urlDate(in); got != want {
			t.Errorf("urlDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMonthsLoad(t *testing.T) {
	m, err := parseMonths(monthsFile)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]int{"january": 1, "sept": 9, "märz": 3, "déc": 12, "mei": 5} {
		if m[name] != want {
			t.Errorf("month %q = %d, want %d", name, m[name], want)
		}
	}
}

func TestParseMonthsRejectsBadLines(t *testing.T) {
	for _, src := range []string{"13 smarch", "x january", "1"} {
		if _, err := parseMonths(src); err == nil {
			t.Errorf("parseMonths(%q) accepted", src)
		}
	}
}
