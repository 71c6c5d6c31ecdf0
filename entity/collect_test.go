package entity

import (
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

func TestInEnumeration(t *testing.T) {
	tests := []struct {
		sentence, name string
		want           bool
	}{
		{"It won clients including Ford, Macy's and Kohl's last year.", "Ford", true},
		{"It won clients including Ford, Macy's and Kohl's last year.", "Macy", true},
		{"Retailers such as Walmart and Target reported results.", "Target", true},
		{"Home Depot, Costco and Target all raised prices.", "Costco", true},
		{"Home Depot, Costco and Target all raised prices.", "Target", true},
		{"Apple and Google signed a search deal on Monday.", "Apple", false},
		{"Apple and Google signed a search deal on Monday.", "Google", false},
		{"Nvidia raised its forecast, and its shares rose.", "Nvidia", false},
		{"Shares of Target fell 9%, the worst day since 2022.", "Target", false},
	}
	for _, tt := range tests {
		t.Run(tt.sentence+"/"+tt.name, func(t *testing.T) {
			toks := text.Tokenize(tt.sentence)
			start := -1
			for i, tok := range toks {
				if strings.HasPrefix(tok.Text, tt.name) {
					start = i
					break
				}
			}
			if start < 0 {
				t.Fatalf("%q not in %q", tt.name, tt.sentence)
			}
			if got := inEnumeration(toks, start, start+1); got != tt.want {
				t.Errorf("inEnumeration = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSpellsAcronym(t *testing.T) {
	tests := []struct {
		before, acronym string
		want            bool
	}{
		{"NASA picked five firms for its Commercial Lunar Payload Services", "CLPS", true},
		{"a deal with the Bank of America", "BOA", true},
		{"a grant from the Department of Energy", "DOE", true},
		{"a grant from the Department of Energy", "DE", true},
		{"Shares of Amazon.com Inc.", "AMZN", false},
		{"shares of Ford Motor", "F", false},
		{"Intuitive Machines", "LUNR", false},
	}
	for _, tt := range tests {
		if got := spellsAcronym(text.Tokenize(tt.before), tt.acronym); got != tt.want {
			t.Errorf("spellsAcronym(%q, %q) = %v, want %v", tt.before, tt.acronym, got, tt.want)
		}
	}
}
