package server

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/store"
)

// articleView is an article as the JSON API returns it. Search results and
// stream events leave out the body and the scored sentences; GET
// /v1/articles/{id} has them.
type articleView struct {
	ID           int64         `json:"id"`
	State        store.State   `json:"state"`
	URL          string        `json:"url,omitempty"`
	CanonicalURL string        `json:"canonical_url,omitempty"`
	Title        string        `json:"title"`
	Body         string        `json:"body,omitempty"`
	Author       string        `json:"author,omitempty"`
	Site         string        `json:"site,omitempty"`
	Language     string        `json:"language,omitempty"`
	Published    *time.Time    `json:"published,omitempty"`
	Time         time.Time     `json:"time"`
	StoredAt     time.Time     `json:"stored_at"`
	SourceID     int64         `json:"source_id,omitempty"`
	ClusterID    int64         `json:"cluster_id,omitempty"`
	Analysis     *analysisView `json:"analysis"`
}

type analysisView struct {
	Summary   []string       `json:"summary"`
	Sentiment scoreView      `json:"sentiment"`
	Tickers   []tickerView   `json:"tickers"`
	Topics    []topicView    `json:"topics"`
	Sentences []sentenceView `json:"sentences,omitempty"`
	// MostPositive and MostNegative index Sentences; absent when no
	// sentence is positive (negative) and in search results.
	MostPositive *int   `json:"most_positive,omitempty"`
	MostNegative *int   `json:"most_negative,omitempty"`
	Model        string `json:"model"`
}

type scoreView struct {
	Score   float64          `json:"score"`
	Label   article.Label    `json:"label"`
	Drivers []article.Driver `json:"drivers,omitempty"`
}

type tickerView struct {
	Ticker    string    `json:"ticker"`
	Name      string    `json:"name,omitempty"`
	Relevance float64   `json:"relevance"`
	Sentiment scoreView `json:"sentiment"`
	Mentions  int       `json:"mentions"`
	// Novelty is in [0, 1]: 1 for the first story of an event about the
	// company; absent when unknown.
	Novelty  *float64 `json:"novelty,omitempty"`
	Surfaces []string `json:"surfaces,omitempty"`
}

type topicView struct {
	ID        string  `json:"id"`
	Name      string  `json:"name"`
	Relevance float64 `json:"relevance"`
}

type sentenceView struct {
	Index   int      `json:"index"`
	Text    string   `json:"text"`
	Score   float64  `json:"score"`
	Tickers []string `json:"tickers,omitempty"`
}

// viewOf returns the view of st; full adds the body and the sentences.
func viewOf(st store.Stored, full bool) articleView {
	a := st.Article
	v := articleView{
		ID: st.ID, State: st.State, URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title,
		Author: a.Author, Site: a.Site, Language: a.Language,
		Time: st.Time.UTC(), StoredAt: st.StoredAt.UTC(), SourceID: st.Source, ClusterID: st.Cluster,
	}
	if full {
		v.Body = a.Body
	}
	if !a.Published.IsZero() {
		p := a.Published
		v.Published = &p
	}
	if st.Analysis != nil {
		v.Analysis = analysisOf(*st.Analysis, st.Novelty, full)
	}
	return v
}

func analysisOf(an article.Analysis, novelty map[string]float64, full bool) *analysisView {
	v := &analysisView{
		Summary:   nonNil(an.Summary),
		Sentiment: scoreView{an.Sentiment.Value, an.Sentiment.Label, an.Sentiment.Drivers},
		Tickers:   make([]tickerView, len(an.Tickers)),
		Topics:    make([]topicView, len(an.Topics)),
		Model:     an.Model,
	}
	for i, t := range an.Tickers {
		v.Tickers[i] = tickerView{Ticker: t.Ticker, Name: t.Name, Relevance: t.Relevance,
			Sentiment: scoreView{t.Sentiment.Value, t.Sentiment.Label, t.Sentiment.Drivers},
			Mentions:  t.Mentions, Surfaces: t.Surfaces}
		if n, ok := novelty[t.Ticker]; ok {
			v.Tickers[i].Novelty = &n
		}
	}
	for i, t := range an.Topics {
		v.Topics[i] = topicView(t)
	}
	if full {
		for _, s := range an.Sentences {
			v.Sentences = append(v.Sentences, sentenceView(s))
		}
		v.MostPositive = sentenceIndex(an.MostPositive, len(an.Sentences))
		v.MostNegative = sentenceIndex(an.MostNegative, len(an.Sentences))
	}
	return v
}

func sentenceIndex(i, n int) *int {
	if i < 0 || i >= n {
		return nil
	}
	return &i
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// NewEvent returns the bus event of an analysed article: its tickers and
// topic ids for filtering, and as Data the JSON the search endpoint returns
// for it (no body, no sentences). It fails for an article not analysed.
func NewEvent(st store.Stored) (bus.Event, error) {
	if st.Analysis == nil {
		return bus.Event{}, fmt.Errorf("event of article %d: not analysed", st.ID)
	}
	data, err := json.Marshal(viewOf(st, false))
	if err != nil {
		return bus.Event{}, fmt.Errorf("event of article %d: %w", st.ID, err)
	}
	e := bus.Event{ID: st.ID, Data: data}
	for _, t := range st.Analysis.Tickers {
		e.Tickers = append(e.Tickers, t.Ticker)
	}
	for _, t := range st.Analysis.Topics {
		e.Topics = append(e.Topics, t.ID)
	}
	return e, nil
}
