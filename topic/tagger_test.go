package topic

import (
	"slices"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/text"
)

func ids(ts []article.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func TestTagFindsTopicsOfSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // must all be among the topics found
		not  []string // must not be found
	}{
		{"beat and raise is earnings and guidance", "Nvidia beat estimates and raised guidance", []string{"earnings", "guidance"}, []string{"layoffs_restructuring"}},
		{"rate hold is central banks", "The Fed held rates steady", []string{"interest_rates"}, []string{"earnings"}},
		{"own chips are custom silicon", "Amazon's Trainium chips will train Anthropic's next AI models", []string{"custom_silicon", "semiconductors", "ai"}, nil},
		{"job cuts are layoffs", "Intel will cut 15% of its workforce in a sweeping restructuring", []string{"layoffs_restructuring"}, []string{"dividends_buybacks"}},
		{"ceo exit is a management change", "Boeing's chief executive steps down as the board names a successor", []string{"management_changes"}, nil},
		{"takeover bid is M&A", "Chevron agreed to acquire Hess in an all-stock deal", []string{"mergers_acquisitions"}, nil},
		{"dividend raise", "Coca-Cola raised its quarterly dividend and announced a $10 billion share repurchase", []string{"dividends_buybacks"}, nil},
		{"downgrade is an analyst rating", "Morgan Stanley downgraded Tesla to underweight and cut its price target", []string{"analyst_ratings"}, nil},
		{"tariffs are trade", "New tariffs on Chinese imports hit retailers", []string{"trade_tariffs"}, nil},
		{"cpi is inflation", "Consumer prices rose 0.4% in March as core inflation stayed sticky", []string{"inflation"}, nil},
		{"oil is energy", "Brent crude rose after OPEC extended output cuts", []string{"energy"}, nil},
		{"bitcoin is crypto", "Bitcoin topped $100,000 as stablecoin bills advanced", []string{"crypto"}, nil},
		{"chapter 11 is bankruptcy", "The retailer filed for Chapter 11 bankruptcy protection", []string{"bankruptcy_debt"}, nil},
		{"breach is cybersecurity", "Hackers breached the insurer's systems in a ransomware attack", []string{"cybersecurity"}, nil},
		{"unrelated text has no topic", "The weather was pleasant in the park on Sunday", nil, []string{"earnings", "ai", "energy"}},
	}
	tg := Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ids(tg.Tag(text.Split(tc.text)))
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Tag(%q) = %v, want %s among them", tc.text, got, w)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(got, n) {
					t.Errorf("Tag(%q) = %v, want no %s", tc.text, got, n)
				}
			}
		})
	}
}

func tokens(s string) []text.Token { return text.Tokenize(s) }

func TestAlphaVantageKeepsBestRelevancePerTopic(t *testing.T) {
	in := []article.Topic{
		{ID: "ai", Relevance: 0.6}, {ID: "custom_silicon", Relevance: 0.9},
		{ID: "earnings", Relevance: 0.7}, {ID: "layoffs_restructuring", Relevance: 0.8},
		{ID: "no_such_topic", Relevance: 1},
	}
	got := Default().AlphaVantage(in)
	want := []AVTopic{{"Technology", 0.9}, {"Earnings", 0.7}}
	if !slices.Equal(got, want) {
		t.Errorf("AlphaVantage(%v) = %v, want %v", in, got, want)
	}
}

func TestTaxonomyReturnsACopy(t *testing.T) {
	tg := Default()
	defs := tg.Taxonomy()
	defs[0].Cues[0].Weight = 0
	defs[0].ID = "changed"
	if again := tg.Taxonomy(); again[0].ID == "changed" || again[0].Cues[0].Weight == 0 {
		t.Error("changing the result of Taxonomy changed the tagger's taxonomy")
	}
}

func TestTagRanksTheSubjectOfShortArticlesHigh(t *testing.T) {
	tests := []struct {
		name, doc, first string
		absent           []string
	}{
		{
			"layoffs story with a passing mention of the Fed",
			"Meta to cut 5% of staff in new round of layoffs\n\n" +
				"Meta Platforms will lay off about 3,600 employees, its chief executive told staff in a memo on Tuesday. " +
				"The job cuts target low performers across the company.\n\n" +
				"The company said severance would be paid in full. Analysts expect further restructuring in the metaverse unit.\n\n" +
				"Separately, the stock was little changed.",
			"layoffs_restructuring", []string{"dividends_buybacks", "crypto"},
		},
		{
			"central bank decision",
			"ECB holds rates, signals cuts later this year\n\n" +
				"The European Central Bank kept its deposit rate at 4% on Thursday. President Christine Lagarde said policymakers " +
				"needed more evidence that inflation was returning to target before lowering borrowing costs.\n\n" +
				"Bond yields fell after the decision.",
			"interest_rates", []string{"earnings", "layoffs_restructuring"},
		},
		{
			"custom chip deal",
			"Broadcom wins custom AI accelerator order from OpenAI\n\n" +
				"Broadcom will design and build custom accelerators for OpenAI, the companies said, deepening a trend of cloud and AI " +
				"companies designing their own silicon instead of buying Nvidia GPUs.\n\n" +
				"The chips will be made by TSMC on a 3nm process.",
			"custom_silicon", []string{"bankruptcy_debt"},
		},
	}
	tg := Default()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tg.Tag(text.Split(tc.doc))
			if i := slices.Index(ids(got), tc.first); i < 0 || i > 1 {
				t.Fatalf("Tag = %v, want %s among the first two", got, tc.first)
			}
			for _, a := range tc.absent {
				if slices.Contains(ids(got), a) {
					t.Errorf("Tag = %v, want no %s", got, a)
				}
			}
		})
	}
}

func TestTagWeighsTitleAboveBody(t *testing.T) {
	filler := "The company makes kitchen appliances in Ohio.\n\n"
	inTitle := "Whirlpool faces class action lawsuit\n\n" + strings.Repeat(filler, 8)
	inBody := "Whirlpool update\n\n" + strings.Repeat(filler, 8) + "Whirlpool faces class action lawsuit.\n\n"
	rel := func(doc string) float64 {
		for _, tp := range Default().Tag(text.Split(doc)) {
			if tp.ID == "litigation" {
				return tp.Relevance
			}
		}
		return 0
	}
	if a, b := rel(inTitle), rel(inBody); a <= b {
		t.Errorf("litigation relevance with the cue in the title = %v, in the body = %v; want title higher", a, b)
	}
}
