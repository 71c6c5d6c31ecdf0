package story

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const original = `Acme Robotics said on Tuesday that third-quarter revenue rose 18% to $4.1 billion, beating analyst estimates, as carmakers and electronics makers ordered more factory robots. The company raised its full-year forecast and announced a $500 million share buyback. Chief executive Dana Whitfield said demand in Europe had recovered faster than expected, while orders from China remained weak. Operating margin widened to 14% from 11% a year earlier. Shares rose 6% in after-hours trading. Analysts at two brokerages raised their price targets, citing stronger demand for industrial automation across Europe and North America. The company will report fourth-quarter results in February, and it expects capital spending of about $300 million next year as it expands a plant in Ohio. Rival Botworks, which reports next week, has warned that price competition from Asian makers of collaborative robots is squeezing margins across the industry.`

const unrelated = `The Federal Reserve held interest rates steady on Wednesday and said inflation remained elevated, while officials signalled two cuts later in the year. Treasury yields rose after the decision and bank stocks gained, while homebuilders fell as mortgage rates climbed to their highest level since January.`

func TestFingerprintSimilarity(t *testing.T) {
	tests := []struct {
		name    string
		a, b    string
		maxDist int
		minDist int
	}{
		{"identical", original, original, 0, 0},
		{"case and spacing", original, strings.ToUpper(strings.ReplaceAll(original, " ", "  ")), 0, 0},
		{"syndicated copy with a new headline and credit line",
			original, "Acme beats forecasts, lifts outlook\n\n" + original + " (Reporting by Staff; Editing by Desk)", DefaultMaxDistance, 0},
		{"lightly edited copy", original, strings.Replace(strings.Replace(original, "on Tuesday", "on Tuesday evening", 1), "rose 6%", "jumped 6%", 1), DefaultMaxDistance, 0},
		{"different story", original, unrelated, 64, DefaultMaxDistance + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Distance(Fingerprint(tt.a), Fingerprint(tt.b))
			if d > tt.maxDist || d < tt.minDist {
				t.Fatalf("distance %d, want %d..%d", d, tt.minDist, tt.maxDist)
			}
		})
	}
}

func TestFingerprintEmptyAndShort(t *testing.T) {
	if Fingerprint("") != 0 || Fingerprint(" ... ") != 0 {
		t.Fatal("empty text must have fingerprint 0")
	}
	if Fingerprint("Acme") == 0 {
		t.Fatal("a one-word text still has a fingerprint")
	}
}

func TestIndexClustersCopiesAndDecaysNovelty(t *testing.T) {
	ix := NewIndex()
	t0 := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	fp := Fingerprint(original)
	var got []string
	for i := 0; i < 4; i++ {
		a := ix.Add(Item{ID: fmt.Sprintf("copy%d", i), Published: t0.Add(time.Duration(i) * time.Hour), Fingerprint: fp, Tickers: []string{"ACME"}})
		got = append(got, fmt.Sprintf("%s:%v", a.Cluster, a.Novelty["ACME"]))
	}
	want := []string{"copy0:100", "copy0:75", "copy0:56", "copy0:42"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	other := ix.Add(Item{ID: "fed", Published: t0.Add(time.Hour), Fingerprint: Fingerprint(unrelated), Tickers: []string{"JPM"}})
	if other.Cluster != "fed" || other.Novelty["JPM"] != 100 {
		t.Fatalf("unrelated story: %+v", other)
	}
}

func TestNoveltyIsPerTickerAndResetsAfterADay(t *testing.T) {
	ix := NewIndex()
	t0 := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	fp := Fingerprint(original)
	ix.Add(Item{ID: "a", Published: t0, Fingerprint: fp, Tickers: []string{"ACME"}})
	b := ix.Add(Item{ID: "b", Published: t0.Add(time.Hour), Fingerprint: fp, Tickers: []string{"ACME", "BOTW"}})
	if b.Novelty["ACME"] != 75 || b.Novelty["BOTW"] != 100 {
		t.Fatalf("per-ticker novelty: %v", b.Novelty)
	}
	c := ix.Add(Item{ID: "c", Published: t0.Add(30 * time.Hour), Fingerprint: fp, Tickers: []string{"ACME"}})
	if c.Cluster != "a" || c.Novelty["ACME"] != 100 {
		t.Fatalf("after 24 h the chain restarts: %+v", c)
	}
}

func TestIndexExpiresOldArticles(t *testing.T) {
	ix := NewIndex()
	t0 := time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)
	ix.Add(Item{ID: "old", Published: t0, Fingerprint: Fingerprint(original)})
	a := ix.Add(Item{ID: "new", Published: t0.Add(10 * 24 * time.Hour), Fingerprint: Fingerprint(original)})
	if a.Cluster != "new" || ix.Len() != 1 {
		t.Fatalf("old article not expired: cluster %s, len %d", a.Cluster, ix.Len())
	}
}

// BenchmarkIndexAdd adds a day of news at one article a second: distinct
// stories, each arriving in about four copies.
func BenchmarkIndexAdd(b *testing.B) {
	ix := NewIndex()
	t0 := time.Now()
	rng := rand.New(rand.NewPCG(1, 2))
	fps := make([]uint64, 1<<16)
	for i := range fps {
		fps[i] = rng.Uint64()
	}
	i := 0
	for b.Loop() {
		fp := fps[(i/4)%len(fps)] ^ 1<<(i%64)
		ix.Add(Item{ID: fmt.Sprint(i), Published: t0.Add(time.Duration(i) * time.Second), Fingerprint: fp, Tickers: []string{"ACME"}})
		i++
	}
}
