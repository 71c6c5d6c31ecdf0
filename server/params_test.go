package server

import (
	"net/http"
	"strings"
	"testing"
)

func TestInvalidParametersAreRefusedWithTheirName(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		path    string
		code    string
		mention string // the message must contain this
	}{
		{"/v1/articles?ticker=AAPL", codeUnknownParameter, `"ticker"`},
		{"/v1/articles?tickers=AAPL&tickers=MSFT", codeBadParameter, "given 2 times"},
		{"/v1/articles?tickers=AAPL,,MSFT", codeBadParameter, "tickers: empty item"},
		{"/v1/articles?tickers=", codeBadParameter, "tickers: empty item"},
		{"/v1/articles?tickers=AA%20PL", codeBadParameter, "not a ticker"},
		{"/v1/articles?tickers=" + strings.Repeat("A,", 50) + "B", codeBadParameter, "at most 50"},
		{"/v1/articles?topics=weather", codeBadParameter, `unknown topic "weather"`},
		{"/v1/articles?source=-1", codeBadParameter, "source"},
		{"/v1/articles?source=x", codeBadParameter, "source"},
		{"/v1/articles?site=", codeBadParameter, "site"},
		{"/v1/articles?q=%21%21%21", codeBadParameter, "no letters or digits"},
		{"/v1/articles?q=" + strings.Repeat("a", 501), codeBadParameter, "longer than 500"},
		{"/v1/articles?from=yesterday", codeBadParameter, "from"},
		{"/v1/articles?from=2026-13-01", codeBadParameter, "from"},
		{"/v1/articles?to=20260230T1200", codeBadParameter, "YYYYMMDDTHHMM"},
		{"/v1/articles?from=1969-12-31", codeBadParameter, "1970"},
		{"/v1/articles?from=2026-03-04&to=2026-03-03", codeBadParameter, "before to"},
		{"/v1/articles?from=2026-03-04&to=2026-03-04", codeBadParameter, "before to"},
		{"/v1/articles?min_sentiment=2", codeBadParameter, "min_sentiment"},
		{"/v1/articles?max_sentiment=NaN", codeBadParameter, "not a number"},
		{"/v1/articles?min_sentiment=0.5&max_sentiment=0.1", codeBadParameter, "above max_sentiment"},
		{"/v1/articles?min_relevance=-0.1", codeBadParameter, "min_relevance"},
		{"/v1/articles?min_novelty=1.5", codeBadParameter, "min_novelty"},
		{"/v1/articles?sort=latest", codeBadParameter, "newest or oldest"},
		{"/v1/articles?limit=0", codeBadParameter, "limit"},
		{"/v1/articles?limit=1001", codeBadParameter, "[1, 1000]"},
		{"/v1/articles?limit=ten", codeBadParameter, "limit"},
		{"/v1/articles?cursor=", codeBadParameter, "cursor"},
		{"/v1/articles?cursor=%25%25notacursor", codeBadParameter, "cursor"},
		{"/v1/articles?q=a;b=%zz", codeBadParameter, "malformed query"},
		{"/v1/tickers/NVDA/sentiment?bucket=week", codeBadParameter, "minute, hour or day"},
		{"/v1/tickers/NVDA/sentiment?bucket=minute&from=2000-01-01&to=2026-01-01", codeBadParameter, "at most 100000"},
		{"/v1/tickers/NVDA/sentiment?from=2026-03-05&to=2026-03-01", codeBadParameter, "before to"},
		{"/v1/tickers/NVDA/sentiment?span=1d", codeUnknownParameter, "span"},
		{"/v1/tickers/N%20VDA/sentiment", codeBadParameter, "ticker"},
		{"/v1/stream?tickers=AAPL,", codeBadParameter, "tickers"},
		{"/v1/stream?topics=weather", codeBadParameter, "weather"},
		{"/v1/stream?last_event_id=abc", codeBadParameter, "last_event_id"},
		{"/v1/sources?all=1", codeUnknownParameter, "no parameters"},
		{"/v1/sources/abc", codeBadParameter, "source id"},
		{"/v1/health?verbose=1", codeUnknownParameter, "verbose"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var e apiErr
			f.getJSON(tt.path, http.StatusBadRequest, &e)
			if e.Code != tt.code || !strings.Contains(e.Error, tt.mention) {
				t.Errorf("error %+v, want code %s mentioning %q", e, tt.code, tt.mention)
			}
		})
	}
}

func TestUnknownPathsAndMethodsAnswerJSON(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/v2/articles", http.StatusNotFound, ""},
		{"GET", "/v1/articles/", http.StatusNotFound, ""},
		{"DELETE", "/v1/articles", http.StatusMethodNotAllowed, "GET, POST, HEAD"},
		{"PUT", "/v1/sources/1", http.StatusMethodNotAllowed, "GET, PATCH, DELETE, HEAD"},
		{"POST", "/query", http.StatusMethodNotAllowed, "GET, HEAD"},
	}
	for _, tt := range tests {
		resp, data := f.do(tt.method, tt.path, "")
		var e apiErr
		mustJSON(t, data, &e)
		if resp.StatusCode != tt.status || e.Error == "" || resp.Header.Get("Allow") != tt.allow {
			t.Errorf("%s %s: status %d, Allow %q, body %s", tt.method, tt.path, resp.StatusCode, resp.Header.Get("Allow"), data)
		}
	}
}

func TestParseTimeForms(t *testing.T) {
	tests := []struct {
		in, want string // want in RFC 3339, "" for an error
	}{
		{"2026-03-02T14:30:00Z", "2026-03-02T14:30:00Z"},
		{"2026-03-02T09:30:00-05:00", "2026-03-02T09:30:00-05:00"},
		{"2026-03-02T14:30:00.123Z", "2026-03-02T14:30:00.123Z"},
		{"2026-03-02", "2026-03-02T00:00:00Z"},
		{"20260302T1430", "2026-03-02T14:30:00Z"},
		{"20260302T143015", "2026-03-02T14:30:15Z"},
		{"20260302", ""},
		{"20260302T2460", ""},
		{"2026-03-02 14:30", ""},
		{"1969-12-31T23:59:59Z", ""},
		{"3000-01-01T00:00:00Z", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := parseTime(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseTime(%q) = %v, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("parseTime(%q): %v", tt.in, err)
		case tt.want != "" && got.Format("2006-01-02T15:04:05.999Z07:00") != tt.want:
			t.Errorf("parseTime(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseTickerNormalises(t *testing.T) {
	tests := []struct{ in, want string }{
		{"aapl", "AAPL"}, {" BRK.B ", "BRK.B"}, {"crypto:btc", "CRYPTO:BTC"}, {"FOREX:USD", "FOREX:USD"},
		{"7203.T", "7203.T"}, {"^GSPC", ""}, {"CRYPTO:", ""}, {"STOCK:AAPL", ""}, {"A B", ""},
		{strings.Repeat("A", 21), ""},
	}
	for _, tt := range tests {
		got, err := parseTicker(tt.in)
		if (err != nil) != (tt.want == "") || got != tt.want {
			t.Errorf("parseTicker(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-03-02T14:30:00Z", "2026-03-02", "20260302T1430", "20260302T143015", "x", "2026-03-02T14:30:00+14:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTime(s)
		if err != nil {
			return
		}
		if got.Before(minTime) || !got.Before(maxTime) {
			t.Errorf("parseTime(%q) = %v, outside the allowed years", s, got)
		}
	})
}

func FuzzParseList(f *testing.F) {
	for _, s := range []string{"AAPL", "AAPL,MSFT", " a , b ", ",", "CRYPTO:BTC,FOREX:USD", "AAPL,AAPL"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		list, err := parseList(s, parseTicker)
		if err != nil {
			return
		}
		if len(list) == 0 || len(list) > maxListItems {
			t.Errorf("parseList(%q) = %d items", s, len(list))
		}
		seen := map[string]bool{}
		for _, item := range list {
			if !tickerPattern.MatchString(item) || seen[item] {
				t.Errorf("parseList(%q) gave %q: invalid or repeated", s, item)
			}
			seen[item] = true
		}
	})
}

func FuzzDecodeSubmission(f *testing.F) {
	f.Add(`{"title":"A","body":"B","url":"https://a.example/x","published":"2026-03-02T14:30:00Z"}`)
	f.Add(`{"title":""}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, s string) {
		a, err := decodeSubmission([]byte(s))
		if err != nil {
			return
		}
		if a.Title == "" && a.Body == "" {
			t.Errorf("decodeSubmission(%q) accepted an article without text", s)
		}
		if a.URL != "" && checkWebURL(a.URL) != nil {
			t.Errorf("decodeSubmission(%q) accepted url %q", s, a.URL)
		}
	})
}
