package entity

import (
	"math"
	"slices"
	"sort"
)

// Kinds of mentions.
const (
	KindName       = "name"       // the company's name ("Amazon", "Amazon.com Inc")
	KindAlias      = "alias"      // another name of the company itself
	KindBrand      = "brand"      // "AWS", "Prime Video"
	KindProduct    = "product"    // "Trainium"
	KindSubsidiary = "subsidiary" // "Whole Foods Market"
	KindPerson     = "person"     // "Andy Jassy", later "Jassy"
	KindCashtag    = "cashtag"    // "$AMZN"
	KindTicker     = "ticker"     // a bare "AMZN" in company context
	KindExchange   = "exchange"   // "NASDAQ: AMZN"
	KindReference  = "reference"  // "the company", "it", "its" resolved to a ticker
)

// Links is what Link found in a document.
type Links struct {
	// Tickers holds one entry per linked security, by relevance
	// (descending), then ticker.
	Tickers []TickerLinks
	// Mentions are all mentions, references included, in text order.
	Mentions []Mention
}

// TickerLinks sums up the mentions of one security.
type TickerLinks struct {
	Ticker string
	Name   string
	// Relevance is in [0, 1], rounded to 0.001: about 0.9 and above for
	// the subject of the article, 0.1-0.3 for a passing mention (formula
	// in doc.go).
	Relevance float64
	// Mentions counts all mentions, references ("the company") included.
	Mentions int
	// Surfaces are the distinct forms of the direct mentions as written,
	// most frequent first (ties: first seen first); references are left
	// out.
	Surfaces []string
}

// Mention is one mention of a security.
type Mention struct {
	Ticker string
	// Sentence indexes the sentences given to Link; Start and End are
	// token indices [Start, End) within that sentence's Tokens.
	Sentence, Start, End int
	// Surface is the text of the mention as written ("Amazon's" gives
	// "Amazon"; "NASDAQ: AMZN" is kept whole).
	Surface string
	// Kind is one of the Kind* constants.
	Kind string
}

// SentenceTickers returns the tickers mentioned in sentence i, references
// included, sorted and without repeats; nil when there are none.
func (l Links) SentenceTickers(i int) []string {
	ms := l.Mentions
	lo := sort.Search(len(ms), func(k int) bool { return ms[k].Sentence >= i })
	var out []string
	for k := lo; k < len(ms) && ms[k].Sentence == i; k++ {
		if !slices.Contains(out, ms[k].Ticker) {
			out = append(out, ms[k].Ticker)
		}
	}
	sort.Strings(out)
	return out
}

// Weights of the relevance formula (doc.go).
const (
	weightFirst     = 3.0 // the first sentence: the title, or the opening line
	weightLeadPara  = 2.0 // the rest of paragraph 0
	weightLead      = 1.5 // sentences 1-3
	weightBody      = 1.0
	saturation      = 1.0 // raw weight at which presence reaches 1-1/e
	dominanceFloor  = 3.0 // raw weight a ticker needs to count as fully dominant
	relevanceFloor  = 0.1
	referenceWeight = 0.6
)

// kindWeight weighs a mention by how directly it names the company.
func kindWeight(kind string) float64 {
	switch kind {
	case KindBrand, KindProduct, KindSubsidiary:
		return 0.8
	case KindPerson:
		return 0.7
	case KindReference:
		return referenceWeight
	}
	return 1
}

// positionWeight weighs a mention by where its sentence is.
func positionWeight(sentence, para int) float64 {
	switch {
	case sentence == 0:
		return weightFirst
	case para == 0:
		return weightLeadPara
	case sentence <= 3:
		return weightLead
	}
	return weightBody
}

// relevance maps a ticker's raw weight and the largest raw weight of the
// document to [0, 1].
func relevance(raw, maxRaw float64) float64 {
	share := raw / math.Max(maxRaw, dominanceFloor)
	presence := 1 - math.Exp(-raw/saturation)
	return math.Min(1, relevanceFloor+(1-relevanceFloor)*share*presence)
}
