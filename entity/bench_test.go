package entity

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

// article800 returns the first 800 words of the testdata articles, with
// their paragraphs, split into sentences.
func article800(b *testing.B) []text.Sentence {
	b.Helper()
	var doc strings.Builder
	words := 0
	for _, f := range []string{"testdata/aws-silicon.txt", "testdata/retail-earnings.txt"} {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.SplitAfter(string(data), "\n") {
			for _, w := range strings.SplitAfter(line, " ") {
				if words == 800 {
					return text.Split(doc.String())
				}
				doc.WriteString(w)
				words++
			}
		}
	}
	b.Fatal("testdata articles have fewer than 800 words")
	return nil
}

// BenchmarkLinkArticle links an 800-word news article.
func BenchmarkLinkArticle(b *testing.B) {
	l := Default()
	sents := article800(b)
	b.ReportAllocs()
	for b.Loop() {
		l.Link(sents)
	}
}

// BenchmarkLinkHeadline links a one-line headline.
func BenchmarkLinkHeadline(b *testing.B) {
	l := Default()
	sents := text.Split("Nvidia shares slide as Microsoft trims AI spending plans")
	b.ReportAllocs()
	for b.Loop() {
		l.Link(sents)
	}
}

// BenchmarkNew builds a linker from the embedded data and reports the heap
// it keeps.
func BenchmarkNew(b *testing.B) {
	var keep *Linker
	b.ReportAllocs()
	for b.Loop() {
		l, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		keep = l
	}
	b.StopTimer()
	var before, after runtime.MemStats
	keep = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	keep, _ = New(Options{})
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
	runtime.KeepAlive(keep)
}
