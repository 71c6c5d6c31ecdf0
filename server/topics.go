package server

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/tickerwire/tickerwire/topic"
)

// taxonomy is what the API needs to know of the topic taxonomy.
type taxonomy struct {
	ids []string // topic ids, in taxonomy order
	// avIDs maps an Alpha Vantage topic name ("Economy - Monetary") to the
	// ids of the topics that map to it.
	avIDs map[string][]string
}

var defaultTaxonomy = sync.OnceValue(func() *taxonomy {
	t := &taxonomy{avIDs: map[string][]string{}}
	for _, d := range topic.Default().Taxonomy() {
		t.ids = append(t.ids, d.ID)
		if d.AlphaVantage != "" {
			t.avIDs[d.AlphaVantage] = append(t.avIDs[d.AlphaVantage], d.ID)
		}
	}
	return t
})

// topicID checks that s is a topic id of the taxonomy.
func (t *taxonomy) topicID(s string) (string, error) {
	id := strings.ToLower(s)
	if !slices.Contains(t.ids, id) {
		return "", fmt.Errorf("unknown topic %q (known: %s)", s, strings.Join(t.ids, ", "))
	}
	return id, nil
}

// avTopicParams maps the topic values of the Alpha Vantage topics
// parameter to the topic names its responses use.
var avTopicParams = map[string]string{
	"blockchain":               "Blockchain",
	"earnings":                 "Earnings",
	"ipo":                      "IPO",
	"mergers_and_acquisitions": "Mergers & Acquisitions",
	"financial_markets":        "Financial Markets",
	"economy_fiscal":           "Economy - Fiscal",
	"economy_monetary":         "Economy - Monetary",
	"economy_macro":            "Economy - Macro",
	"energy_transportation":    "Energy & Transportation",
	"finance":                  "Finance",
	"life_sciences":            "Life Sciences",
	"manufacturing":            "Manufacturing",
	"real_estate":              "Real Estate & Construction",
	"retail_wholesale":         "Retail & Wholesale",
	"technology":               "Technology",
}

// parseAVTopic reads one value of the Alpha Vantage topics parameter and
// returns the Alpha Vantage topic name.
func parseAVTopic(s string) (string, error) {
	if name, ok := avTopicParams[strings.ToLower(s)]; ok {
		return name, nil
	}
	known := make([]string, 0, len(avTopicParams))
	for k := range avTopicParams {
		known = append(known, k)
	}
	slices.Sort(known)
	return "", fmt.Errorf("unknown topic %q (known: %s)", s, strings.Join(known, ", "))
}
