package extract

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkHTML extracts the golden pages in turn. Run it on one core for
// the figure that matters: go test -bench HTML -cpu 1 ./extract
func BenchmarkHTML(b *testing.B) {
	names := []string{"newswire-earnings.html", "blog-post.html", "split-body.html"}
	var pages [][]byte
	size := 0
	for _, n := range names {
		raw, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
		size += len(raw)
	}
	b.SetBytes(int64(size / len(pages)))
	b.ReportAllocs()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := HTML(ctx, pages[i%len(pages)], Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkText(b *testing.B) {
	s := "Copper hits a two-year high\n\n" + prose + "\n\n" + prose + "\n\nJane Doe is a reporter at the Example Times."
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Text(context.Background(), s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
