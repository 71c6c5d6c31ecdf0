package server

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/topic"
)

// The score definitions every Alpha Vantage NEWS_SENTIMENT response
// carries, spelled as that API spells them (including its
// "Somewhat_Bullish"), since clients may display or parse them.
const (
	avSentimentDefinition = "x <= -0.35: Bearish; -0.35 < x <= -0.15: Somewhat-Bearish; -0.15 < x < 0.15: Neutral; 0.15 <= x < 0.35: Somewhat_Bullish; x >= 0.35: Bullish"
	avRelevanceDefinition = "0 < x <= 1, with a higher score indicating higher relevance."
)

// avTimeLayout is the form of time_published: YYYYMMDDTHHMMSS, UTC.
const avTimeLayout = "20060102T150405"

// avResponse is the answer of NEWS_SENTIMENT, field for field (and in the
// same order) as Alpha Vantage sends it: items is a string, scores inside
// topics and ticker_sentiment are decimal strings, the overall score is a
// number.
type avResponse struct {
	Items                    string   `json:"items"`
	SentimentScoreDefinition string   `json:"sentiment_score_definition"`
	RelevanceScoreDefinition string   `json:"relevance_score_definition"`
	Feed                     []avItem `json:"feed"`
}

type avItem struct {
	Title                 string     `json:"title"`
	URL                   string     `json:"url"`
	TimePublished         string     `json:"time_published"`
	Authors               []string   `json:"authors"`
	Summary               string     `json:"summary"`
	BannerImage           string     `json:"banner_image"`
	Source                string     `json:"source"`
	CategoryWithinSource  string     `json:"category_within_source"`
	SourceDomain          string     `json:"source_domain"`
	Topics                []avTopic  `json:"topics"`
	OverallSentimentScore float64    `json:"overall_sentiment_score"`
	OverallSentimentLabel string     `json:"overall_sentiment_label"`
	TickerSentiment       []avTicker `json:"ticker_sentiment"`
}

type avTopic struct {
	Topic          string `json:"topic"`
	RelevanceScore string `json:"relevance_score"`
}

type avTicker struct {
	Ticker               string `json:"ticker"`
	RelevanceScore       string `json:"relevance_score"`
	TickerSentimentScore string `json:"ticker_sentiment_score"`
	TickerSentimentLabel string `json:"ticker_sentiment_label"`
}

// avResponseOf formats analysed articles as a NEWS_SENTIMENT response.
func avResponseOf(list []store.Stored) avResponse {
	res := avResponse{
		Items:                    strconv.Itoa(len(list)),
		SentimentScoreDefinition: avSentimentDefinition,
		RelevanceScoreDefinition: avRelevanceDefinition,
		Feed:                     make([]avItem, 0, len(list)),
	}
	for _, st := range list {
		res.Feed = append(res.Feed, avItemOf(st))
	}
	return res
}

func avItemOf(st store.Stored) avItem {
	a, an := st.Article, st.Analysis
	link := a.CanonicalURL
	if link == "" {
		link = a.URL
	}
	published := a.Published
	if published.IsZero() {
		published = st.Time
	}
	score := round6(an.Sentiment.Value)
	it := avItem{
		Title: a.Title, URL: link, TimePublished: published.UTC().Format(avTimeLayout),
		Authors: authors(a.Author), Summary: summaryText(an.Summary, a.Body),
		Source: a.Site, CategoryWithinSource: "n/a", SourceDomain: host(link),
		Topics:                []avTopic{},
		OverallSentimentScore: score, OverallSentimentLabel: avLabel(score),
		TickerSentiment: make([]avTicker, len(an.Tickers)),
	}
	if it.Source == "" {
		it.Source = strings.TrimPrefix(it.SourceDomain, "www.")
	}
	for _, t := range topic.Default().AlphaVantage(an.Topics) {
		it.Topics = append(it.Topics, avTopic{t.Topic, decimal6(t.Relevance)})
	}
	for i, t := range an.Tickers {
		s := round6(t.Sentiment.Value)
		it.TickerSentiment[i] = avTicker{t.Ticker, decimal6(t.Relevance), decimal6(s), avLabel(s)}
	}
	return it
}

// avLabel is the Alpha Vantage label of a score in [-1, 1].
func avLabel(x float64) string {
	switch {
	case x <= -0.35:
		return "Bearish"
	case x <= -0.15:
		return "Somewhat-Bearish"
	case x < 0.15:
		return "Neutral"
	case x < 0.35:
		return "Somewhat-Bullish"
	}
	return "Bullish"
}

// round6 rounds x to 6 decimals, without a negative zero.
func round6(x float64) float64 {
	r := math.Round(x*1e6) / 1e6
	if r == 0 {
		return 0
	}
	return r
}

// decimal6 formats x with exactly 6 decimals ("0.250000").
func decimal6(x float64) string { return strconv.FormatFloat(round6(x), 'f', 6, 64) }

// authors splits a byline ("Jane Roe and John Doe", "A, B") into names.
func authors(byline string) []string {
	out := []string{}
	for _, part := range strings.FieldsFunc(byline, func(r rune) bool { return r == ',' || r == ';' }) {
		for _, name := range strings.Split(part, " and ") {
			if name = strings.TrimSpace(name); name != "" {
				out = append(out, name)
			}
		}
	}
	return out
}

// avSummaryLen bounds the summary made from the body when an analysis has
// none.
const avSummaryLen = 300

func summaryText(sentences []string, body string) string {
	if len(sentences) > 0 {
		return strings.Join(sentences, " ")
	}
	body = strings.Join(strings.Fields(body), " ")
	if len(body) <= avSummaryLen {
		return body
	}
	cut := strings.LastIndexByte(body[:avSummaryLen], ' ')
	if cut <= 0 {
		cut = avSummaryLen
	}
	return strings.ToValidUTF8(body[:cut], "") + "..."
}

// host returns the host name of a URL, "" when it has none.
func host(link string) string {
	u, err := url.Parse(link)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
