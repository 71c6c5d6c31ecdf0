// Package article holds the two types at the centre of Tickerwire: an Article
// (what came in) and an Analysis (what the engine found in it). Every stage of
// the pipeline reads or fills these types; none of them knows about storage,
// HTTP or the command line.
package article

import "time"

// Article is one news item after extraction: clean text plus the metadata
// that time series, alerts and deduplication depend on. The zero value is an
// empty article; Body may be empty when only a title is known (a headline).
type Article struct {
	// ID is a stable identifier chosen by the caller (for example the
	// content hash or the id of a JSON line); it may be empty.
	ID string `json:"id,omitempty"`
	// URL is where the article was read from; CanonicalURL is the page's own
	// rel=canonical or og:url, resolved against URL.
	URL          string `json:"url,omitempty"`
	CanonicalURL string `json:"canonical_url,omitempty"`
	Title        string `json:"title"`
	// Body is the article text: paragraphs separated by a blank line ("\n\n"),
	// without navigation, related links, comments or author bios.
	Body     string `json:"body"`
	Author   string `json:"author,omitempty"`
	Site     string `json:"site,omitempty"`
	Language string `json:"language,omitempty"`
	// Published is the publication time with its zone, or zero when unknown.
	// It is never later than Fetched when Fetched is set.
	Published time.Time `json:"published,omitempty"`
	// PublishedFrom names the evidence for Published: "json-ld", "meta",
	// "time-element", "url", "text" or "" when unknown.
	PublishedFrom string `json:"published_from,omitempty"`
	// Fetched is when the raw input was read (zero for text given directly).
	Fetched time.Time `json:"fetched,omitempty"`
}

// Text returns the title and body as one text, title first, separated by a
// blank line, which is how the analysis stages see an article.
func (a Article) Text() string {
	switch {
	case a.Title == "":
		return a.Body
	case a.Body == "":
		return a.Title
	}
	return a.Title + "\n\n" + a.Body
}

// Analysis is everything the engine found in one article. Scores are in
// [-1, 1]; relevances are in [0, 1]. Slices are sorted as documented on each
// field and are never shared with other analyses.
type Analysis struct {
	Article Article `json:"article"`
	// Summary holds 2-4 sentences of the article, in article order.
	Summary []string `json:"summary"`
	// Sentiment is the overall tone of the article.
	Sentiment Score `json:"sentiment"`
	// Tickers are the securities the article mentions, most relevant first.
	Tickers []TickerSentiment `json:"tickers"`
	// Topics are the topics and events detected, most relevant first.
	Topics []Topic `json:"topics"`
	// Sentences are the scored sentences of the article in order.
	Sentences []Sentence `json:"sentences"`
	// MostPositive and MostNegative index into Sentences; -1 when no sentence
	// is positive (respectively negative).
	MostPositive int `json:"most_positive"`
	MostNegative int `json:"most_negative"`
	// Model names the versions of the models that produced the analysis, so
	// stored analyses can be redone after an upgrade.
	Model string `json:"model"`
}

// Score is a sentiment score with its label and explanation.
type Score struct {
	// Value is in [-1, 1]: -1 most negative, 0 neutral, 1 most positive.
	Value float64 `json:"score"`
	Label Label   `json:"label"`
	// Drivers are the phrases that moved the score, largest |Weight| first.
	Drivers []Driver `json:"drivers,omitempty"`
}

// NewScore returns a Score for v (clamped to [-1, 1]) with its label.
func NewScore(v float64, drivers []Driver) Score {
	v = Clamp(v)
	return Score{Value: v, Label: LabelOf(v), Drivers: drivers}
}

// Driver is one phrase that moved a score, with its signed contribution.
type Driver struct {
	Phrase string  `json:"phrase"`
	Weight float64 `json:"weight"`
}

// TickerSentiment is what an article says about one security.
type TickerSentiment struct {
	Ticker string `json:"ticker"`
	Name   string `json:"name"`
	// Relevance in [0, 1]: how central the security is to the article.
	Relevance float64 `json:"relevance"`
	Sentiment Score   `json:"sentiment"`
	// Mentions counts the references to the security, including resolved
	// "the company" / "it" references.
	Mentions int `json:"mentions"`
	// Surfaces are the distinct forms seen in the text ("AWS", "Andy Jassy"),
	// most frequent first.
	Surfaces []string `json:"surfaces"`
}

// Topic is a topic or event with its relevance to the article.
type Topic struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Relevance float64 `json:"relevance"`
}

// Sentence is one scored sentence of the article.
type Sentence struct {
	Index int    `json:"index"`
	Text  string `json:"text"`
	// Score is the sentence's sentiment in [-1, 1].
	Score float64 `json:"score"`
	// Tickers are the securities the sentence is about (explicitly or by
	// reference), in order of appearance.
	Tickers []string `json:"tickers,omitempty"`
}

// Label is a sentiment class.
type Label string

// The five labels and their thresholds on a score in [-1, 1].
const (
	StronglyNegative Label = "strongly negative" // score <= -0.35
	Negative         Label = "negative"          // score <= -0.15
	Neutral          Label = "neutral"
	Positive         Label = "positive"          // score >= 0.15
	StronglyPositive Label = "strongly positive" // score >= 0.35
)

// LabelOf maps a score in [-1, 1] to its label.
func LabelOf(v float64) Label {
	switch {
	case v <= -0.35:
		return StronglyNegative
	case v <= -0.15:
		return Negative
	case v >= 0.35:
		return StronglyPositive
	case v >= 0.15:
		return Positive
	}
	return Neutral
}

// Clamp limits v to [-1, 1].
func Clamp(v float64) float64 {
	switch {
	case v < -1:
		return -1
	case v > 1:
		return 1
	}
	return v
}
