package alert

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// Schema names the JSON form of an Alert.
const Schema = "tickerwire.alert/v1"

// Alert is a rule that fired for one ticker on one article, with why: the
// rule, the values of every variable, the article and the sentences that
// drove it. Its JSON is what webhooks receive and the stream carries.
type Alert struct {
	Schema string `json:"schema"`
	// ID is derived from the rule, the ticker and the story cluster, so
	// every copy of one story gives the same ID; it is the webhook's
	// Idempotency-Key.
	ID     string    `json:"id"`
	Rule   RuleRef   `json:"rule"`
	Ticker string    `json:"ticker"`
	Name   string    `json:"name,omitempty"`
	Fired  time.Time `json:"fired"`
	// Acked is when the alert was acknowledged (listings only).
	Acked   *time.Time `json:"acked,omitempty"`
	Article ArticleRef `json:"article"`
	// Values are the variables the condition saw.
	Values Variables `json:"values"`
	// Sentences are the sentences about the ticker that weigh most in its
	// sentiment, strongest first (at most three).
	Sentences []article.Sentence `json:"sentences"`
}

// RuleRef names the rule of an alert.
type RuleRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	When string `json:"when"`
}

// ArticleRef names the article of an alert.
type ArticleRef struct {
	ID      int64     `json:"id"`
	Title   string    `json:"title"`
	URL     string    `json:"url,omitempty"`
	Site    string    `json:"site,omitempty"`
	Time    time.Time `json:"time"`
	Cluster int64     `json:"cluster,omitempty"`
	Summary []string  `json:"summary,omitempty"`
}

// alertID is the de-duplication key of rule, ticker and story: the
// article's cluster, or the article itself when it has none.
func alertID(rule, ticker string, st store.Stored) string {
	story := "c" + strconv.FormatInt(st.Cluster, 10)
	if st.Cluster == 0 {
		story = "a" + strconv.FormatInt(st.ID, 10)
	}
	h := sha256.Sum256([]byte(rule + "\x00" + ticker + "\x00" + story))
	return hex.EncodeToString(h[:10])
}

func articleRef(st store.Stored) ArticleRef {
	a := st.Article
	u := a.CanonicalURL
	if u == "" {
		u = a.URL
	}
	return ArticleRef{ID: st.ID, Title: a.Title, URL: u, Site: a.Site, Time: st.Time, Cluster: st.Cluster, Summary: st.Analysis.Summary}
}

// drivers returns up to three sentences about ticker whose scores lean
// the way its sentiment does, strongest first; the article's most
// negative or positive sentence when none mentions it.
func drivers(an *article.Analysis, ticker string, sentiment float64) []article.Sentence {
	var out []article.Sentence
	for _, s := range an.Sentences {
		if slices.Contains(s.Tickers, ticker) && s.Score != 0 && (s.Score < 0) == (sentiment < 0) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b article.Sentence) int {
		return compareFloat(math.Abs(b.Score), math.Abs(a.Score))
	})
	if len(out) > 3 {
		out = out[:3]
	}
	if len(out) == 0 {
		i := an.MostPositive
		if sentiment < 0 {
			i = an.MostNegative
		}
		if i >= 0 && i < len(an.Sentences) {
			out = append(out, an.Sentences[i])
		}
	}
	return out
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
