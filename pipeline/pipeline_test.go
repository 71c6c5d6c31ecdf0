package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/article"
)

func analyze(t *testing.T, title, body string) article.Analysis {
	t.Helper()
	an, err := Default().Analyze(context.Background(), article.Article{Title: title, Body: body})
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return an
}

func tickerSet(an article.Analysis) map[string]article.TickerSentiment {
	out := make(map[string]article.TickerSentiment)
	for _, t := range an.Tickers {
		out[t.Ticker] = t
	}
	return out
}

func TestAnalyzeDisambiguatesNamesThatAreWords(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
		not  []string
	}{
		{"apple the fruit", "Farmers expect a record apple harvest in Washington state this autumn.", nil, []string{"AAPL"}},
		{"apple the company", "Apple shares rose 3% after the iPhone maker reported strong sales in China.", []string{"AAPL"}, nil},
		{"amazon the river", "Drought has left stretches of the Amazon River too shallow for cargo barges.", nil, []string{"AMZN"}},
		{"target price", "Analysts raised their target price on the stock to $150.", nil, []string{"TGT"}},
		{"target the retailer", "Target cut its annual profit forecast as shoppers pulled back on discretionary items.", []string{"TGT"}, nil},
		{"visa the document", "Visa rules for foreign students will tighten next year, the ministry said.", nil, []string{"V"}},
		{"visa the network", "Visa Inc. reported higher payment volumes as cross-border travel recovered.", []string{"V"}, nil},
		{"ford the actor", "Harrison Ford will star in the sequel, the studio said.", nil, []string{"F"}},
		{"ford the automaker", "Ford recalls 100,000 pickup trucks over a brake defect.", []string{"F"}, nil},
		{"meta the prefix", "A meta-analysis of 40 studies found no link between the two.", nil, []string{"META"}},
		{"gap the word", "The gap between long and short yields narrowed this week.", nil, []string{"GAP"}},
		{"oracle of omaha", "The Oracle of Omaha has long preferred simple businesses.", nil, []string{"ORCL"}},
		{"brands and people", "AWS said Trainium demand doubled, Andy Jassy told analysts.", []string{"AMZN"}, nil},
		{"cashtag and exchange form", "$NVDA and Broadcom (NASDAQ: AVGO) led chip stocks higher.", []string{"NVDA", "AVGO"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tickerSet(analyze(t, "", tt.text))
			for _, w := range tt.want {
				if _, ok := got[w]; !ok {
					t.Errorf("missing %s in %v", w, keys(got))
				}
			}
			for _, n := range tt.not {
				if _, ok := got[n]; ok {
					t.Errorf("wrongly linked %s", n)
				}
			}
		})
	}
}

func keys(m map[string]article.TickerSentiment) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAnalyzeScoresEachTickerFromItsOwnClause(t *testing.T) {
	an := analyze(t, "", "Amazon beat estimates and raised its outlook, while Nvidia cut its full-year forecast after orders slumped.")
	got := tickerSet(an)
	if got["AMZN"].Sentiment.Value <= 0.15 {
		t.Errorf("AMZN sentiment %+.2f, want positive", got["AMZN"].Sentiment.Value)
	}
	if got["NVDA"].Sentiment.Value >= -0.15 {
		t.Errorf("NVDA sentiment %+.2f, want negative", got["NVDA"].Sentiment.Value)
	}
}

func TestAnalyzeFollowsTheCompanyReferences(t *testing.T) {
	an := analyze(t, "Acme update", "Target reported quarterly results on Tuesday. The company said comparable sales fell 4% and it cut its profit forecast.")
	tgt, ok := tickerSet(an)["TGT"]
	if !ok {
		t.Fatal("TGT not linked")
	}
	if tgt.Mentions < 2 {
		t.Errorf("mentions = %d, want the company reference counted", tgt.Mentions)
	}
	if tgt.Sentiment.Value >= -0.15 {
		t.Errorf("TGT sentiment %+.2f, want negative from the referring sentence", tgt.Sentiment.Value)
	}
}

func TestAnalyzeUnderstandsFinancialDirection(t *testing.T) {
	tests := []struct {
		sentence string
		positive bool
	}{
		{"Costs rose sharply in the quarter.", false},
		{"Revenue rose sharply in the quarter.", true},
		{"Losses narrowed in the quarter.", true},
		{"The company missed estimates and cut its guidance.", false},
		{"Analysts upgraded the stock to buy.", true},
		{"The company did not meet its sales target.", false},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			v := analyze(t, "", tt.sentence).Sentiment.Value
			if tt.positive && v < 0.15 || !tt.positive && v > -0.15 {
				t.Errorf("score %+.2f, want %s", v, map[bool]string{true: "positive", false: "negative"}[tt.positive])
			}
		})
	}
}

func TestAnalyzeExplainsScores(t *testing.T) {
	an := analyze(t, "", "Nvidia beat estimates and raised guidance.")
	if len(an.Sentiment.Drivers) == 0 {
		t.Fatal("no drivers for a clearly positive sentence")
	}
	for _, d := range an.Sentiment.Drivers {
		if d.Phrase == "" {
			t.Errorf("empty driver phrase: %+v", d)
		}
	}
}

func TestAnalyzeWithoutTextFails(t *testing.T) {
	_, err := Default().Analyze(context.Background(), article.Article{})
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("err = %v, want ErrNoText", err)
	}
}

func TestScoreTargetsByNameTickerAndAlias(t *testing.T) {
	r := Default().Score(context.Background(), "Glencore profit jumps on record copper prices while Amazon's AWS slows sharply", []string{"Glencore", "AMZN", "Tesla"})
	if g := r.Targets["Glencore"]; !g.Found || g.Score <= 0 {
		t.Errorf("Glencore (not in the security master) = %+v, want found and positive", g)
	}
	if a := r.Targets["AMZN"]; !a.Found || a.Ticker != "AMZN" {
		t.Errorf("AMZN found through its aliases = %+v", a)
	}
	if ts := r.Targets["Tesla"]; ts.Found {
		t.Errorf("Tesla is not in the text but was found: %+v", ts)
	}
	if !strings.Contains(tickersOf(r), "AMZN") {
		t.Errorf("tickers %s lack AMZN", tickersOf(r))
	}
}

func tickersOf(r ScoreResult) string {
	var b strings.Builder
	for _, t := range r.Tickers {
		b.WriteString(t.Ticker + " ")
	}
	return b.String()
}
