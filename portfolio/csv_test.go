package portfolio

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   []Row
		header bool
	}{
		{"header with weights in percent", "Ticker,Weight\nAAPL,60%\nmsft,40%\n",
			[]Row{{Line: 2, Ticker: "AAPL", Weight: 0.6, HasWeight: true}, {Line: 3, Ticker: "MSFT", Weight: 0.4, HasWeight: true}}, true},
		{"header synonyms in any order and case", "Shares,Symbol,Avg Cost,GICS Sector\n10,$nvda,\"$1,250.50\",Information Technology\n",
			[]Row{{Line: 2, Ticker: "NVDA", Quantity: 10, HasQuantity: true, Cost: 1250.5, HasCost: true, Sector: "Information Technology"}}, true},
		{"headerless ticker quantity cost sector", "XOM,100,110.5,Energy\nCVX,50\n",
			[]Row{{Line: 1, Ticker: "XOM", Quantity: 100, HasQuantity: true, Cost: 110.5, HasCost: true, Sector: "Energy"},
				{Line: 2, Ticker: "CVX", Quantity: 50, HasQuantity: true}}, false},
		{"headerless percent is a weight", "XOM,25%\nCVX,75%\n",
			[]Row{{Line: 1, Ticker: "XOM", Weight: 0.25, HasWeight: true}, {Line: 2, Ticker: "CVX", Weight: 0.75, HasWeight: true}}, false},
		{"tickers only", "AAPL\nBRK.B\n",
			[]Row{{Line: 1, Ticker: "AAPL"}, {Line: 2, Ticker: "BRK.B"}}, false},
		{"byte order mark, comments and blank lines", "\ufeff# my book\nticker,qty\n\nAAPL,5\n,\n",
			[]Row{{Line: 4, Ticker: "AAPL", Quantity: 5, HasQuantity: true}}, true},
		{"semicolons with decimal commas", "ticker;weight\nSAP;12,5\nASML;87,5\n",
			[]Row{{Line: 2, Ticker: "SAP", Weight: 12.5, HasWeight: true}, {Line: 3, Ticker: "ASML", Weight: 87.5, HasWeight: true}}, true},
		{"separator of the first line after comments", "# book; weights, in percent\nticker;weight\nSAP;40\n",
			[]Row{{Line: 3, Ticker: "SAP", Weight: 40, HasWeight: true}}, true},
		{"tabs", "symbol\tshares\nKO\t3\n",
			[]Row{{Line: 2, Ticker: "KO", Quantity: 3, HasQuantity: true}}, true},
		{"unknown columns ignored", "ticker,name,weight\nKO,Coca-Cola,1\n",
			[]Row{{Line: 2, Ticker: "KO", Weight: 1, HasWeight: true}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sh, err := ParseCSV(strings.NewReader(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(sh.Rows, tc.want) || sh.Header != tc.header {
				t.Errorf("rows %+v header %v\nwant %+v header %v", sh.Rows, sh.Header, tc.want, tc.header)
			}
		})
	}
}

func TestParseCSVWarnsOfUnusedColumns(t *testing.T) {
	sh, err := ParseCSV(strings.NewReader("ticker,name,weight,weight\nKO,Coca-Cola,1,2\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`column "name" is not used`, `column "weight" repeats an earlier column and is ignored`}
	if !reflect.DeepEqual(sh.Warnings, want) {
		t.Errorf("warnings %q, want %q", sh.Warnings, want)
	}
}

func TestParseCSVErrorsNameTheLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty file", "", "no holdings"},
		{"header only", "ticker,weight\n", "no holdings"},
		{"header without ticker", "weight,sector\n1,Energy\n", "line 1: the header has no ticker column"},
		{"negative quantity", "ticker,quantity\nAAPL,-5\n", `line 2: "-5" is negative: short positions`},
		{"not a number", "ticker,quantity\nAAPL,lots\n", `line 2: "lots" is not a number`},
		{"infinite", "ticker,quantity\nAAPL,Inf\n", `line 2: "Inf" is not a number`},
		{"duplicate ticker", "ticker\nAAPL\nMSFT\naapl\n", "line 4: AAPL is listed again (first on line 2)"},
		{"bad ticker", "ticker\nAA PL!\n", `line 2: "AA PL!" is not a ticker`},
		{"missing ticker", "ticker,quantity\n,5\n", "line 2: no ticker"},
		{"percent quantity", "ticker,quantity\nAAPL,5%\n", "only weights may be given in percent"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCSV(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestParseCSVLimitsRows(t *testing.T) {
	var b strings.Builder
	for i := range MaxRows + 1 {
		b.WriteString("T")
		for n := i; ; n /= 26 {
			b.WriteByte(byte('A' + n%26))
			if n < 26 {
				break
			}
		}
		b.WriteString(",1\n")
	}
	if _, err := ParseCSV(strings.NewReader(b.String())); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("error %v, want more than %d holdings", err, MaxRows)
	}
}

// FuzzParseCSV checks that any input gives either an error or rows with a
// valid, unique ticker and finite, non-negative numbers.
func FuzzParseCSV(f *testing.F) {
	for _, s := range []string{
		"ticker,weight\nAAPL,60%\nMSFT,40%\n",
		"Shares,Symbol,Avg Cost\n10,$nvda,\"$1,250.50\"\n",
		"XOM,100,110.5,Energy\n",
		"ticker;weight\nSAP;12,5\n",
		"\ufeff# c\nsymbol\tshares\nKO\t3\n",
		"ticker,\"quantity\nAAPL,\"5\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sh, err := ParseCSV(strings.NewReader(in))
		if err != nil {
			return
		}
		if len(sh.Rows) == 0 || len(sh.Rows) > MaxRows {
			t.Fatalf("%d rows without error", len(sh.Rows))
		}
		seen := map[string]bool{}
		for _, r := range sh.Rows {
			if _, err := NormalizeTicker(r.Ticker); err != nil || seen[r.Ticker] {
				t.Fatalf("row %+v: invalid or repeated ticker", r)
			}
			seen[r.Ticker] = true
			for _, v := range []float64{r.Quantity, r.Weight, r.Cost} {
				if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("row %+v: bad number", r)
				}
			}
		}
	})
}
