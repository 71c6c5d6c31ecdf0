package entity

import (
	"fmt"
	"io"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

func TestParseAliasesReadsBlocks(t *testing.T) {
	in := `# comment
[amzn]   # lower case and comments are fine
name: Amazon
aliases: Amazon.com, Amazon.com Inc
brands: AWS,Prime Video ,
people: Andy Jassy
ambiguous: Amazon
exclude: Amazon rainforest
classes: brk.b
sector: Consumer Discretionary

[$ACME]
name: Acme Robotics, Inc.
`
	got, err := parseAliases(strings.NewReader(in), "aliases")
	if err != nil {
		t.Fatal(err)
	}
	want := []aliasBlock{
		{
			Ticker: "AMZN", Source: "aliases", Line: 2, Name: "Amazon", Sector: "Consumer Discretionary",
			Forms: map[string][]string{
				KindAlias: {"Amazon.com", "Amazon.com Inc"}, KindBrand: {"AWS", "Prime Video"}, KindPerson: {"Andy Jassy"},
			},
			Ambiguous: []string{"Amazon"}, Exclude: []string{"Amazon rainforest"}, Classes: []string{"BRK-B"},
		},
		{Ticker: "ACME", Source: "aliases", Line: 12, Name: "Acme Robotics, Inc.", Forms: map[string][]string{}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseAliasesErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"key before block", "name: Acme\n", "aliases line 1: \"name: Acme\" comes before the first [TICKER] block"},
		{"unknown key", "[ACME]\nname: Acme\n\nbrand: Foo\n", "aliases line 4: unknown key \"brand\""},
		{"no colon", "[ACME]\nAcme Robotics\n", "aliases line 2: want \"key: value, value\""},
		{"unclosed header", "[ACME\n", "aliases line 1: block header \"[ACME\" does not end with ']'"},
		{"bad ticker", "[AC ME]\n", "aliases line 1: block header \"[AC ME]\": a ticker is"},
		{"empty ticker", "[]\n", "aliases line 1: block header \"[]\""},
		{"bad class", "[ACME]\nclasses: A B\n", "aliases line 2: classes: \"A B\" is not a ticker"},
		{"empty name", "[ACME]\nname:\n", "aliases line 2: name: empty value"},
		{"not UTF-8", "[ACME]\nname: \xff\n", "aliases line 2: not UTF-8 text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseAliases(strings.NewReader(tt.in), "aliases")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want prefix %q", err, tt.want)
			}
		})
	}
}

func TestNewRejectsNewTickerWithoutName(t *testing.T) {
	_, err := New(Options{Extra: []io.Reader{strings.NewReader("# mine\n[ZZZQX]\naliases: Zed\n")}})
	if err == nil || !strings.Contains(err.Error(), "aliases line 2: [ZZZQX] is not in the security master") {
		t.Errorf("error = %v", err)
	}
}

func TestNewNamesTheLineOfABadExtraFile(t *testing.T) {
	_, err := New(Options{Extra: []io.Reader{strings.NewReader("[ACME]\nname: Acme\nbrands Foo\n")}})
	if err == nil || !strings.HasPrefix(err.Error(), "aliases line 3:") {
		t.Errorf("error = %v", err)
	}
}

func TestUserAliasFileAddsNewTicker(t *testing.T) {
	user := `[ACME]
name: Acme Robotics
aliases: Acme
products: RoboArm
people: Dana Whitfield
sector: Industrials
`
	l, err := New(Options{Extra: []io.Reader{strings.NewReader(user)}})
	if err != nil {
		t.Fatal(err)
	}
	links := l.Link(text.Split("Acme Robotics unveiled RoboArm 2 on Monday. Dana Whitfield said orders doubled."))
	if len(links.Tickers) != 1 || links.Tickers[0].Ticker != "ACME" || links.Tickers[0].Mentions != 3 {
		t.Fatalf("links = %+v", links.Tickers)
	}
	sec, ok := l.Lookup("acme")
	if !ok || sec.Ticker != "ACME" || sec.Name != "Acme Robotics" || sec.Sector != "Industrials" {
		t.Errorf("Lookup(acme) = %+v, %v", sec, ok)
	}
	if l.Version() == Default().Version() {
		t.Error("a linker with extra aliases has the default version")
	}
}

func TestUserAliasFileExtendsKnownTicker(t *testing.T) {
	l, err := New(Options{Extra: []io.Reader{strings.NewReader("[AMZN]\nproducts: Nova Sonic\n")}})
	if err != nil {
		t.Fatal(err)
	}
	ms := l.Link(text.Split("The new Nova Sonic model speaks 12 languages.")).Mentions
	if len(ms) != 1 || ms[0].Ticker != "AMZN" || ms[0].Kind != KindProduct {
		t.Errorf("mentions = %+v", ms)
	}
	if got := linkedTickers(t, "The new Nova Sonic model speaks 12 languages."); len(got) != 0 {
		t.Errorf("the default linker learned the user's alias: %v", got)
	}
}

func TestEmbeddedAliasFilesParse(t *testing.T) {
	files, err := aliasFS.ReadDir("data/aliases")
	if err != nil || len(files) == 0 {
		t.Fatalf("no embedded alias files: %v", err)
	}
	if _, err := New(Options{}); err != nil {
		t.Fatal(err)
	}
}

// formatBlocks writes blocks back in the alias file format.
func formatBlocks(blocks []aliasBlock) string {
	var b strings.Builder
	for _, blk := range blocks {
		fmt.Fprintf(&b, "[%s]\n", blk.Ticker)
		if blk.Name != "" {
			fmt.Fprintf(&b, "name: %s\n", blk.Name)
		}
		if blk.Sector != "" {
			fmt.Fprintf(&b, "sector: %s\n", blk.Sector)
		}
		keys := make([]string, 0, len(listKeys))
		for k := range listKeys {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if vals := blk.Forms[listKeys[k]]; len(vals) > 0 {
				fmt.Fprintf(&b, "%s: %s\n", k, strings.Join(vals, ", "))
			}
		}
		for k, vals := range map[string][]string{"ambiguous": blk.Ambiguous, "exclude": blk.Exclude, "classes": blk.Classes} {
			if len(vals) > 0 {
				fmt.Fprintf(&b, "%s: %s\n", k, strings.Join(vals, ", "))
			}
		}
	}
	return b.String()
}

// sameBlocks compares blocks ignoring where they were read.
func sameBlocks(a, b []aliasBlock) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Line, y.Line, x.Source, y.Source = 0, 0, "", ""
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

func FuzzParseAliases(f *testing.F) {
	f.Add("[AMZN]\nname: Amazon\naliases: Amazon.com, AWS\n")
	f.Add("[acme] # x\npeople: Dana Whitfield\nclasses: ACME.B\nexclude: acme anvil\n")
	f.Add("name: x\n")
	f.Add("[A]\nambiguous: A, B,,\nsector: Energy\n[B]\n")
	f.Fuzz(func(t *testing.T, in string) {
		blocks, err := parseAliases(strings.NewReader(in), "aliases")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "aliases line ") {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		for _, b := range blocks {
			if !validTicker(b.Ticker) || slices.ContainsFunc(b.Classes, func(c string) bool { return !validTicker(c) }) {
				t.Fatalf("invalid ticker accepted: %+v", b)
			}
		}
		again, err := parseAliases(strings.NewReader(formatBlocks(blocks)), "aliases")
		if err != nil || !sameBlocks(blocks, again) {
			t.Fatalf("round trip changed the blocks: %v\n%+v\n%+v", err, blocks, again)
		}
	})
}
