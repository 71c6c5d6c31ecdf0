package entity

import (
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

// mentionsOf links doc and returns "TICKER kind surface" for each mention.
func mentionsOf(t *testing.T, doc string) []string {
	t.Helper()
	var out []string
	for _, m := range Default().Link(text.Split(doc)).Mentions {
		out = append(out, m.Ticker+" "+m.Kind+" "+m.Surface)
	}
	return out
}

func TestCashtagsAndExchangeFormsLink(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"cashtag", "$AMZN and $nvda rallied.", []string{"AMZN cashtag $AMZN", "NVDA cashtag $nvda"}},
		{"class share cashtag", "$BRK.B hit a record.", []string{"BRK-B cashtag $BRK.B"}},
		{"share class folds to primary", "$GOOG rose.", []string{"GOOGL cashtag $GOOG"}},
		{"unknown cashtag", "$ZZQXW doubled.", nil},
		{"exchange form with space", "Widget maker (NASDAQ: AMZN) rose.", []string{"AMZN exchange NASDAQ: AMZN"}},
		{"exchange form without space", "the carmaker (NYSE:F) said", []string{"F exchange NYSE:F"}},
		{"two-word exchange", "listed on NYSE Arca: SPY today", []string{"SPY exchange NYSE Arca: SPY"}},
		{"foreign exchange links nothing", "BRP Inc. (TSE:DOO) earns top returns, up 5%", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mentionsOf(t, tt.doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mentions of %q = %q, want %q", tt.doc, got, tt.want)
			}
		})
	}
}

// text.Split ends a sentence at the dot of "BRK.B"; within one sentence
// the linker reads the class letter.
func TestClassLetterAfterDotJoinsTicker(t *testing.T) {
	doc := "Berkshire (NYSE: BRK.B) and BRK.A shares rose."
	sents := []text.Sentence{{Text: doc, End: len(doc), Tokens: text.Tokenize(doc)}}
	var got []string
	for _, m := range Default().Link(sents).Mentions {
		got = append(got, m.Ticker+" "+m.Kind+" "+m.Surface)
	}
	want := []string{"BRK-B alias Berkshire", "BRK-B exchange NYSE: BRK.B", "BRK-B ticker BRK.A"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mentions = %q, want %q", got, want)
	}
}

func TestBareTickersNeedCapitalsContextAndNoCommonWord(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"with cue", "AMZN shares rose 2% on Friday.", []string{"AMZN"}},
		{"in parentheses", "Microsoft (MSFT) and the rest of the sector.", []string{"MSFT"}},
		{"vouched by a name", "Nvidia led the sector. Traders bought NVDA into the close.", []string{"NVDA"}},
		{"no context", "I think about GME a lot.", nil},
		{"lower case", "amzn shares rose 2%.", nil},
		{"IT is a word", "IT spending rose 5% this year.", nil},
		{"ALL is a word", "ALL of the stocks fell 3%.", nil},
		{"ON is a word", "Stocks were ON the rise, up 3%.", nil},
		{"A is too short", "A shares fell 3%.", nil},
		{"abbreviation", "The CEO said EPS rose 4%.", nil},
		{"shouting headline", "STOCKS RALLY AS TECH SHARES SOAR 5%", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := linkedTickers(t, tt.doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tickers of %q = %q, want %q", tt.doc, got, tt.want)
			}
		})
	}
}

func TestPossessivesAndSuffixes(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"possessive", "Amazon's cloud grew.", []string{"AMZN name Amazon"}},
		{"curly possessive", "Nvidia’s chips sold out.", []string{"NVDA name Nvidia"}},
		{"name ending in 's", "McDonald's raised prices.", []string{"MCD name McDonald's"}},
		{"person possessive", "Jensen Huang's keynote ran long.", []string{"NVDA person Jensen Huang"}},
		{"corporate suffix joins the name", "Amazon.com, Inc. reported results.", []string{"AMZN name Amazon.com, Inc"}},
		{"longest form wins", "Amazon Web Services signed a deal.", []string{"AMZN brand Amazon Web Services"}},
		{"capitals required for abbreviations", "The aws team and the GE board.", []string{"GE alias GE"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mentionsOf(t, tt.doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mentions of %q = %q, want %q", tt.doc, got, tt.want)
			}
		})
	}
}

func TestSECOnlyIssuersLinkByFullCapitalisedName(t *testing.T) {
	tests := []struct {
		doc  string
		want []string
	}{
		{"Titan Machinery reported a wider loss.", []string{"TITN"}},
		{"The titan machinery of the state rolled on.", nil},
		{"Titan rose.", nil},
		{"Apple Hospitality REIT raised its payout.", []string{"APLE"}},
		{"Smart Sand reported a wider loss.", []string{"SND"}},
		{"Smart Sand Ideas for Your Garden This Summer", nil},
		{"Smart Sand Shares Jump 20% on New Contract", []string{"SND"}},
	}
	for _, tt := range tests {
		if got := linkedTickers(t, tt.doc); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tickers of %q = %q, want %q", tt.doc, got, tt.want)
		}
	}
}

func TestSurnameLinksOnlyAfterFullName(t *testing.T) {
	if got := linkedTickers(t, "Jassy said demand was strong."); len(got) != 0 {
		t.Errorf("lone surname linked: %v", got)
	}
	got := mentionsOf(t, "Andy Jassy spoke first. Later, Jassy said demand was strong.")
	want := []string{"AMZN person Andy Jassy", "AMZN person Jassy"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("mentions = %q, want %q", got, want)
	}
}

func TestCoreferenceResolvesToTheClearReferent(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string // reference mentions as "sentence ticker surface"
	}{
		{"the chipmaker and its", "Nvidia reported record revenue. The chipmaker said demand was strong. Its shares rose 5%.",
			[]string{"1 NVDA The chipmaker", "2 NVDA Its"}},
		{"it as subject", "Ford cut its forecast. It blamed tariffs.", []string{"1 F It"}},
		{"two sentences back", "Walmart raised its outlook. Markets were calm. The retailer also lifted its dividend.",
			[]string{"2 WMT The retailer", "2 WMT its"}},
		{"not three sentences back", "Walmart raised its outlook. Markets were calm. Bonds fell. The company also lifted its dividend.", nil},
		{"sector must fit", "Nvidia reported record revenue. The bank said rates would fall.", nil},
		{"two companies: unclear", "Microsoft and Apple reported results. The company said margins rose.", nil},
		{"dummy it", "Nvidia reported record revenue. It is unclear whether demand will last.", nil},
		{"object it", "Nvidia reported record revenue. Investors loved it.", nil},
		{"IT is an abbreviation", "Nvidia reported record revenue. IT budgets grew.", nil},
		{"other company", "Intel reported a loss. The rival company gained share.", nil},
		{"sentence with its own mention", "Apple rose 2%. Microsoft said its cloud grew.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range Default().Link(text.Split(tt.doc)).Mentions {
				if m.Kind == KindReference {
					got = append(got, string(rune('0'+m.Sentence))+" "+m.Ticker+" "+m.Surface)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("references in %q = %q, want %q", tt.doc, got, tt.want)
			}
		})
	}
}

func TestCoreferenceFollowsTheDominantCompany(t *testing.T) {
	doc := "Amazon beats estimates as AWS growth accelerates\n\n" +
		"Amazon said revenue rose 13%. Andy Jassy credited AWS and its Trainium chips, which Microsoft also tests. " +
		"The company expects more growth."
	var got []string
	for _, m := range Default().Link(text.Split(doc)).Mentions {
		if m.Kind == KindReference {
			got = append(got, m.Ticker+" "+m.Surface)
		}
	}
	if want := []string{"AMZN The company"}; !reflect.DeepEqual(got, want) {
		t.Errorf("references = %q, want %q", got, want)
	}
}

func TestRelevanceRanksSubjectAbovePassingMentions(t *testing.T) {
	doc := "Nvidia shares jump after record quarter\n\n" +
		"Nvidia reported record revenue on Wednesday as demand for its chips kept growing. " +
		"The chipmaker said data center sales doubled. Chief executive Jensen Huang said Blackwell demand was strong.\n\n" +
		"Analysts said the results would lift the sector. Shares of rival AMD rose 1%, and Apple was flat. " +
		"Nvidia's shares have tripled in a year."
	links := Default().Link(text.Split(doc))
	rel := map[string]float64{}
	for _, tl := range links.Tickers {
		rel[tl.Ticker] = tl.Relevance
	}
	if links.Tickers[0].Ticker != "NVDA" || rel["NVDA"] < 0.9 {
		t.Errorf("subject: %+v", links.Tickers)
	}
	for _, passing := range []string{"AMD", "AAPL"} {
		if r := rel[passing]; r < 0.1 || r > 0.3 {
			t.Errorf("%s relevance %.2f, want a passing mention in [0.1, 0.3]", passing, r)
		}
	}
	if !slices.IsSortedFunc(links.Tickers, func(a, b TickerLinks) int {
		if a.Relevance != b.Relevance {
			return map[bool]int{true: -1, false: 1}[a.Relevance > b.Relevance]
		}
		return map[bool]int{true: -1, false: 1}[a.Ticker < b.Ticker]
	}) {
		t.Errorf("tickers not sorted by relevance then ticker: %+v", links.Tickers)
	}
}

func TestRelevanceOfHeadlineSubject(t *testing.T) {
	links := Default().Link(text.Split("Microsoft to cut 6,000 jobs"))
	if len(links.Tickers) != 1 || links.Tickers[0].Relevance < 0.9 {
		t.Errorf("links = %+v", links.Tickers)
	}
}

func TestTickerSurfacesAndCounts(t *testing.T) {
	links := Default().Link(text.Split("AWS grew. Amazon said AWS margins rose. The company hired. $AMZN rose 2%."))
	got := links.Tickers[0]
	want := TickerLinks{Ticker: "AMZN", Name: "Amazon", Relevance: got.Relevance, Mentions: 5, Surfaces: []string{"AWS", "Amazon", "$AMZN"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestSentenceTickersIncludeReferences(t *testing.T) {
	links := Default().Link(text.Split("Apple and Microsoft rose. Walmart fell. The retailer cut jobs. Markets closed."))
	want := [][]string{{"AAPL", "MSFT"}, {"WMT"}, {"WMT"}, nil}
	for i, w := range want {
		if got := links.SentenceTickers(i); !reflect.DeepEqual(got, w) {
			t.Errorf("SentenceTickers(%d) = %q, want %q", i, got, w)
		}
	}
}

func TestLinkEmptyInput(t *testing.T) {
	if got := Default().Link(nil); len(got.Tickers) != 0 || len(got.Mentions) != 0 {
		t.Errorf("Link(nil) = %+v", got)
	}
	if got := Default().Link(text.Split("Nothing to see here.")); len(got.Tickers) != 0 {
		t.Errorf("got %+v", got)
	}
}

func TestLinkIsSafeForConcurrentUse(t *testing.T) {
	sents := text.Split("Amazon said AWS grew 20%. The company hired 5,000 people. $NVDA fell.")
	want := Default().Link(sents)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := Default().Link(sents); !reflect.DeepEqual(got, want) {
					t.Error("concurrent Link gave a different result")
					return
				}
			}
		})
	}
	wg.Wait()
}
