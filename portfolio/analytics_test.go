package portfolio

import (
	"context"
	"errors"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

const eps = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestAnalyticsMatchHandComputation checks every figure against sums done
// by hand over the stories of fixture_test.go, range [03-02, 03-05).
func TestAnalyticsMatchHandComputation(t *testing.T) { eachStore(t, testAnalyticsByHand) }

func testAnalyticsByHand(t *testing.T, svc *Service) {
	a, err := svc.Analyze(context.Background(), "core", rangeFrom, rangeTo)
	if err != nil {
		t.Fatal(err)
	}
	// AAA: (0.8, 0.5), (0.4, -0.2), (1.0, 0.8): Σr = 2.2,
	//      Σr·s = 0.40 - 0.08 + 0.80 = 1.12, sentiment 1.12/2.2 = 0.509090...
	// BBB: (0.2, -0.5), (1.0, -0.6): Σr = 1.2, Σr·s = -0.1 - 0.6 = -0.7,
	//      sentiment -0.7/1.2 = -0.583333...
	// CCC: no news, 0.
	sAAA, sBBB := 1.12/2.2, -0.7/1.2
	// Portfolio: 0.5 × 0.509090 + 0.3 × (-0.583333) + 0.2 × 0
	//          = 0.254545 - 0.175 = 0.079545...
	if want := 0.5*sAAA + 0.3*sBBB; !near(a.Sentiment, want) {
		t.Errorf("sentiment %v, want %v", a.Sentiment, want)
	}
	if !near(a.Coverage, 0.8) || a.Mentions != 5 {
		t.Errorf("coverage %v mentions %d, want 0.8 (AAA + BBB) and 5 (3 + 2)", a.Coverage, a.Mentions)
	}
	type hold struct {
		ticker                 string
		weight, sent, contrib  float64
		articles, prevArticles int
		prev                   float64
	}
	want := []hold{
		{"AAA", 0.5, sAAA, 0.5 * sAAA, 3, 1, 0.2},
		{"BBB", 0.3, sBBB, 0.3 * sBBB, 2, 0, 0},
		{"CCC", 0.2, 0, 0, 0, 0, 0},
	}
	if len(a.Holdings) != len(want) {
		t.Fatalf("%d holdings, want %d: %+v", len(a.Holdings), len(want), a.Holdings)
	}
	for i, w := range want {
		h := a.Holdings[i]
		if h.Ticker != w.ticker || !near(h.Weight, w.weight) || !near(h.Sentiment, w.sent) || !near(h.Contribution, w.contrib) ||
			h.Articles != w.articles || h.PreviousArticles != w.prevArticles || !near(h.PreviousSentiment, w.prev) {
			t.Errorf("holding %d = %+v, want %+v", i, h, w)
		}
	}

	// Daily series. 03-02: AAA (0.8, 0.5), (0.4, -0.2) -> 0.32/1.2 = 0.266667;
	// BBB -0.5; portfolio 0.5 × 0.266667 + 0.3 × (-0.5) = -0.016667,
	// 3 mentions, coverage 0.8. 03-03: BBB -0.6 -> 0.3 × -0.6 = -0.18,
	// coverage 0.3. 03-04: AAA 0.8 -> 0.5 × 0.8 = 0.4, coverage 0.5.
	series := []DayPoint{
		{date("2026-03-02"), 0.5*(0.32/1.2) + 0.3*(-0.5), 3, 0.8},
		{date("2026-03-03"), 0.3 * -0.6, 1, 0.3},
		{date("2026-03-04"), 0.5 * 0.8, 1, 0.5},
	}
	if !seriesNear(a.Series, series) {
		t.Errorf("series\n got %+v\nwant %+v", a.Series, series)
	}
	aaa := []DayPoint{{date("2026-03-02"), 0.32 / 1.2, 2, 0}, {date("2026-03-04"), 0.8, 1, 0}}
	if !seriesNear(a.Holdings[0].Series, aaa) {
		t.Errorf("AAA series\n got %+v\nwant %+v", a.Holdings[0].Series, aaa)
	}

	// Movers against [02-27, 03-02): AAA had 0.2 (one article), BBB
	// nothing (0). Changes: BBB -0.583333 - 0, AAA 0.509091 - 0.2 =
	// 0.309091; BBB first. CCC has no news in either period.
	movers := []Mover{
		{Ticker: "BBB", Name: "Beta Barrels", Weight: 0.3, Before: 0, After: sBBB, Change: sBBB, ArticlesAfter: 2},
		{Ticker: "AAA", Name: "Alpha Apps", Weight: 0.5, Before: 0.2, After: sAAA, Change: sAAA - 0.2, ArticlesBefore: 1, ArticlesAfter: 3},
	}
	if len(a.Movers) != 2 {
		t.Fatalf("movers %+v, want %+v", a.Movers, movers)
	}
	for i, m := range movers {
		g := a.Movers[i]
		if g.Ticker != m.Ticker || !near(g.Before, m.Before) || !near(g.After, m.After) || !near(g.Change, m.Change) ||
			g.ArticlesBefore != m.ArticlesBefore || g.ArticlesAfter != m.ArticlesAfter {
			t.Errorf("mover %d = %+v, want %+v", i, g, m)
		}
	}

	// Sectors: Information Technology = AAA 0.5 + CCC 0.2 = 0.7,
	// contribution 0.254545; Energy = BBB 0.3, contribution -0.175.
	sectors := []Exposure{
		{ID: "Information Technology", Name: "Information Technology", Weight: 0.7, Contribution: 0.5 * sAAA, Holdings: []string{"AAA", "CCC"}},
		{ID: "Energy", Name: "Energy", Weight: 0.3, Contribution: 0.3 * sBBB, Holdings: []string{"BBB"}},
	}
	if !exposuresNear(a.Sectors, sectors) {
		t.Errorf("sectors\n got %+v\nwant %+v", a.Sectors, sectors)
	}

	// Topics. AAA (Σr 2.2): earnings 0.8×0.5 + 0.4×1.0 = 0.8 -> share
	// 0.363636; M&A 0.8×1.0 = 0.8 -> 0.363636. BBB (Σr 1.2): earnings
	// 0.2×0.5 = 0.1 -> 0.083333; M&A 0.2 -> 0.166667; litigation 1.0×0.8
	// = 0.8 -> 0.666667. Exposure: M&A 0.5×0.363636 + 0.3×0.166667 =
	// 0.231818; earnings 0.181818 + 0.025 = 0.206818; litigation 0.2.
	topics := []Exposure{
		{ID: "mergers_acquisitions", Name: "mergers and acquisitions", Weight: 0.5*0.8/2.2 + 0.3*0.2/1.2,
			Contribution: 0.5*sAAA*0.8/2.2 + 0.3*sBBB*0.2/1.2, Holdings: []string{"AAA", "BBB"}},
		{ID: "earnings", Name: "earnings", Weight: 0.5*0.8/2.2 + 0.3*0.1/1.2,
			Contribution: 0.5*sAAA*0.8/2.2 + 0.3*sBBB*0.1/1.2, Holdings: []string{"AAA", "BBB"}},
		{ID: "litigation", Name: "litigation", Weight: 0.3 * 0.8 / 1.2, Contribution: 0.3 * sBBB * 0.8 / 1.2, Holdings: []string{"BBB"}},
	}
	if !exposuresNear(a.Topics, topics) {
		t.Errorf("topics\n got %+v\nwant %+v", a.Topics, topics)
	}

	if !reflect.DeepEqual(a.NoNews, []string{"CCC"}) || !reflect.DeepEqual(a.Unknown, []string{"ZZZ"}) {
		t.Errorf("no news %v, unknown %v; want [CCC] and [ZZZ]", a.NoNews, a.Unknown)
	}
	// News flow: AAA's latest headline is the 03-04 contract, BBB's the suit.
	if hl := a.Holdings[0].Headlines; len(hl) != 3 || hl[0].Title != "Alpha Apps wins a record cloud contract" || !near(hl[0].Sentiment, 0.8) {
		t.Errorf("AAA headlines %+v", hl)
	}
	if hl := a.Holdings[1].Headlines; len(hl) != 2 || hl[0].Title != "Beta Barrels sued over a pipeline leak" || !near(hl[0].Relevance, 1) {
		t.Errorf("BBB headlines %+v", hl)
	}
}

// TestAnalyticsOfPartialDays checks that a range starting mid-day counts
// only the articles from its start: [03-02 12:00, 03-03 00:00) holds the
// 15:00 AAA story alone (-0.2).
func TestAnalyticsOfPartialDays(t *testing.T) {
	svc := newService(t)
	from := rangeFrom.Add(12 * time.Hour)
	a, err := svc.Analyze(context.Background(), "core", from, date("2026-03-03"))
	if err != nil {
		t.Fatal(err)
	}
	if !near(a.Sentiment, 0.5*-0.2) || len(a.Series) != 1 || !near(a.Series[0].Sentiment, 0.5*-0.2) || a.Series[0].Articles != 1 {
		t.Errorf("sentiment %v series %+v; want -0.1 on one day with one article", a.Sentiment, a.Series)
	}
}

func TestAnalyticsErrors(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	if _, err := svc.Analyze(ctx, "nope", rangeFrom, rangeTo); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown portfolio: error %v, want ErrNotFound", err)
	}
	if _, err := svc.Analyze(ctx, "core", rangeTo, rangeFrom); !errors.Is(err, ErrBadRange) {
		t.Errorf("reversed range: error %v, want ErrBadRange", err)
	}
	if _, err := svc.Analyze(ctx, "core", rangeFrom, rangeFrom.AddDate(6, 0, 0)); !errors.Is(err, ErrBadRange) {
		t.Errorf("six years: error %v, want ErrBadRange", err)
	}
}

func seriesNear(got, want []DayPoint) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Day.Equal(w.Day) || !near(g.Sentiment, w.Sentiment) || g.Articles != w.Articles || !near(g.Coverage, w.Coverage) {
			return false
		}
	}
	return true
}

func exposuresNear(got, want []Exposure) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Name != w.Name || !near(g.Weight, w.Weight) || !near(g.Contribution, w.Contribution) ||
			!reflect.DeepEqual(g.Holdings, w.Holdings) {
			return false
		}
	}
	return true
}
