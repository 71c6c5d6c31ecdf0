package summary

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

const earnings = `Acme Robotics raises outlook after record quarter

Acme Robotics reported third-quarter revenue of $4.1 billion, up 18% from a year earlier, and raised its full-year outlook.
The weather in Boston was mild on Thursday.
Operating margin widened to 14% from 11% as factory automation orders climbed.
Chief Executive Dana Whitfield said demand from carmakers remained strong.
The company will host an investor day in March.
Shares of Acme Robotics rose 6% in after-hours trading.
Analysts had expected revenue of $3.9 billion.
Acme Robotics also announced a $500 million buyback.
The stock has gained 40% this year.
A spokesperson declined to comment on the timing of the event.
Rival Botworks is due to report next week.
Several investors attended the call.`

func TestSelectPrefersLeadFiguresAndTitleWords(t *testing.T) {
	sents := text.Split(earnings)
	tickers := make([][]string, len(sents))
	for i, s := range sents {
		if strings.Contains(s.Text, "Acme") || strings.HasPrefix(s.Text, "The company") {
			tickers[i] = []string{"ACME"}
		}
	}
	got := Select(Input{Sentences: sents, HasTitle: true, Tickers: tickers, Relevance: map[string]float64{"ACME": 0.9}})
	if len(got) != 2 && len(got) != 3 {
		t.Fatalf("got %d sentences, want 2-3", len(got))
	}
	if got[0] != 1 {
		t.Errorf("first pick = %q, want the lead sentence", sents[got[0]].Text)
	}
	for _, i := range got {
		if strings.Contains(sents[i].Text, "weather") || strings.Contains(sents[i].Text, "spokesperson") {
			t.Errorf("picked filler sentence %q", sents[i].Text)
		}
		if sents[i].Para == 0 {
			t.Errorf("picked the title")
		}
	}
	if !sortedAscending(got) {
		t.Errorf("indices %v not in article order", got)
	}
}

func sortedAscending(xs []int) bool {
	for i := 1; i < len(xs); i++ {
		if xs[i] <= xs[i-1] {
			return false
		}
	}
	return true
}

func TestSelectSizes(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want int
	}{
		{"empty", "", 0},
		{"title only", "Acme shares jump", 0},
		{"one usable sentence", "Title\n\nAcme Robotics reported record revenue for the quarter on Thursday.", 1},
		{"long article", "Title\n\n" + strings.Repeat("Acme Robotics reported record revenue for the quarter again. Margins widened on strong robot demand today. ", 20), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Select(Input{Sentences: text.Split(tt.doc), HasTitle: true})
			if len(got) != tt.want {
				t.Fatalf("got %d sentences, want %d", len(got), tt.want)
			}
		})
	}
}

func TestSelectAvoidsNearDuplicates(t *testing.T) {
	doc := "Title\n\nAcme Robotics reported record quarterly revenue of $4 billion. Acme Robotics reported record quarterly revenue of $4 billion, it said. Margins widened to 14% as orders climbed sharply. Chief Executive Dana Whitfield expects strong demand next year."
	sents := text.Split(doc)
	got := Select(Input{Sentences: sents, HasTitle: true})
	if reflect.DeepEqual(got[:2], []int{1, 2}) {
		t.Fatalf("picked two near-identical sentences: %v", got)
	}
}

func TestExtremes(t *testing.T) {
	tests := []struct {
		scores   []float64
		pos, neg int
	}{
		{[]float64{0.1, 0.6, -0.4, 0.3}, 1, 2},
		{[]float64{0.05, -0.05}, -1, -1},
		{nil, -1, -1},
	}
	for _, tt := range tests {
		p, n := Extremes(tt.scores, 0.15)
		if p != tt.pos || n != tt.neg {
			t.Errorf("Extremes(%v) = %d, %d; want %d, %d", tt.scores, p, n, tt.pos, tt.neg)
		}
	}
}
