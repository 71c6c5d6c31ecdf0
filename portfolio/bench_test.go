package portfolio

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/sqlite"
	"github.com/tickerwire/tickerwire/store/storetest"
)

// benchArticles is the size of the benchmark store: modest, so the setup
// takes seconds.
const benchArticles = 20_000

// benchBook is a 20-holding portfolio of synthetic-store tickers.
const benchBook = "AAPL\nNVDA\nMSFT\nTSLA\nAMZN\nGOOGL\nMETA\nJPM\nAMD\nNFLX\nBA\nINTC\nXOM\nWMT\nGS\nBAC\nDIS\nPFE\nKO\nDASH\n"

func benchService(b *testing.B) *Service {
	st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	storetest.Fill(b, st, benchArticles)
	svc := &Service{Store: st}
	if _, err := svc.ImportCSV(context.Background(), "book", strings.NewReader(benchBook)); err != nil {
		b.Fatal(err)
	}
	return svc
}

// BenchmarkAnalyze times the analytics of a 20-holding portfolio over a
// day, a month and a year of a 20,000-article store.
func BenchmarkAnalyze(b *testing.B) {
	svc := benchService(b)
	for _, days := range []int{1, 30, 365} {
		b.Run(fmt.Sprintf("%ddays", days), func(b *testing.B) {
			from := store.GenerateEnd.Add(-time.Duration(days) * 24 * time.Hour)
			for b.Loop() {
				if _, err := svc.Analyze(context.Background(), "book", from, store.GenerateEnd); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAnalyzeWholeStore times the analytics of a portfolio of every
// ticker of the synthetic store (82 holdings, all with news) over a year.
func BenchmarkAnalyzeWholeStore(b *testing.B) {
	svc := benchService(b)
	tickers, err := os.ReadFile(filepath.Join("..", "store", "synthetic", "tickers.txt"))
	if err != nil {
		b.Fatal(err)
	}
	var book strings.Builder
	for _, line := range strings.Split(string(tickers), "\n") {
		if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(f[0], "#") {
			book.WriteString(f[0] + "\n")
		}
	}
	if _, err := svc.ImportCSV(context.Background(), "all", strings.NewReader(book.String())); err != nil {
		b.Fatal(err)
	}
	from := store.GenerateEnd.Add(-365 * 24 * time.Hour)
	for b.Loop() {
		if _, err := svc.Analyze(context.Background(), "all", from, store.GenerateEnd); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportHTML times a daily report written as HTML.
func BenchmarkReportHTML(b *testing.B) {
	svc := benchService(b)
	from := store.GenerateEnd.Add(-24 * time.Hour)
	for b.Loop() {
		r, err := svc.Report(context.Background(), "book", from, store.GenerateEnd)
		if err != nil {
			b.Fatal(err)
		}
		if err := r.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
