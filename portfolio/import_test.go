package portfolio

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/store"
)

func TestBuildWeightRules(t *testing.T) {
	tests := []struct {
		name    string
		csv     string
		rule    WeightRule
		weights []float64 // per holding, in file order
	}{
		{"weights are normalised", "ticker,weight\nAAA,2\nBBB,6\n", ByWeight, []float64{0.25, 0.75}},
		// 10 × 30 = 300 and 20 × 45 = 900 of 1200.
		{"quantity times cost", "ticker,quantity,cost\nAAA,10,30\nBBB,20,45\n", ByValue, []float64{0.25, 0.75}},
		{"quantities without cost are equal", "ticker,quantity\nAAA,10\nBBB,20\n", Equal, []float64{0.5, 0.5}},
		{"tickers only are equal", "AAA\nBBB\nCCC\nDDD\n", Equal, []float64{0.25, 0.25, 0.25, 0.25}},
		{"a missing weight makes them equal", "ticker,weight\nAAA,10\nBBB,\n", Equal, []float64{0.5, 0.5}},
		// ZZZ is unknown: weight 0, the others share 1 (40/80 and 40/80).
		{"unknown tickers are left out of the sum", "ticker,weight\nAAA,40\nZZZ,20\nBBB,40\n", ByWeight, []float64{0.5, 0, 0.5}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := ParseCSV(strings.NewReader(tc.csv))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Build("book", sh.Rows, master)
			if err != nil {
				t.Fatal(err)
			}
			if res.Rule != tc.rule {
				t.Errorf("rule %q, want %q", res.Rule, tc.rule)
			}
			for i, h := range res.Portfolio.Holdings {
				if !near(h.Weight, tc.weights[i]) {
					t.Errorf("%s weight %v, want %v", h.Ticker, h.Weight, tc.weights[i])
				}
			}
		})
	}
}

func TestBuildResolvesAndReportsUnknownTickers(t *testing.T) {
	sh, err := ParseCSV(strings.NewReader("ticker,weight,sector\nGAMMA,1,\nZZZ,1,\nDDD,1,Consumer Staples\nQQQQ,1,\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build("book", sh.Rows, master)
	if err != nil {
		t.Fatal(err)
	}
	h := res.Portfolio.Holdings
	// GAMMA is a share class of CCC; DDD has no sector in the master, the
	// file gives one.
	if h[0].Ticker != "CCC" || h[0].Name != "Gamma Chips" || h[0].Sector != "Information Technology" {
		t.Errorf("GAMMA resolved to %+v, want CCC Gamma Chips in Information Technology", h[0])
	}
	if h[2].Sector != "Consumer Staples" {
		t.Errorf("DDD sector %q, want the file's Consumer Staples", h[2].Sector)
	}
	if !h[1].Unknown || !h[3].Unknown || h[1].Weight != 0 || strings.Join(res.Unknown, ",") != "ZZZ,QQQQ" {
		t.Errorf("unknown %v holdings %+v; want ZZZ and QQQQ kept, flagged, weight 0", res.Unknown, h)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "2 unknown tickers left out of analytics: ZZZ, QQQQ") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, portfolio string
		rows            []Row
		want            string
	}{
		{"bad name", "my book", []Row{{Ticker: "AAA"}}, "portfolio name"},
		{"no rows", "book", nil, "no holdings"},
		{"share class twice", "book", []Row{{Line: 2, Ticker: "CCC"}, {Line: 3, Ticker: "GAMMA"}}, "line 3: CCC and GAMMA are both CCC"},
		{"weights sum to zero", "book", []Row{{Ticker: "AAA", HasWeight: true}, {Ticker: "BBB", HasWeight: true}}, "sum to 0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Build(tc.portfolio, tc.rows, master)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestServiceImportListRemove(t *testing.T) {
	svc := newService(t)
	ctx := context.Background()
	res, err := svc.ImportCSV(ctx, "energy", strings.NewReader("symbol,shares,price,notes\nBBB,10,5,long\n"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Portfolio.Created.IsZero() || len(res.Warnings) != 1 || res.Warnings[0] != `column "notes" is not used` {
		t.Errorf("import result %+v", res)
	}
	list, err := svc.List(ctx)
	if err != nil || len(list) != 2 || list[0].Name != "core" || list[1].Name != "energy" {
		t.Fatalf("List = %+v, %v; want core and energy", list, err)
	}
	if u := Unknown(list[0]); len(u) != 1 || u[0] != "ZZZ" {
		t.Errorf("core unknown %v, want [ZZZ]", u)
	}
	if err := svc.Remove(ctx, "energy"); err != nil {
		t.Fatal(err)
	}
	if err := svc.Remove(ctx, "energy"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("second Remove error %v, want ErrNotFound", err)
	}
}
