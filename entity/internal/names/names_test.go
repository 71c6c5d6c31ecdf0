package names

import "testing"

func TestDisplayNormalisesFilerNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AMAZON COM INC", "Amazon.com"},
		{"Amazon.com, Inc.", "Amazon.com"},
		{"NVIDIA CORP", "Nvidia"},
		{"Apple Inc.", "Apple"},
		{"Meta Platforms, Inc.", "Meta Platforms"},
		{"BANK OF AMERICA CORP /DE/", "Bank of America"},
		{"COSTCO WHOLESALE CORP /NEW", "Costco Wholesale"},
		{"ADVANCED MICRO DEVICES INC", "Advanced Micro Devices"},
		{"INTERNATIONAL BUSINESS MACHINES CORP", "International Business Machines"},
		{"CVS HEALTH Corp", "CVS Health"},
		{"HSBC HOLDINGS PLC", "HSBC"},
		{"KLA CORP", "KLA"},
		{"ELI LILLY & Co", "Eli Lilly"},
		{"JOHNSON & JOHNSON", "Johnson & Johnson"},
		{"PROCTER & GAMBLE Co", "Procter & Gamble"},
		{"MCDONALDS CORP", "McDonalds"},
		{"FREEPORT-MCMORAN INC", "Freeport-McMoran"},
		{"GOLDMAN SACHS GROUP INC", "Goldman Sachs"},
		{"NOVO NORDISK A S", "Novo Nordisk"},
		{"Novo Nordisk A/S", "Novo Nordisk"},
		{"ASML HOLDING NV", "Asml"},
		{"Ferrari N.V.", "Ferrari"},
		{"AMERICA MOVIL SAB DE CV/", "America Movil"},
		{"Fresenius SE & Co. KGaA", "Fresenius"},
		{"Contemporary Amperex Technology Co., Limited/ADR", "Contemporary Amperex Technology"},
		{"TOYOTA MOTOR CORP/", "Toyota Motor"},
		{"AT&T INC.", "AT&T"},
		{"3M CO", "3M"},
		{"E.ON SE", "E.ON"},
		{"RIO TINTO PLC", "Rio Tinto"},
		{"L3HARRIS TECHNOLOGIES, INC. /DE/", "L3HARRIS Technologies"},
		{"SOUTHERN CO", "Southern Co"},
		{"VISA INC.", "Visa"},
		{"News Corp (Class A)", "News Corp"},
		{"Southern Company", "Southern Company"},
		{"Booking Holdings Inc.", "Booking Holdings"},
		{"Target Corporation", "Target Corporation"},
		{"Coca-Cola Company (The)", "Coca-Cola"},
		{"Alphabet Inc. (Class A)", "Alphabet"},
		{"Lilly (Eli)", "Eli Lilly"},
		{"Home Depot (The)", "Home Depot"},
		{"O’Reilly Automotive", "O'Reilly Automotive"},
		{"The Walt Disney Company", "Walt Disney"},
		{"US BANCORP DE", "US Bancorp de"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Display(tt.in); got != tt.want {
			t.Errorf("Display(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShortStripsSuffixesEvenBeforeCommonWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Southern Company", "Southern"},
		{"Booking Holdings", "Booking"},
		{"Amazon.com", "Amazon.com"},
		{"Group", "Group"},
	}
	for _, tt := range tests {
		if got := Short(tt.in); got != tt.want {
			t.Errorf("Short(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestKeyIgnoresFormAndSuffixes(t *testing.T) {
	same := [][]string{
		{"AMAZON COM INC", "Amazon.com, Inc.", "amazon.com"},
		{"AT&T INC.", "AT&T", "at and t"},
		{"The Walt Disney Company", "WALT DISNEY CO", "Walt Disney"},
		{"Bank of America Corp /DE/", "bank of america"},
	}
	for _, group := range same {
		want := Key(group[0])
		for _, n := range group[1:] {
			if got := Key(n); got != want {
				t.Errorf("Key(%q) = %q, want %q as for %q", n, got, want, group[0])
			}
		}
	}
	if Key("Apple") == Key("Apple Hospitality REIT") {
		t.Error("different companies share a key")
	}
}

func TestIsCommonKnowsTickerWords(t *testing.T) {
	for _, w := range []string{"it", "all", "on", "a", "now", "target", "gap", "apple"} {
		if !IsCommon(w) {
			t.Errorf("IsCommon(%q) = false", w)
		}
	}
	for _, w := range []string{"amzn", "nvidia", "jassy"} {
		if IsCommon(w) {
			t.Errorf("IsCommon(%q) = true", w)
		}
	}
}

func FuzzDisplay(f *testing.F) {
	for _, s := range []string{"AMAZON COM INC", "Lilly (Eli)", "X /DE/", "(", "A/S", "& CO"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := Display(s)
		if Key(d) != Key(Display(d)) {
			t.Errorf("Display is not stable: %q -> %q -> %q", s, d, Display(d))
		}
	})
}
