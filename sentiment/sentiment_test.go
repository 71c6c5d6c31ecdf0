package sentiment

import (
	"math"
	"sync"
	"testing"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/text"
)

// class scores s with the embedded model and returns its class.
func sentenceClass(t *testing.T, s string) (int, Result) {
	t.Helper()
	r := Default().Sentence(text.Tokenize(s))
	return classOf(r.Score), r
}

func targetClass(t *testing.T, s, name string) (int, Result) {
	t.Helper()
	toks := text.Tokenize(s)
	start, end, ok := FindTarget(toks, name)
	if !ok {
		t.Fatalf("target %q not found in %q", name, s)
	}
	r := Default().Target(toks, start, end)
	return classOf(r.Score), r
}

func TestFinancialDirection(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
	}{
		{"costs rose is bad news", "Operating costs rose 12% in the second quarter.", ClassNegative},
		{"revenue rose is good news", "Revenue rose 12% in the second quarter.", ClassPositive},
		{"losses narrowed is good news", "Losses narrowed to $40 million from $95 million.", ClassPositive},
		{"losses widened is bad news", "Losses widened to $95 million from $40 million.", ClassNegative},
		{"margin narrowed is bad news", "The operating margin narrowed to 9.8% from 12.1%.", ClassNegative},
		{"debt cut is good news", "The company cut its net debt by $1.2 billion.", ClassPositive},
		{"guidance raised", "The company raised its full-year guidance.", ClassPositive},
		{"guidance cut", "Globex cuts its guidance for the year.", ClassNegative},
		{"beats estimates", "Globex beats quarterly earnings estimates.", ClassPositive},
		{"misses estimates", "Globex misses quarterly revenue estimates.", ClassNegative},
		{"upgrade", "Analysts upgrade Globex to buy.", ClassPositive},
		{"downgrade", "Analysts downgrade Globex to sell.", ClassNegative},
		{"price target raised", "Broker raises Globex price target to $150 from $120.", ClassPositive},
		{"up with a percentage", "Globex shares up 12% on strong demand.", ClassPositive},
		{"from X to Y up", "Operating profit rose from EUR 8.7 mn to EUR 13.1 mn.", ClassPositive},
		{"from X to Y down", "Net profit fell from EUR 13.1 mn to EUR 8.7 mn.", ClassNegative},
		{"a date is neutral", "The company will publish its annual report on March 3.", ClassNeutral},
		{"a figure against its forecast, down on a bad variable", "Unemployment rate 3.5% vs 3.6% consensus.", ClassPositive},
		{"a figure against last year, in cents", "Globex Q4 adjusted EPS $1.00 vs. 40 cents a year ago.", ClassPositive},
		{"extends losses is a price move, not losses falling", "Globex extends premarket losses, now down 5%.", ClassNegative},
		{"pares losses", "Globex pares losses after the chief executive buys shares.", ClassPositive},
		{"blows past estimates", "Globex blows past quarterly earnings estimates.", ClassPositive},
		{"a beating is not a beat", "Globex shares took a beating after the report.", ClassNegative},
		{"axing branches", "Globex Bank to axe 15% of its branches.", ClassNegative},
		{"losing a patent case", "Globex loses patent case over its cholesterol drug.", ClassNegative},
		{"a central bank's rate decision is policy, not news", "The central bank lowered its benchmark interest rate by 25 basis points.", ClassNeutral},
		{"borrowers' rates are still a cost", "Mortgage rates rose to their highest level since 2008.", ClassNegative},
		{"a percentage added", "Globex added 2.5% in early trading.", ClassPositive},
		{"crude falling is the commodity falling", "Crude oil slides 3% as stockpiles build.", ClassNegative},
		{"debt at a low", "Globex net debt hits a low of $2 billion.", ClassPositive},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, r := sentenceClass(t, tt.text); got != tt.want {
				t.Errorf("%q: class %s (score %.2f, drivers %v), want %s", tt.text, classNames[got], r.Score, r.Drivers, classNames[tt.want])
			}
		})
	}
}

func TestNegationAndHedging(t *testing.T) {
	base := Default().Sentence(text.Tokenize("The company will raise its dividend.")).Score
	tests := []struct {
		name, text string
		check      func(score float64) bool
		want       string
	}{
		{"negated raise is not good news", "The company did not raise its dividend.", func(s float64) bool { return s < base-0.3 }, "well below the plain sentence"},
		{"failed to beat", "Globex failed to beat earnings estimates.", func(s float64) bool { return s <= -0.15 }, "negative"},
		{"no growth", "Globex reported no revenue growth this year.", func(s float64) bool { return s < 0.15 }, "not positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Default().Sentence(text.Tokenize(tt.text))
			if !tt.check(r.Score) {
				t.Errorf("%q: score %.2f (drivers %v), want %s", tt.text, r.Score, r.Drivers, tt.want)
			}
		})
	}
	sure := Default().Sentence(text.Tokenize("Globex shares surge on record profit.")).Score
	hedged := Default().Sentence(text.Tokenize("Globex shares could surge on record profit?")).Score
	if hedged >= sure {
		t.Errorf("hedged question scores %.2f, not below the plain statement %.2f", hedged, sure)
	}
}

func TestTargetDependent(t *testing.T) {
	tests := []struct {
		text, target string
		want         int
	}{
		{"Acme beats estimates while Globex cuts outlook", "Acme", ClassPositive},
		{"Acme beats estimates while Globex cuts outlook", "Globex", ClassNegative},
		{"Umbrella shares jump 8%, but Wayne Industries slumps on weak orders", "Umbrella", ClassPositive},
		{"Umbrella shares jump 8%, but Wayne Industries slumps on weak orders", "Wayne Industries", ClassNegative},
		{"Rupee falls against the dollar as oil prices climb", "Rupee", ClassNegative},
		{"Stark Motors was upgraded to buy, while Tyrell was downgraded to sell", "Stark Motors", ClassPositive},
		{"Stark Motors was upgraded to buy, while Tyrell was downgraded to sell", "Tyrell", ClassNegative},
		// A broker's action is news for the company it rates, not for itself.
		{"Goldman Sachs downgrades Tesla to sell as deliveries slump", "Goldman Sachs", ClassNeutral},
		{"Goldman Sachs downgrades Tesla to sell as deliveries slump", "Tesla", ClassNegative},
		{"Goldman Sachs cut its rating on Tesla Inc. to sell from neutral, saying deliveries would fall again.", "Goldman Sachs", ClassNeutral},
		{"Goldman Sachs cut its rating on Tesla Inc. to sell from neutral, saying deliveries would fall again.", "Tesla Inc", ClassNegative},
		{"Jefferies raised its price target on Acme to $95 and kept its buy rating.", "Jefferies", ClassNeutral},
		{"Jefferies raised its price target on Acme to $95 and kept its buy rating.", "Acme", ClassPositive},
		// A company acting on its own numbers is not a broker.
		{"Globex cut its outlook for the year as orders slowed.", "Globex", ClassNegative},
	}
	for _, tt := range tests {
		t.Run(tt.target+" in "+tt.text, func(t *testing.T) {
			if got, r := targetClass(t, tt.text, tt.target); got != tt.want {
				t.Errorf("toward %s: class %s (score %.2f, drivers %v), want %s", tt.target, classNames[got], r.Score, r.Drivers, classNames[tt.want])
			}
		})
	}
}

func TestResultContract(t *testing.T) {
	for _, s := range []string{"", "!!!", "Globex profit soars 40% to a record", "Globex shares plunge after fraud probe"} {
		toks := text.Tokenize(s)
		for _, r := range []Result{Default().Sentence(toks), Default().Target(toks, 0, 1)} {
			sum := r.Probs[0] + r.Probs[1] + r.Probs[2]
			if math.Abs(sum-1) > 1e-9 || r.Score < -1 || r.Score > 1 {
				t.Errorf("%q: probs %v (sum %v), score %v", s, r.Probs, sum, r.Score)
			}
			if r.Score != GradedScore(r.Probs) {
				t.Errorf("%q: score %v is not the graded score of %v", s, r.Score, r.Probs)
			}
			if len(r.Drivers) > maxDrivers {
				t.Errorf("%q: %d drivers", s, len(r.Drivers))
			}
			for i := 1; i < len(r.Drivers); i++ {
				if math.Abs(r.Drivers[i].Weight) > math.Abs(r.Drivers[i-1].Weight) {
					t.Errorf("%q: drivers not strongest first: %v", s, r.Drivers)
				}
			}
		}
	}
}

func TestDriversNameThePhrasesThatMovedTheScore(t *testing.T) {
	r := Default().Sentence(text.Tokenize("Globex misses estimates and cuts its dividend"))
	if len(r.Drivers) == 0 || r.Drivers[0].Weight >= 0 {
		t.Fatalf("drivers %v: want a negative driver first", r.Drivers)
	}
	found := false
	for _, d := range r.Drivers {
		if d.Phrase == "misses" || d.Phrase == "cuts its dividend" {
			found = true
		}
	}
	if !found {
		t.Errorf("drivers %v: want \"misses\" or \"cuts its dividend\"", r.Drivers)
	}
}

func TestTargetOutOfRangeIsTheSentence(t *testing.T) {
	toks := text.Tokenize("Globex profit doubles")
	want := Default().Sentence(toks)
	for _, span := range [][2]int{{-1, 1}, {2, 2}, {3, 1}, {0, 99}} {
		if got := Default().Target(toks, span[0], span[1]); got.Score != want.Score {
			t.Errorf("Target(%v) = %.3f, want the sentence score %.3f", span, got.Score, want.Score)
		}
	}
}

func TestConcurrentUseGivesTheSameScores(t *testing.T) {
	m := Default()
	texts := []string{"Globex beats estimates", "Initech cuts outlook", "Rupee steady against dollar"}
	want := make([]float64, len(texts))
	for i, s := range texts {
		want[i] = m.Sentence(text.Tokenize(s)).Score
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				i := n % len(texts)
				if got := m.Sentence(text.Tokenize(texts[i])).Score; got != want[i] {
					t.Errorf("%q: %v, want %v", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestVersionNamesFormatAndWeights(t *testing.T) {
	v := Default().Version()
	if len(v) != len(modelFormat)+9 || v[:len(modelFormat)] != modelFormat {
		t.Errorf("Version() = %q, want %s+<8 hex digits>", v, modelFormat)
	}
}

func TestLabelsFollowArticleThresholds(t *testing.T) {
	for _, tt := range []struct {
		score float64
		want  int
	}{{-0.9, ClassNegative}, {-0.15, ClassNegative}, {-0.14, ClassNeutral}, {0.14, ClassNeutral}, {0.15, ClassPositive}} {
		if got := classOf(tt.score); got != tt.want {
			t.Errorf("classOf(%v) = %d, want %d (article.LabelOf(%v) = %s)", tt.score, got, tt.want, tt.score, article.LabelOf(tt.score))
		}
	}
}

func FuzzScore(f *testing.F) {
	f.Add("Globex revenue rose from $1.2bn to $1.5bn, while Acme's losses widened", 0, 1)
	f.Add("https://t.co/x $AMZN -3% ?", 2, 5)
	f.Add("vs 3.5% vs. 40 cents vs", 0, 2)
	f.Add("EPS $1.00 bn vs. 40 cents; extends losses, now down 5% #stocks @desk", 3, 4)
	f.Fuzz(func(t *testing.T, s string, start, end int) {
		toks := text.Tokenize(s)
		for _, r := range []Result{Default().Sentence(toks), Default().Target(toks, start, end)} {
			if !(r.Score >= -1 && r.Score <= 1) {
				t.Fatalf("score %v out of range", r.Score)
			}
		}
	})
}

func TestDomainOf(t *testing.T) {
	tests := []struct {
		text   string
		target bool
		want   domain
	}{
		{"Revenue rose 5% in the quarter.", false, domainPlain},
		{"$AMZN shares up 3% premarket", false, domainPost},
		{"Fed holds rates https://t.co/abc123", false, domainPost},
		{"Stocks rally as yields fall #markets", false, domainPost},
		{"Powell speaks at 2pm, says @federalreserve", false, domainPost},
		{"The firm hires C# and F# developers.", false, domainPlain},
		{"$AMZN shares up 3% premarket", true, domainPlain},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			f := &featurizer{}
			toks := text.Tokenize(tt.text)
			tg := target{start: -1, end: -1}
			if tt.target {
				tg = target{start: 0, end: 1}
			}
			f.read(defaultLexicon(), toks)
			if got := f.domainOf(tg); got != tt.want {
				t.Errorf("domain %d, want %d", got, tt.want)
			}
		})
	}
}
