package store

import (
	"context"
	"reflect"
	"testing"
)

// recorder is a Store that keeps what Import receives; Generate calls no
// other method.
type recorder struct {
	Store
	batches [][]Record
}

func (r *recorder) Import(_ context.Context, recs []Record) ([]PutResult, error) {
	r.batches = append(r.batches, append([]Record(nil), recs...))
	return make([]PutResult, len(recs)), nil
}

func generated(t *testing.T, n int, seed int64) ([]Record, []int) {
	t.Helper()
	var r recorder
	var progress []int
	if err := Generate(context.Background(), &r, n, seed, func(done int) { progress = append(progress, done) }); err != nil {
		t.Fatal(err)
	}
	var all []Record
	for _, b := range r.batches {
		if len(b) > GenerateBatch {
			t.Errorf("batch of %d records, want at most %d", len(b), GenerateBatch)
		}
		all = append(all, b...)
	}
	return all, progress
}

func TestGenerateIsDeterministicAndBatched(t *testing.T) {
	n := GenerateBatch + 10
	a, progress := generated(t, n, 7)
	b, _ := generated(t, n, 7)
	if len(a) != n || !reflect.DeepEqual(a, b) {
		t.Fatalf("got %d records, want %d equal for equal seeds", len(a), n)
	}
	if want := []int{GenerateBatch, n}; !reflect.DeepEqual(progress, want) {
		t.Errorf("progress %v, want %v", progress, want)
	}
	c, _ := generated(t, 10, 8)
	if reflect.DeepEqual(a[:10], c) {
		t.Error("different seeds gave the same records")
	}
}

func TestGenerateDrawsPlausibleArticles(t *testing.T) {
	recs, _ := generated(t, 3000, 1)
	first := map[string]int{}
	hashes := map[string]bool{}
	for i, r := range recs {
		a, an := r.Raw.Article, r.Analysis
		if a.Title == "" || a.Body == "" || URLKey(a) == "" || len(an.Tickers) == 0 || an.Model != GenerateModel {
			t.Fatalf("record %d incomplete: %+v", i, r)
		}
		if a.Published.After(GenerateEnd) || a.Published.Before(GenerateEnd.AddDate(-2, 0, -1)) {
			t.Errorf("record %d published %v outside the two years before %v", i, a.Published, GenerateEnd)
		}
		for _, ts := range an.Tickers {
			if ts.Relevance < 0 || ts.Relevance > 1 || ts.Sentiment.Value < -1 || ts.Sentiment.Value > 1 {
				t.Errorf("record %d ticker %+v out of range", i, ts)
			}
		}
		first[an.Tickers[0].Ticker]++
		hashes[ContentHash(a)] = true
	}
	if len(hashes) != len(recs) {
		t.Errorf("%d distinct texts in %d records", len(hashes), len(recs))
	}
	// Zipf: the most popular ticker leads many articles, yet the tail shows up.
	if first["AAPL"] < len(recs)/20 || len(first) < 30 {
		t.Errorf("AAPL leads %d of %d articles, %d tickers lead any", first["AAPL"], len(recs), len(first))
	}
}

func TestVocabularyLoads(t *testing.T) {
	v, err := loadVocabulary()
	if err != nil {
		t.Fatal(err)
	}
	if len(v.tickers) < 50 || len(v.topics) < 10 || len(v.words) < 200 {
		t.Errorf("vocabulary of %d tickers, %d topics, %d words", len(v.tickers), len(v.topics), len(v.words))
	}
}
