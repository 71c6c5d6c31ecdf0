package topic

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tickerwire/tickerwire/internal/golden"
	"github.com/tickerwire/tickerwire/text"
)

func TestTagArticleMatchesGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(Default().Tag(text.Split(string(doc))), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, strings.TrimSuffix(f, ".txt")+".golden.json", append(got, '\n'))
		})
	}
}

func TestTagIsSafeForConcurrentUse(t *testing.T) {
	sents := text.Split("Nvidia beat estimates and raised guidance\n\nThe Fed held rates steady.")
	want := Default().Tag(sents)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := Default().Tag(sents); len(got) != len(want) || got[0] != want[0] {
					t.Errorf("concurrent Tag = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestModelSurvivesWriteAndRead(t *testing.T) {
	m := Default().m
	var buf bytes.Buffer
	if err := m.writeTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := readModel(buf.Bytes())
	if err != nil {
		t.Fatalf("readModel error: %v", err)
	}
	if !bytes.Equal(int8Bytes(got.w), int8Bytes(m.w)) || len(got.labels) != len(m.labels) || got.bits != m.bits {
		t.Error("model read back differs from the model written")
	}
	if _, err := readModel([]byte("not gzip")); err == nil {
		t.Error("readModel(garbage) error = nil, want an error")
	}
}

func int8Bytes(xs []int8) []byte {
	out := make([]byte, len(xs))
	for i, x := range xs {
		out[i] = byte(x)
	}
	return out
}

func FuzzTag(f *testing.F) {
	f.Add("Nvidia beat estimates and raised guidance")
	f.Add("The Fed held rates steady.\n\nBonds rallied ... $TLT +2%")
	f.Add("")
	f.Fuzz(func(t *testing.T, doc string) {
		for _, tp := range Default().Tag(text.Split(doc)) {
			if tp.Relevance < Threshold || tp.Relevance > 1 || tp.ID == "" {
				t.Errorf("Tag(%q) gave %+v, want relevance in [%v, 1] and an id", doc, tp, Threshold)
			}
		}
	})
}

func BenchmarkTag(b *testing.B) {
	doc, err := os.ReadFile("testdata/amazon_trainium.txt")
	if err != nil {
		b.Fatal(err)
	}
	article := strings.Repeat(string(doc)+"\n\n", 4) // about 820 words
	cases := []struct{ name, doc string }{
		{"headline", "Nvidia beat estimates and raised guidance as data center sales soared"},
		{"article", article},
	}
	for _, c := range cases {
		sents := text.Split(c.doc)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.doc)))
			b.ReportAllocs()
			for b.Loop() {
				Default().Tag(sents)
			}
		})
	}
}
