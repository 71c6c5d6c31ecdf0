package server

import (
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/internal/golden"
	"github.com/tickerwire/tickerwire/topic"
)

// avGet calls /query and checks the answer is HTTP 200 JSON.
func (f *fixture) avGet(query string, header ...string) []byte {
	f.t.Helper()
	resp, data := f.do("GET", "/query?"+query, "", header...)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		f.t.Fatalf("/query?%s: status %d, Content-Type %q: %s", query, resp.StatusCode, resp.Header.Get("Content-Type"), data)
	}
	return data
}

func TestAlphaVantageMatchesGoldenResponse(t *testing.T) {
	f := newFixture(t, nil)
	got := f.avGet("function=NEWS_SENTIMENT&apikey=demo")
	golden.Check(t, filepath.Join("testdata", "news_sentiment.golden.json"), got)
}

var (
	decimal6Pattern = regexp.MustCompile(`^-?[0-9]\.[0-9]{6}$`)
	avTimePattern   = regexp.MustCompile(`^[0-9]{8}T[0-9]{6}$`)
	avLabels        = []string{"Bearish", "Somewhat-Bearish", "Neutral", "Somewhat-Bullish", "Bullish"}
)

// TestAlphaVantageWireTypes checks the JSON types clients parse: items a
// string, scores in lists decimal strings, the overall score a number.
func TestAlphaVantageWireTypes(t *testing.T) {
	f := newFixture(t, nil)
	var res map[string]any
	mustJSON(t, f.avGet("function=NEWS_SENTIMENT"), &res)
	if res["items"] != "6" || !strings.HasPrefix(res["sentiment_score_definition"].(string), "x <= -0.35: Bearish;") ||
		!strings.HasPrefix(res["relevance_score_definition"].(string), "0 < x <= 1") {
		t.Fatalf("header fields: items %#v, definitions %#v %#v", res["items"], res["sentiment_score_definition"], res["relevance_score_definition"])
	}
	for _, raw := range res["feed"].([]any) {
		item := raw.(map[string]any)
		for _, k := range []string{"title", "url", "time_published", "authors", "summary", "banner_image", "source",
			"category_within_source", "source_domain", "topics", "overall_sentiment_score", "overall_sentiment_label", "ticker_sentiment"} {
			if _, ok := item[k]; !ok {
				t.Errorf("%v lacks %s", item["title"], k)
			}
		}
		if _, ok := item["overall_sentiment_score"].(float64); !ok {
			t.Errorf("overall_sentiment_score %#v is not a number", item["overall_sentiment_score"])
		}
		if !avTimePattern.MatchString(item["time_published"].(string)) || !slices.Contains(avLabels, item["overall_sentiment_label"].(string)) {
			t.Errorf("time_published %v, label %v", item["time_published"], item["overall_sentiment_label"])
		}
		for _, tp := range item["topics"].([]any) {
			if s, ok := tp.(map[string]any)["relevance_score"].(string); !ok || !decimal6Pattern.MatchString(s) {
				t.Errorf("topic relevance_score %#v is not a 6-decimal string", tp)
			}
		}
		for _, ts := range item["ticker_sentiment"].([]any) {
			m := ts.(map[string]any)
			for _, k := range []string{"relevance_score", "ticker_sentiment_score"} {
				if s, ok := m[k].(string); !ok || !decimal6Pattern.MatchString(s) {
					t.Errorf("%s %#v is not a 6-decimal string", k, m[k])
				}
			}
			if !slices.Contains(avLabels, m["ticker_sentiment_label"].(string)) {
				t.Errorf("label %v", m["ticker_sentiment_label"])
			}
		}
	}
}

func TestAlphaVantageLabelsAtThresholds(t *testing.T) {
	tests := []struct {
		x    float64
		want string
	}{
		{-1, "Bearish"}, {-0.35, "Bearish"}, {-0.349999, "Somewhat-Bearish"}, {-0.15, "Somewhat-Bearish"},
		{-0.149999, "Neutral"}, {0, "Neutral"}, {0.149999, "Neutral"}, {0.15, "Somewhat-Bullish"},
		{0.349999, "Somewhat-Bullish"}, {0.35, "Bullish"}, {1, "Bullish"},
	}
	for _, tt := range tests {
		if got := avLabel(tt.x); got != tt.want {
			t.Errorf("avLabel(%v) = %s, want %s", tt.x, got, tt.want)
		}
	}
	if decimal6(-0.0000001) != "0.000000" || decimal6(0.25) != "0.250000" || decimal6(-0.1234567) != "-0.123457" {
		t.Errorf("decimal6: %s %s %s", decimal6(-0.0000001), decimal6(0.25), decimal6(-0.1234567))
	}
}

func TestAlphaVantageFilters(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct {
		query string
		want  []string // titles' seed names, in answer order
	}{
		{"tickers=NVDA", []string{"nvda-slip", "nvda-beat"}},
		{"tickers=AAPL,MSFT", []string{"aapl-msft"}},
		{"tickers=AAPL,NVDA", nil},
		{"tickers=crypto:btc", []string{"btc-slide"}},
		{"tickers=COIN,CRYPTO:BTC", []string{"btc-slide"}},
		{"topics=technology", []string{"nvda-slip", "aapl-msft", "nvda-beat"}},
		{"topics=technology,earnings", []string{"nvda-beat"}},
		{"topics=economy_monetary", []string{"fed-hold"}},
		{"topics=blockchain,financial_markets", []string{"btc-slide"}},
		{"topics=ipo", nil},
		{"time_from=20260303T0000&time_to=20260304T0000", []string{"fed-hold", "aapl-msft"}},
		{"time_from=20260304T080000", []string{"nvda-slip", "btc-slide"}},
		{"sort=EARLIEST&limit=2", []string{"nvda-beat", "aapl-fine"}},
		{"limit=1", []string{"nvda-slip"}},
		{"limit=5000&tickers=NVDA", []string{"nvda-slip", "nvda-beat"}},
		{"sort=RELEVANCE&tickers=NVDA", []string{"nvda-beat", "nvda-slip"}},
		{"sort=RELEVANCE&limit=3", []string{"nvda-beat", "btc-slide", "aapl-fine"}},
		{"sort=relevance&topics=technology", []string{"nvda-beat", "nvda-slip", "aapl-msft"}}, // ties: newest first
		{"tickers=NVDA&datatype=json&unknown=1", []string{"nvda-slip", "nvda-beat"}},
	}
	byTitle := map[string]string{}
	for _, s := range seeds {
		byTitle[s.title] = s.name
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var res avResponse
			mustJSON(t, f.avGet("function=NEWS_SENTIMENT&"+tt.query), &res)
			var got []string
			for _, it := range res.Feed {
				got = append(got, byTitle[it.Title])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAlphaVantageErrorsInItsStyle(t *testing.T) {
	f := newFixture(t, nil)
	tests := []struct{ query, mention string }{
		{"", "function"},
		{"function=TIME_SERIES_DAILY&symbol=IBM", "TIME_SERIES_DAILY"},
		{"function=news_sentiment", "news_sentiment"},
		{"function=NEWS_SENTIMENT&tickers=AA%20PL", "tickers"},
		{"function=NEWS_SENTIMENT&tickers=AAPL,,MSFT", "tickers"},
		{"function=NEWS_SENTIMENT&topics=weather", `unknown topic "weather"`},
		{"function=NEWS_SENTIMENT&time_from=2026-03-01", "YYYYMMDDTHHMM"},
		{"function=NEWS_SENTIMENT&time_from=20260301", "YYYYMMDDTHHMM"},
		{"function=NEWS_SENTIMENT&time_to=20261301T0000", "time_to"},
		{"function=NEWS_SENTIMENT&time_from=20260305T0000&time_to=20260301T0000", "before time_to"},
		{"function=NEWS_SENTIMENT&sort=NEWEST", "LATEST, EARLIEST or RELEVANCE"},
		{"function=NEWS_SENTIMENT&limit=0", "limit"},
		{"function=NEWS_SENTIMENT&limit=many", "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var res map[string]string
			mustJSON(t, f.avGet(tt.query), &res)
			msg, ok := res["Error Message"]
			if len(res) != 1 || !ok || !strings.Contains(msg, tt.mention) {
				t.Errorf("got %v, want one Error Message mentioning %q", res, tt.mention)
			}
		})
	}
}

func TestAlphaVantageNeedsAKeyWhenRequired(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.RequireKeys = true })
	for _, q := range []string{"function=NEWS_SENTIMENT", "function=NEWS_SENTIMENT&apikey=demo"} {
		var res map[string]string
		mustJSON(t, f.avGet(q), &res)
		if _, ok := res["Information"]; !ok || len(res) != 1 {
			t.Errorf("%s: got %v, want an Information message", q, res)
		}
	}
}

func TestEveryAlphaVantageTopicHasAParameterAndTopics(t *testing.T) {
	params := map[string]bool{}
	for _, name := range avTopicParams {
		params[name] = true
	}
	for _, name := range topic.AlphaVantageTopics {
		if !params[name] {
			t.Errorf("no topics= value for %q", name)
		}
		if len(defaultTaxonomy().avIDs[name]) == 0 {
			t.Errorf("no taxonomy topic maps to %q", name)
		}
	}
	if len(avTopicParams) != len(topic.AlphaVantageTopics) {
		t.Errorf("%d parameter values for %d topics", len(avTopicParams), len(topic.AlphaVantageTopics))
	}
}

func FuzzAlphaVantageParams(f *testing.F) {
	f.Add("AAPL,CRYPTO:BTC", "technology,ipo", "20260301T0930", "20260302T1200", "RELEVANCE", "10")
	f.Add("", "", "", "", "", "")
	f.Add(",", "x", "2026", "20261399T9999", "latest", "-1")
	s := &server{tax: defaultTaxonomy()}
	f.Fuzz(func(t *testing.T, tickers, topics, from, to, sort, limit string) {
		v := map[string]string{"tickers": tickers, "topics": topics, "time_from": from, "time_to": to, "sort": sort, "limit": limit}
		aq, err := s.avParse(func(k string) string { return v[k] })
		if err != nil {
			return
		}
		if aq.limit < 1 || aq.limit > avMaxLimit || !slices.Contains([]string{"LATEST", "EARLIEST", "RELEVANCE"}, aq.sort) {
			t.Errorf("limit %d, sort %q", aq.limit, aq.sort)
		}
		if !aq.store.To.IsZero() && !aq.store.From.Before(aq.store.To) {
			t.Errorf("empty range %v to %v", aq.store.From, aq.store.To)
		}
		if len(aq.tickers) > 0 && (len(aq.store.Tickers) != 1 || aq.store.Tickers[0] != aq.tickers[0]) {
			t.Errorf("store tickers %v for %v", aq.store.Tickers, aq.tickers)
		}
	})
}
