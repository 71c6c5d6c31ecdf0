package portfolio

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"
)

// TestStudyMatchesHandComputation pairs four news days with the returns of
// the next trading dates (returns file form: date,ticker,return).
func TestStudyMatchesHandComputation(t *testing.T) {
	prices, err := ParsePrices(strings.NewReader(`date,ticker,return
2026-03-03,AAA,0.02
2026-03-04,AAA,-0.02
2026-03-05,AAA,1%
2026-03-06,AAA,0
2026-03-09,AAA,-0.03
2026-03-10,AAA,0.01
`))
	if err != nil {
		t.Fatal(err)
	}
	days := []newsDay{
		{date("2026-03-02"), 0.6},  // next 03-03: +0.02; strongly positive
		{date("2026-03-04"), -0.5}, // next 03-05: +0.01; strongly negative
		{date("2026-03-06"), -0.4}, // Friday: next Monday 03-09: -0.03; strongly negative
		{date("2026-03-07"), 0.1},  // Saturday: next 03-09 too: -0.03
		{date("2026-03-10"), 0.9},  // no date after: left out
	}
	st, _ := study(days, func(d time.Time, k int) []float64 { return prices.after("AAA", d, k) })
	// x = 0.6, -0.5, -0.4, 0.1 (mean -0.05); y = 0.02, 0.01, -0.03, -0.03
	// (mean -0.0075). dx = 0.65, -0.45, -0.35, 0.15; dy = 0.0275, 0.0175,
	// -0.0225, -0.0225. Σdx·dy = 0.017875 - 0.007875 + 0.007875 - 0.003375
	// = 0.0145; Σdx² = 0.77; Σdy² = 0.002075.
	// r = 0.0145 / √(0.77 × 0.002075) = 0.362755.
	if st.N != 4 || st.Correlation == nil || math.Abs(*st.Correlation-0.0145/math.Sqrt(0.77*0.002075)) > eps {
		t.Errorf("correlation %v n %d, want 0.362755 over 4", st.Correlation, st.N)
	}
	// Positive: 03-02 alone. Returns after: +0.02, -0.02, +0.01, 0, -0.03:
	// cumulative 0.02, 1.02×0.98-1 = -0.0004, ×1.01 → 0.009596, ×1 →
	// 0.009596, ×0.97 → -0.02069188.
	wantPos := []float64{0.02, -0.0004, 0.009596, 0.009596, 1.02*0.98*1.01*0.97 - 1}
	for k, h := range st.Positive.Horizons {
		if h.Days != k+1 || h.N != 1 || math.Abs(h.Mean-wantPos[k]) > eps {
			t.Errorf("positive horizon %d = %+v, want n 1 mean %v", k+1, h, wantPos[k])
		}
	}
	// Negative: 03-04 (+0.01, 0, -0.03, +0.01) and 03-06 (-0.03, +0.01).
	// 1 day: (0.01 - 0.03)/2 = -0.01 (n 2); 2 days: (0.01 + (0.97×1.01-1))/2
	// = (0.01 - 0.0203)/2 = -0.00515 (n 2); 3 days: 1.01×0.97-1 = -0.0203
	// (n 1); 4 days: 1.01×0.97×1.01-1 = -0.010503 (n 1); 5 days: n 0.
	wantNeg := []struct {
		n    int
		mean float64
	}{{2, -0.01}, {2, -0.00515}, {1, -0.0203}, {1, 1.01*0.97*1.01 - 1}, {0, 0}}
	if st.Negative.Events != 2 || st.Positive.Events != 1 {
		t.Errorf("events %d negative, %d positive; want 2 and 1", st.Negative.Events, st.Positive.Events)
	}
	for k, h := range st.Negative.Horizons {
		if h.N != wantNeg[k].n || math.Abs(h.Mean-wantNeg[k].mean) > eps {
			t.Errorf("negative horizon %d = %+v, want %+v", k+1, h, wantNeg[k])
		}
	}
}

// TestReturnsOfPortfolio runs the study on the stories of fixture_test.go.
func TestReturnsOfPortfolio(t *testing.T) { eachStore(t, testReturnsOfPortfolio) }

func testReturnsOfPortfolio(t *testing.T, svc *Service) {
	prices, err := ParsePrices(strings.NewReader(`Date,Symbol,Return
2026-02-27,AAA,0
2026-03-02,AAA,0.01
2026-03-03,AAA,0.03
2026-03-04,AAA,-0.01
2026-03-05,AAA,0.02
2026-03-06,AAA,-0.02
2026-02-27,BBB,0
2026-03-02,BBB,-0.01
2026-03-03,BBB,-0.02
2026-03-04,BBB,0.01
2026-03-05,BBB,0
2026-03-06,BBB,0.01
`))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := svc.Returns(context.Background(), "core", prices)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Tickers) != 2 || rs.Tickers[0].Ticker != "AAA" || rs.Tickers[1].Ticker != "BBB" {
		t.Fatalf("tickers %+v, want AAA and BBB (CCC has no prices)", rs.Tickers)
	}
	aaa, bbb := rs.Tickers[0], rs.Tickers[1]
	// AAA news days: 02-28 (Sat) 0.2 → 03-02 +0.01; 03-02 0.266667 → 03-03
	// +0.03; 03-04 0.8 → 03-05 +0.02. x mean 0.422222, y mean 0.02;
	// dx = -0.222222, -0.155556, 0.377778; dy = -0.01, 0.01, 0.
	// Σdx·dy = 0.000666667, Σdx² = 0.216296, Σdy² = 0.0002:
	// r = 0.000666667 / √(0.216296 × 0.0002) = 0.101361.
	if aaa.N != 3 || aaa.Correlation == nil || math.Abs(*aaa.Correlation-0.10136060675992294) > 1e-9 {
		t.Errorf("AAA correlation %v n %d, want 0.101361 over 3", deref(aaa.Correlation), aaa.N)
	}
	// BBB has two news days only: no correlation.
	if bbb.N != 2 || bbb.Correlation != nil {
		t.Errorf("BBB correlation %v n %d, want none over 2", deref(bbb.Correlation), bbb.N)
	}
	// AAA strongly positive on 03-04 (0.8): +0.02, then 1.02×0.98-1 = -0.0004.
	if h := aaa.Positive.Horizons; aaa.Positive.Events != 1 || math.Abs(h[0].Mean-0.02) > eps ||
		math.Abs(h[1].Mean+0.0004) > eps || h[2].N != 0 {
		t.Errorf("AAA positive %+v", aaa.Positive)
	}
	// BBB strongly negative on 03-02 (-0.5: -0.02, +0.01, 0, +0.01) and 03-03
	// (-0.6: +0.01, 0, +0.01). 1 day: (-0.02+0.01)/2 = -0.005; 2 days:
	// (0.98×1.01-1 + 0.01)/2 = (-0.0102+0.01)/2 = -0.0001; 3 days:
	// (-0.0102 + 1.01×1.01-1)/2 = (-0.0102+0.0201)/2 = 0.00495; 4 days:
	// 0.98×1.01×1×1.01-1 = -0.000302 (n 1).
	wantNeg := []float64{-0.005, -0.0001, 0.00495, 0.98*1.01*1.01 - 1}
	for k, w := range wantNeg {
		if h := bbb.Negative.Horizons[k]; math.Abs(h.Mean-w) > eps {
			t.Errorf("BBB negative horizon %d = %+v, want mean %v", k+1, h, w)
		}
	}
	// Portfolio (weights AAA 0.5, BBB 0.3; CCC unpriced): sentiment 02-28
	// 0.1, 03-02 0.5×0.266667 - 0.15 = -0.016667, 03-03 -0.18, 03-04 0.4;
	// next-day returns (0.5 r_AAA + 0.3 r_BBB)/0.8: 03-02 0.0025, 03-03
	// 0.01125, 03-04 -0.0025, 03-05 0.0125. Means 0.075833 and 0.0059375;
	// Σdx·dy = 0.00371146, Σdx² = 0.179675, Σdy² = 0.000154297:
	// r = 0.00371146 / √(0.179675 × 0.000154297) = 0.704891.
	tot := rs.Total
	if tot.N != 4 || tot.Correlation == nil || math.Abs(*tot.Correlation-0.7048913762746083) > 1e-9 {
		t.Errorf("portfolio correlation %v n %d, want 0.704891 over 4", deref(tot.Correlation), tot.N)
	}
	// The portfolio's event study pools the holdings' events.
	if tot.Negative.Events != 2 || tot.Positive.Events != 1 || math.Abs(tot.Negative.Horizons[0].Mean+0.005) > eps {
		t.Errorf("portfolio events %+v / %+v", tot.Negative, tot.Positive)
	}
	if len(rs.Warnings) != 2 || !strings.Contains(rs.Warnings[0], "no prices for CCC") {
		t.Errorf("warnings %q", rs.Warnings)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestParsePrices(t *testing.T) {
	// Closes 100, 110, 99 give returns 0.1 and -0.1; rows may come in any
	// order; headerless files are date,ticker,close.
	for _, in := range []string{
		"date,ticker,close\n2026-03-03,XOM,110\n2026-03-02,XOM,100\n2026-03-04,XOM,99\n",
		"2026-03-02,xom,100\n2026-03-03,XOM,110\n2026-03-04,XOM,99\n",
		"Symbol,Adj Close,Date\nXOM,100,2026-03-02\nXOM,110,2026-03-03\nXOM,99,2026-03-04\n",
	} {
		p, err := ParsePrices(strings.NewReader(in))
		if err != nil {
			t.Fatalf("%q: %v", in, err)
		}
		got := p.after("XOM", date("2026-03-01"), 5)
		if len(got) != 2 || math.Abs(got[0]-0.1) > eps || math.Abs(got[1]+0.1) > eps {
			t.Errorf("%q: returns %v, want [0.1 -0.1]", in, got)
		}
	}
}

func TestParsePricesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "no returns"},
		{"date,ticker,close\n2026-03-02,XOM,100\n", "no returns"},
		{"when,what\n", "the header needs date, ticker and close or return"},
		{"date,ticker,close\n03/02/2026,XOM,100\n", "line 2: date \"03/02/2026\": want YYYY-MM-DD"},
		{"date,ticker,close\n2026-03-02,XOM,0\n", "line 2: close 0: must be positive"},
		{"date,ticker,return\n2026-03-02,XOM,-1.5\n", "must be above -1"},
		{"date,ticker,close\n2026-03-02,XOM,1\n2026-03-02,XOM,2\n", "line 3: XOM on 2026-03-02 is given twice"},
	}
	for _, tc := range tests {
		_, err := ParsePrices(strings.NewReader(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParsePrices(f *testing.F) {
	f.Add("date,ticker,close\n2026-03-02,XOM,100\n2026-03-03,XOM,110\n")
	f.Add("date,ticker,return\n2026-03-02,XOM,1.5%\n")
	f.Add("2026-03-02,XOM,100\n")
	f.Fuzz(func(t *testing.T, in string) {
		p, err := ParsePrices(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, tk := range p.Tickers() {
			for _, r := range p.returns[tk] {
				if math.IsNaN(r) || math.IsInf(r, 0) || r <= -1 {
					t.Fatalf("%s: return %v", tk, r)
				}
			}
		}
	})
}

func TestReturnsTerminalGolden(t *testing.T) {
	svc := newService(t)
	prices, err := ParsePrices(strings.NewReader("date,ticker,return\n2026-03-02,AAA,0.01\n2026-03-03,AAA,0.03\n2026-03-04,AAA,-0.01\n2026-03-05,AAA,0.02\n2026-03-06,AAA,-0.02\n"))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := svc.Returns(context.Background(), "core", prices)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := rs.WriteTerminal(&b); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "returns.txt.golden", []byte(b.String()))
}
