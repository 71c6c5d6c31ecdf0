package sentiment

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseDecisions(t *testing.T) {
	tests := []struct {
		name, in string
		want     []decision
	}{
		{"one entity", `{'SpiceJet': 'neutral'}`, []decision{{"SpiceJet", ClassNeutral}}},
		{"opposite labels", `{'Gold': 'positive', 'Silver': 'negative'}`,
			[]decision{{"Gold", ClassPositive}, {"Silver", ClassNegative}}},
		{"apostrophe inside a name", `{'Sebi': 'neutral', 'Osian's Art Fund': 'neutral'}`,
			[]decision{{"Sebi", ClassNeutral}, {"Osian's Art Fund", ClassNeutral}}},
		{"apostrophe in the last name", `{'Tata Steel UK': 'negative', 'Moody's': 'neutral'}`,
			[]decision{{"Tata Steel UK", ClassNegative}, {"Moody's", ClassNeutral}}},
		{"double quotes", `{"Dr. Reddy's": "positive"}`, []decision{{"Dr. Reddy's", ClassPositive}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDecisions(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseDecisions(%s) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDecisionsRejectsMalformed(t *testing.T) {
	for _, in := range []string{"", "{}", "{'A': 'great'}", "['A', 'positive']", "{'A' 'positive'}", "{'A': 'positive', }x"} {
		if ds, err := parseDecisions(in); err == nil {
			t.Errorf("parseDecisions(%q) = %v, want an error", in, ds)
		}
	}
}

func FuzzParseDecisions(f *testing.F) {
	f.Add(`{'Sebi': 'neutral', 'Osian's Art Fund': 'neutral'}`)
	f.Add(`{"A": "positive"}`)
	f.Fuzz(func(t *testing.T, s string) {
		ds, err := parseDecisions(s)
		if err == nil && len(ds) == 0 {
			t.Fatal("no error and no decisions")
		}
		for _, d := range ds {
			if d.label < 0 || d.label >= numClasses {
				t.Fatalf("label %d", d.label)
			}
		}
	})
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadLabelledFileFormats(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file, content string
		want                []example
	}{
		{"sentfin csv", "s.csv", "S No.,Title,Decisions,Words\n1,\"Gold up, silver down\",\"{'Gold': 'positive', 'silver': 'negative'}\",4\n",
			[]example{{"Gold up, silver down", "Gold", ClassPositive, 0}, {"Gold up, silver down", "silver", ClassNegative, 0}}},
		{"tweets csv with numeric labels", "t.csv", "text,label\nStock soars,1\nStock sinks,0\nStock files 10-K,2\n",
			[]example{{"Stock soars", "", ClassPositive, 0}, {"Stock sinks", "", ClassNegative, 1}, {"Stock files 10-K", "", ClassNeutral, 2}}},
		{"csv with label words", "w.csv", "sentence,sentiment\nProfit doubles,positive\n",
			[]example{{"Profit doubles", "", ClassPositive, 0}}},
		{"json lines", "g.jsonl", `{"text":"Acme up","label":"positive","target":"Acme"}` + "\n" + `{"text":"Flat day","label":2}` + "\n",
			[]example{{"Acme up", "Acme", ClassPositive, 0}, {"Flat day", "", ClassNeutral, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readLabelledFile(writeFile(t, dir, tt.file, tt.content))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReadLabelledFileErrorsNameTheProblem(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string
	}{
		{"missing file", filepath.Join(dir, "nope.csv"), "nope.csv not found"},
		{"unknown columns", writeFile(t, dir, "a.csv", "foo,bar\n1,2\n"), "want columns"},
		{"bad label", writeFile(t, dir, "b.csv", "text,label\nx,7\n"), "unknown label"},
		{"empty", writeFile(t, dir, "c.jsonl", ""), "no labelled examples"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readLabelledFile(tt.path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestDevSplitIsByNormalisedText(t *testing.T) {
	if splitKey("Gold UP 5%!  https://t.co/abc") != splitKey("gold up 5 https://t.co/xyz") {
		t.Error("texts differing only in case, punctuation and links have different split keys")
	}
	n := 0
	for i := 0; i < 2000; i++ {
		s := "headline number " + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + " " + string(rune('a'+i/26%26))
		if isDev(s) != isDev(strings.ToUpper(s)) {
			t.Fatalf("%q and its upper case fall on different sides", s)
		}
		if isDev(s) {
			n++
		}
	}
	if n < 100 || n > 300 {
		t.Errorf("%d of 2000 texts in the development part, want about 10%%", n)
	}
}
