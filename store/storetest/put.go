package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

func testPutRaw(t *testing.T, s store.Store) {
	a := news("Acme beats estimates", 0)
	a.ID, a.Author, a.Language, a.PublishedFrom = "line-7", "Jane Doe", "en", "json-ld"
	a.CanonicalURL = "https://news.example/acme"
	a.Fetched = base.Add(time.Hour).UTC()
	id := putRaw(t, s, a)
	st := get(t, s, id)
	if st.State != store.Pending || st.Analysis != nil {
		t.Errorf("state %q analysis %v, want pending without analysis", st.State, st.Analysis)
	}
	if diff := articleDiff(st.Article, a); diff != "" {
		t.Errorf("article round trip: %s", diff)
	}
	if string(st.Raw) != "<html>"+a.Title+"</html>" {
		t.Errorf("raw %q", st.Raw)
	}
	if !st.Time.Equal(a.Published) {
		t.Errorf("time %v, want published %v", st.Time, a.Published)
	}
	if _, err := s.Get(context.Background(), id+1000); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get(unknown) error %v, want ErrNotFound", err)
	}
}

func testDuplicates(t *testing.T, s store.Store) {
	orig := news("Acme to buy Widget Co", 0)
	orig.CanonicalURL = "https://News.Example/deals/acme-widget/?utm_source=rss&b=2&a=1"
	id := putRaw(t, s, orig)
	tests := []struct {
		name string
		edit func(a *article.Article)
		dup  bool
	}{
		{"same canonical URL, other text", func(a *article.Article) {
			a.Title, a.Body = "Acme agrees Widget deal", "Other text."
			a.CanonicalURL = "https://news.example/deals/acme-widget?a=1&b=2#top"
		}, true},
		{"same text, other URL", func(a *article.Article) {
			a.URL, a.CanonicalURL = "https://mirror.example/x", ""
		}, true},
		{"same text in other case and spacing", func(a *article.Article) {
			a.URL, a.CanonicalURL = "", ""
			a.Title = "  ACME to buy   widget co "
		}, true},
		{"other text, other URL", func(a *article.Article) {
			a.URL, a.CanonicalURL, a.Title = "https://news.example/other", "", "Acme sells Gadget unit"
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := orig
			tc.edit(&a)
			res, err := s.PutRaw(context.Background(), store.Raw{Article: a})
			if err != nil {
				t.Fatal(err)
			}
			if res.Duplicate != tc.dup || (tc.dup && res.ID != id) {
				t.Errorf("got %+v, want duplicate=%v of %d", res, tc.dup, id)
			}
		})
	}
}

func testEmpty(t *testing.T, s store.Store) {
	_, err := s.PutRaw(context.Background(), store.Raw{Article: article.Article{URL: "https://x.example/"}})
	if !errors.Is(err, store.ErrEmpty) {
		t.Errorf("error %v, want ErrEmpty", err)
	}
}

func testConcurrentPutRaw(t *testing.T, s store.Store) {
	const n = 16
	a := news("Acme shares jump", 0)
	results := make([]store.PutResult, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = s.PutRaw(context.Background(), store.Raw{Article: a})
		}()
	}
	wg.Wait()
	stored := 0
	for i, r := range results {
		if errs[i] != nil {
			t.Fatalf("goroutine %d: %v", i, errs[i])
		}
		if r.ID != results[0].ID {
			t.Errorf("goroutine %d got id %d, want %d", i, r.ID, results[0].ID)
		}
		if !r.Duplicate {
			stored++
		}
	}
	if stored != 1 {
		t.Errorf("%d goroutines stored the article, want 1", stored)
	}
	if p, _ := s.Pending(context.Background(), 0); len(p) != 1 {
		t.Errorf("%d pending articles, want 1", len(p))
	}
}

func testPutAnalysis(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := news("Acme raises guidance", 0)
	an := analysis("m1", 0.5, tick{"ACME", 0.9, 0.6}, tick{"WID", 0.3, -0.2})
	an.Topics = []article.Topic{{ID: "guidance", Name: "Guidance", Relevance: 0.8}}
	id := putAnalysed(t, s, a, an)
	st := get(t, s, id)
	if st.State != store.Analysed || st.Analysis == nil {
		t.Fatalf("state %q analysis %v, want analysed", st.State, st.Analysis)
	}
	if diff := articleDiff(st.Analysis.Article, a); diff != "" {
		t.Errorf("analysis article: %s", diff)
	}
	an.Article = st.Analysis.Article
	if !reflect.DeepEqual(*st.Analysis, an) {
		t.Errorf("analysis round trip:\n got %+v\nwant %+v", *st.Analysis, an)
	}
	if p, _ := s.Pending(ctx, 0); len(p) != 0 {
		t.Errorf("pending %v, want none", ids(p))
	}
	if err := s.PutAnalysis(ctx, id+1000, an); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("PutAnalysis(unknown) error %v, want ErrNotFound", err)
	}
}

func testReanalysis(t *testing.T, s store.Store) {
	ctx := context.Background()
	id := putAnalysed(t, s, news("Acme and Widget", 0), analysis("m1", 0, tick{"ACME", 0.9, 0.1}, tick{"WID", 0.5, 0}))
	for _, tk := range []string{"ACME", "WID"} {
		if err := s.SetNovelty(ctx, id, tk, 0.7); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutAnalysis(ctx, id, analysis("m2", 0.2, tick{"ACME", 0.8, 0.3}, tick{"GIZ", 0.4, 0})); err != nil {
		t.Fatal(err)
	}
	st := get(t, s, id)
	want := map[string]float64{"ACME": 0.7}
	if !reflect.DeepEqual(st.Novelty, want) || st.Analysis.Model != "m2" {
		t.Errorf("novelty %v model %q, want %v m2", st.Novelty, st.Analysis.Model, want)
	}
}

func testPending(t *testing.T, s store.Store) {
	var want []int64
	for i, title := range []string{"First story", "Second story", "Third story"} {
		want = append(want, putRaw(t, s, news(title, -i)))
	}
	got, err := s.Pending(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ids(got), want[:2]) || len(got[0].Raw) == 0 {
		t.Errorf("pending %v, want %v with raw input", ids(got), want[:2])
	}
}

func testStale(t *testing.T, s store.Store) {
	old := putAnalysed(t, s, news("Old model story", 0), analysis("m1", 0))
	putAnalysed(t, s, news("New model story", 1), analysis("m2", 0))
	putRaw(t, s, news("Pending story", 2))
	got, err := s.Stale(context.Background(), "m2", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ids(got), []int64{old}) {
		t.Errorf("stale %v, want [%d]", ids(got), old)
	}
}

func testImport(t *testing.T, s store.Store) {
	ctx := context.Background()
	first := putRaw(t, s, news("Already here", 0))
	recs := []store.Record{
		{Raw: store.Raw{Article: news("Imported one", 1)}, Analysis: analysis("m1", 0.1, tick{"ACME", 1, 0.1}),
			Cluster: 42, Novelty: map[string]float64{"ACME": 0.25}},
		{Raw: store.Raw{Article: news("Already here", 0)}, Analysis: analysis("m1", 0)},
	}
	res, err := s.Import(ctx, recs)
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Duplicate || !res[1].Duplicate || res[1].ID != first {
		t.Fatalf("results %+v, want new then duplicate of %d", res, first)
	}
	st := get(t, s, res[0].ID)
	if st.State != store.Analysed || st.Cluster != 42 || st.Novelty["ACME"] != 0.25 {
		t.Errorf("imported %q cluster %d novelty %v", st.State, st.Cluster, st.Novelty)
	}
}

func testClusterNovelty(t *testing.T, s store.Store) {
	ctx := context.Background()
	id := putAnalysed(t, s, news("Cluster story", 0), analysis("m1", 0, tick{"ACME", 1, 0}))
	if err := s.SetCluster(ctx, id, 7); err != nil {
		t.Fatal(err)
	}
	if st := get(t, s, id); st.Cluster != 7 {
		t.Errorf("cluster %d, want 7", st.Cluster)
	}
	if err := s.SetNovelty(ctx, id, "NOPE", 0.5); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetNovelty(absent ticker) error %v, want ErrNotFound", err)
	}
	if err := s.SetCluster(ctx, id+1000, 1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetCluster(unknown) error %v, want ErrNotFound", err)
	}
}

// testSeqClash stores two articles of the same millisecond whose content
// hashes share their first 16 bits, which the stores use to order ties.
func testSeqClash(t *testing.T, s store.Store) {
	a := news("Clash story 0", 0)
	prefix := store.ContentHash(a)[:4]
	b := a
	for i := 1; ; i++ {
		b.Title, b.URL = fmt.Sprintf("Clash story %d", i), fmt.Sprintf("https://news.example/clash/%d", i)
		if store.ContentHash(b)[:4] == prefix {
			break
		}
	}
	ida, idb := putRaw(t, s, a), putRaw(t, s, b)
	for _, id := range []int64{ida, idb} {
		if err := s.PutAnalysis(context.Background(), id, analysis("m1", 0)); err != nil {
			t.Fatal(err)
		}
	}
	p, err := s.Search(context.Background(), store.Query{Text: "clash"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Articles) != 2 {
		t.Errorf("search found %v, want %d and %d", ids(p.Articles), ida, idb)
	}
}
