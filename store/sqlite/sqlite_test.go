package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "tickerwire.db"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestReopenListsPendingAfterCrash(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tickerwire.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.PutRaw(ctx, store.Raw{Article: article.Article{Title: "Acme halts trading"}, Data: []byte("raw")})
	if err != nil {
		t.Fatal(err)
	}
	// No Close: a killed process never closes the database.
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	defer s.Close()
	p, err := s2.Pending(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(p) != 1 || p[0].ID != res.ID || string(p[0].Raw) != "raw" {
		t.Fatalf("pending after reopen = %+v, want article %d with its raw input", p, res.ID)
	}
}

func TestOpenTwiceMigratesOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "tickerwire.db")
	for range 2 {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// benchSize is the number of articles of the benchmarks: modest, so the
// setup takes seconds. Figures at one million come from the generator
// command.
const benchSize = 20_000

func benchStore(b *testing.B) store.Store {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	storetest.Fill(b, s, benchSize)
	return s
}

func BenchmarkTimeSeries(b *testing.B) { storetest.BenchTimeSeries(b, benchStore(b)) }

func BenchmarkSearch(b *testing.B) { storetest.BenchSearch(b, benchStore(b)) }
