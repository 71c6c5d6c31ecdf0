package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/internal/golden"
)

// goldenFetched is when the golden pages are taken to have been fetched.
var goldenFetched = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// goldenURLs are the addresses the golden pages are said to come from.
var goldenURLs = map[string]string{
	"newswire-earnings.html": "https://ledger.example.com/markets/2024/05/17/harbor-freight-lines-earnings?src=feed",
	"blog-post.html":         "https://quietcompounder.example.org/2024/05/17/small-caps-spring/",
	"split-body.html":        "https://courier.example.co.uk/business/water-fines",
}

// TestHTMLGolden extracts whole pages written for these tests and compares
// the articles with testdata/*.golden.json. Run with -update to rewrite
// them after an intended change, and read the diff.
func TestHTMLGolden(t *testing.T) {
	for name, pageURL := range goldenURLs {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			a, err := HTML(context.Background(), raw, Options{URL: pageURL, Fetched: goldenFetched})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(a, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden.Check(t, filepath.Join("testdata", strings.TrimSuffix(name, ".html")+".golden.json"), got)
		})
	}
}

// TestHTMLConcurrentUse extracts the golden pages from several goroutines
// at once; run with -race to check that extraction shares no state.
func TestHTMLConcurrentUse(t *testing.T) {
	var pages [][]byte
	for name := range goldenURLs {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, raw)
	}
	want := make([]string, len(pages))
	for i, raw := range pages {
		a, err := HTML(context.Background(), raw, Options{Fetched: goldenFetched})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = a.Body
	}
	errs := make(chan string, 8*len(pages))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, raw := range pages {
				a, err := HTML(context.Background(), raw, Options{Fetched: goldenFetched})
				if err != nil || a.Body != want[i] {
					errs <- fmt.Sprintf("page %d: %v", i, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
