package entity

import (
	"slices"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

// linkedTickers links doc with the default linker and returns the tickers
// of its mentions, in text order, without repeats.
func linkedTickers(t *testing.T, doc string) []string {
	t.Helper()
	var out []string
	for _, m := range Default().Link(text.Split(doc)).Mentions {
		if !slices.Contains(out, m.Ticker) {
			out = append(out, m.Ticker)
		}
	}
	return out
}

func TestAmbiguousNamesLinkOnlyInCompanySense(t *testing.T) {
	tests := []struct {
		name   string
		doc    string
		ticker string
		want   bool
	}{
		{"Apple with stock cue", "Apple shares rose 3% after the iPhone maker reported record revenue.", "AAPL", true},
		{"Apple with analysts", "Analysts expect Apple to unveil a cheaper laptop next month.", "AAPL", true},
		{"apple pie", "She baked an apple pie for the county fair.", "AAPL", false},
		{"Apple orchards at sentence start", "Apple orchards in Washington state had a record harvest, up 12%.", "AAPL", false},
		{"the Big Apple", "Hotel occupancy in the Big Apple rose 4% this summer.", "AAPL", false},

		{"Blue Moon lander in a contracts story", "NASA awarded contracts worth $2.6 billion to companies including Blue Origin, whose Blue Moon lander will carry cargo.", "TAP", false},
		{"Blue Moon with its brewer named", "Molson Coors said Blue Moon sales rose 4% in the quarter.", "TAP", true},
		{"USB port", "The laptop has two USB ports and sells at retail for $1,299.", "USB", false},
		{"abbreviation in parentheses", "NASA expanded its Commercial Lunar Payload Services (CLPS) program to five more companies.", "CLPS", false},
		{"company in a list of clients", "The ad platform's clients include Ford, Macy's and Kohl's.", "F", true},

		{"a person's surname", "Lawmakers questioned Jennifer Williams, a top national security aide, in the morning session.", "WMB", false},
		{"an actor", "Harrison Ford will star in the studio's new series, which boosted its shares.", "F", false},
		{"the pipeline company", "Williams Companies raised its dividend as pipeline volumes rose.", "WMB", true},
		{"sentence-initial preposition", "For Target, the holiday quarter will decide the year, analysts said.", "TGT", true},

		{"Target cuts forecast", "Target cut its annual sales forecast on Wednesday.", "TGT", true},
		{"Target as subject", "Target said it would close nine stores in three cities.", "TGT", true},
		{"price target", "Morgan Stanley raised its price target on Nvidia to $200.", "TGT", false},
		{"target of a campaign", "The company became the target of an activist campaign.", "TGT", false},
		{"inflation target", "Fed Keeps 2% Inflation Target as Prices Cool", "TGT", false},
		{"on target", "Analysts said the cost plan is On Target for the quarter.", "TGT", false},
		{"Price Target in a title-case headline", "Goldman Raises Apple Price Target to $300", "TGT", false},

		{"Gap shares", "Gap shares jumped 8% after Old Navy sales beat estimates.", "GAP", true},
		{"gap between", "The gap between rich and poor is widening.", "GAP", false},
		{"Gap Between at sentence start", "Gap between two-year and ten-year yields widened 5 basis points.", "GAP", false},
		{"widening gap", "A widening gap in bond yields worried investors.", "GAP", false},

		{"Visa dividend", "Visa reported higher payment volumes and raised its dividend.", "V", true},
		{"work visa", "Her Work Visa application was rejected, the company said.", "V", false},
		{"visa applications", "Visa applications from students fell 10% this year.", "V", false},
		{"visa at the embassy", "He waited six weeks for a Visa at the embassy in Delhi.", "V", false},

		{"Oracle shares", "Oracle shares soared after its cloud backlog jumped.", "ORCL", true},
		{"Oracle of Omaha", "The Oracle of Omaha said he would keep buying stocks.", "ORCL", false},

		{"Meta spending", "Meta is spending billions on data centers, Zuckerberg said.", "META", true},
		{"meta-analysis", "A meta-analysis of 40 studies found no effect on revenue.", "META", false},
		{"Meta Analysis in title case", "New Meta Analysis Finds Coffee Lowers Risk by 10%", "META", false},

		{"Block payments company", "Block, the payments company led by Jack Dorsey, cut 900 jobs.", "XYZ", true},
		{"Block shares", "Block shares fell after Cash App growth slowed.", "XYZ", true},
		{"a block of shares", "A block of 2 million shares changed hands at midday.", "XYZ", false},
		{"block trade", "The fund sold its stake in a Block Trade worth $300 million.", "XYZ", false},

		{"Snap earnings", "Snap shares plunged 20% after the Snapchat owner missed estimates.", "SNAP", true},
		{"snap election", "The prime minister called a Snap Election for March.", "SNAP", false},
		{"SNAP benefits", "Officials warned that SNAP benefits worth $8 billion could lapse.", "SNAP", false},
		{"snap decision", "It was a snap decision, not a plan.", "SNAP", false},

		{"Ford with a brand", "Ford recalled 500,000 F-150 trucks, the automaker said.", "F", true},
		{"Ford recall", "Ford recalls 100,000 pickup trucks over a brake defect.", "F", true},
		{"Ford profit forecast", "Ford shares rose after the company raised its profit forecast.", "F", true},
		{"Harrison Ford", "Harrison Ford stars in the new film, which earned $40 million.", "F", false},
		{"Ford Foundation", "The Ford Foundation awarded grants worth $20 million to 40 charities.", "F", false},

		{"Amazon hiring", "Amazon said it would hire 250,000 seasonal workers.", "AMZN", true},
		{"Amazon possessive", "Amazon's cloud revenue grew 20% in the quarter.", "AMZN", true},
		{"Amazon river", "The Amazon River carries a fifth of the world's fresh water.", "AMZN", false},
		{"Amazon deforestation", "Deforestation in the Amazon rose 30% last year.", "AMZN", false},
		{"Amazon rainforest title case", "Amazon Rainforest Fires Spread as Drought Deepens", "AMZN", false},

		{"lower-case never links", "we bought an apple, a visa and a target for the gap.", "AAPL", false},
		{"unambiguous mention vouches for ambiguous one", "Tim Cook spoke in Cupertino. Later, Apple hosted developers.", "AAPL", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linkedTickers(t, tt.doc)
			if slices.Contains(got, tt.ticker) != tt.want {
				t.Errorf("Link(%q) = %v; want %s linked: %v", tt.doc, got, tt.ticker, tt.want)
			}
		})
	}
}

func TestPersonNicknameBeatsExclusionOfAnotherCompany(t *testing.T) {
	got := linkedTickers(t, "The Oracle of Omaha said Berkshire would keep its stake.")
	if !slices.Contains(got, "BRK-B") || slices.Contains(got, "ORCL") {
		t.Errorf("got %v, want BRK-B and not ORCL", got)
	}
}
