package entity

import (
	"regexp"
	"runtime"
	"testing"
)

func TestEmbeddedMasterCoversSECAndSP500(t *testing.T) {
	l := Default()
	rows, sp := 0, 0
	if _, err := parseMaster(securitiesTSV, func(r masterRow) {
		rows++
		if r.sp500 {
			sp++
		}
	}); err != nil {
		t.Fatal(err)
	}
	if rows < 10000 || sp < 495 || sp > 510 {
		t.Errorf("master has %d rows, %d S&P 500 tickers", rows, sp)
	}
	tests := []struct {
		ticker string
		want   Security
	}{
		{"AMZN", Security{Ticker: "AMZN", Name: "Amazon", CIK: "1018724", Sector: "Consumer Discretionary", SP500: true}},
		{"GOOG", Security{Ticker: "GOOGL", Name: "Alphabet", CIK: "1652044", Sector: "Communication Services", SP500: true}},
		{"BRK-A", Security{Ticker: "BRK-B", Name: "Berkshire Hathaway", CIK: "1067983", Sector: "Financials", SP500: true}},
		{"TITN", Security{Ticker: "TITN", Name: "Titan Machinery", CIK: "1409171"}},
	}
	for _, tt := range tests {
		id, ok := l.tickers[tt.ticker]
		if !ok {
			t.Errorf("%s not in the master", tt.ticker)
			continue
		}
		if got := l.secs[id]; got != tt.want {
			t.Errorf("%s = %+v, want %+v", tt.ticker, got, tt.want)
		}
	}
}

func TestVersionNamesReleaseAndData(t *testing.T) {
	v := Default().Version()
	if !regexp.MustCompile(`^\d{4}\.\d{2}-[0-9a-f]{8}$`).MatchString(v) {
		t.Errorf("Version() = %q, want YYYY.MM-hash", v)
	}
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Version() != v {
		t.Errorf("same data, different versions: %q and %q", l.Version(), v)
	}
}

func TestParseMasterRejectsShortRows(t *testing.T) {
	_, err := parseMaster("# release: 2026.11\nAMZN\t1\tX\n", func(masterRow) {})
	if err == nil {
		t.Error("short row accepted")
	}
}

// The linker of the whole master must stay small enough to build in every
// process (budget: 60 MB of heap).
func TestLinkerHeapWithinBudget(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(l)
	if mb := float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20); mb > 60 {
		t.Errorf("linker keeps %.1f MB of heap, budget 60 MB", mb)
	}
}
