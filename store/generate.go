package store

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/article"
)

// GenerateBatch is how many records Generate imports per transaction.
const GenerateBatch = 5000

// GenerateModel is the Model of the analyses Generate makes.
const GenerateModel = "synthetic-1"

// GenerateEnd is the end of the two years over which Generate spreads
// publication times.
var GenerateEnd = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Generate fills s with n synthetic analysed articles for load tests and
// benchmarks, GenerateBatch per Import. The same seed gives the same
// articles. Distributions resemble a news feed: tickers, topics and words
// follow Zipf laws (a few very common, a long tail), most articles name one
// to three tickers, and publication times fall over the two years before
// GenerateEnd, mostly on weekdays in business hours. progress, when not
// nil, is called with the number of articles done after each batch.
func Generate(ctx context.Context, s Store, n int, seed int64, progress func(done int)) error {
	v, err := loadVocabulary()
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	g := newGenerator(v, seed)
	recs := make([]Record, 0, GenerateBatch)
	for done := 0; done < n; {
		recs = recs[:0]
		for i := 0; i < GenerateBatch && done+i < n; i++ {
			recs = append(recs, g.record(done+i))
		}
		if _, err := s.Import(ctx, recs); err != nil {
			return fmt.Errorf("generate: %w", err)
		}
		done += len(recs)
		if progress != nil {
			progress(done)
		}
	}
	return nil
}

// generator draws synthetic records.
type generator struct {
	v                     vocabulary
	r                     *rand.Rand
	tickers, topics, word *rand.Zipf
	bias                  []float64 // per-ticker mean sentiment
	seed                  int64
}

func newGenerator(v vocabulary, seed int64) *generator {
	r := rand.New(rand.NewSource(seed))
	g := &generator{
		v:       v,
		r:       r,
		tickers: rand.NewZipf(r, 1.1, 2, uint64(len(v.tickers)-1)),
		topics:  rand.NewZipf(r, 1.2, 2, uint64(len(v.topics)-1)),
		word:    rand.NewZipf(r, 1.05, 5, uint64(len(v.words)-1)),
		seed:    seed,
	}
	for range v.tickers {
		g.bias = append(g.bias, r.NormFloat64()*0.15)
	}
	return g
}

// record returns the i-th synthetic record.
func (g *generator) record(i int) Record {
	published := g.published()
	tickers := g.pickTickers()
	an := article.Analysis{Model: GenerateModel, MostPositive: -1, MostNegative: -1}
	overall := g.r.NormFloat64() * 0.3
	nov := make(map[string]float64, len(tickers))
	for k, t := range tickers {
		an.Tickers = append(an.Tickers, g.tickerSentiment(k, t, overall))
		if g.r.Float64() < 0.8 {
			nov[g.v.tickers[t].id] = math.Round(g.r.Float64()*100) / 100
		}
	}
	an.Sentiment = article.NewScore(overall, nil)
	an.Topics = g.pickTopics()
	a := g.article(i, published, tickers)
	an.Summary = []string{a.Title + "."}
	var cluster int64
	if g.r.Float64() < 0.3 {
		cluster = int64(i/4 + 1)
	}
	return Record{Raw: Raw{Article: a}, Analysis: an, Cluster: cluster, Novelty: nov}
}

// published draws a time in the two years before GenerateEnd: weekends
// carry a quarter of a weekday's news, and hours cluster around the
// US trading day.
func (g *generator) published() time.Time {
	for {
		day := GenerateEnd.AddDate(0, 0, -1-g.r.Intn(730))
		wd := day.Weekday()
		if (wd == time.Saturday || wd == time.Sunday) && g.r.Float64() > 0.25 {
			continue
		}
		hour := 15 + g.r.NormFloat64()*3.5 // UTC, centred on mid-morning New York
		offset := time.Duration(math.Mod(hour+24, 24) * float64(time.Hour))
		return day.Add(offset).Truncate(time.Second)
	}
}

// pickTickers returns one to five distinct ticker indexes, mostly one to
// three.
func (g *generator) pickTickers() []int {
	n := 1
	for n < 5 && g.r.Float64() < 0.45 {
		n++
	}
	return g.distinct(n, g.tickers)
}

func (g *generator) distinct(n int, z *rand.Zipf) []int {
	out := make([]int, 0, n)
	for len(out) < n {
		k := int(z.Uint64())
		dup := false
		for _, o := range out {
			dup = dup || o == k
		}
		if !dup {
			out = append(out, k)
		}
	}
	return out
}

// tickerSentiment draws the k-th ticker's entry: the first is the most
// relevant; its sentiment follows the article's and the ticker's bias.
func (g *generator) tickerSentiment(k, t int, overall float64) article.TickerSentiment {
	rel := 0.6 + g.r.Float64()*0.4
	if k > 0 {
		rel = 0.05 + g.r.Float64()*0.5
	}
	s := overall*0.6 + g.bias[t] + g.r.NormFloat64()*0.2
	name := g.v.tickers[t]
	return article.TickerSentiment{
		Ticker: name.id, Name: name.name, Relevance: math.Round(rel*1000) / 1000,
		Sentiment: article.NewScore(math.Round(s*1000)/1000, nil),
		Mentions:  1 + g.r.Intn(6), Surfaces: []string{name.name},
	}
}

func (g *generator) pickTopics() []article.Topic {
	n := g.r.Intn(3)
	var out []article.Topic
	for _, k := range g.distinct(n, g.topics) {
		t := g.v.topics[k]
		out = append(out, article.Topic{ID: t.id, Name: t.name, Relevance: math.Round(g.r.Float64()*100) / 100})
	}
	return out
}

// article writes the text: a title naming the first ticker and a body of
// two to five paragraphs of 31 to 46 words, each naming one of the
// tickers in turn.
func (g *generator) article(i int, published time.Time, tickers []int) article.Article {
	site := fmt.Sprintf("wire%d.example", g.r.Intn(20))
	first := g.v.tickers[tickers[0]].name
	title := first + " " + g.words(4+g.r.Intn(6))
	var body strings.Builder
	for p := 0; p < 2+g.r.Intn(4); p++ {
		if p > 0 {
			body.WriteString("\n\n")
		}
		body.WriteString(g.v.tickers[tickers[p%len(tickers)]].name + " " + g.words(30+g.r.Intn(16)) + ".")
	}
	return article.Article{
		URL:       fmt.Sprintf("https://%s/%d/%d-%d", site, published.Year(), g.seed, i),
		Title:     title,
		Body:      body.String(),
		Site:      site,
		Language:  "en",
		Published: published,
	}
}

// words returns n words drawn from the vocabulary, space separated.
func (g *generator) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.v.words[g.word.Uint64()]
	}
	return strings.Join(ws, " ")
}
