package entity

import "testing"

func TestLookupByTickerNameOrAlias(t *testing.T) {
	tests := []struct {
		in     string
		ticker string
	}{
		{"AMZN", "AMZN"},
		{"$amzn", "AMZN"},
		{"amzn", "AMZN"},
		{"Amazon", "AMZN"},
		{"amazon.com, inc.", "AMZN"},
		{"AMAZON COM INC", "AMZN"},
		{"AWS", "AMZN"},
		{"Andy Jassy", "AMZN"},
		{"GOOG", "GOOGL"},
		{"BRK.B", "BRK-B"},
		{"Ford", "F"},
		{"Ford Motor Company", "F"},
		{"Bank of America Corp", "BAC"},
		{"Titan Machinery Inc.", "TITN"},
	}
	for _, tt := range tests {
		sec, ok := Default().Lookup(tt.in)
		if !ok || sec.Ticker != tt.ticker {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, sec.Ticker, ok, tt.ticker)
		}
	}
	for _, miss := range []string{"", "  ", "Acme Rocket Skates", "$"} {
		if sec, ok := Default().Lookup(miss); ok {
			t.Errorf("Lookup(%q) = %+v, want no match", miss, sec)
		}
	}
}
