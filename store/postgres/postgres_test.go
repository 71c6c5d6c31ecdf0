package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/storetest"
)

const defaultDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// testDSN returns the DSN of a fresh schema on the test server, dropped when
// t ends, or skips t when no server answers.
func testDSN(t testing.TB) string {
	dsn := os.Getenv("TICKERWIRE_TEST_POSTGRES")
	if dsn == "" {
		dsn = defaultDSN
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("TICKERWIRE_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		t.Skipf("no PostgreSQL at %s (%v): start one (e.g. apt-get install postgresql && "+
			"service postgresql start, trust auth for user postgres, database test) or set "+
			"TICKERWIRE_TEST_POSTGRES to a reachable DSN", dsn, err)
	}
	b := make([]byte, 8)
	rand.Read(b)
	schema := "tw_test_" + hex.EncodeToString(b)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, dsn, schema)
}

func withSearchPath(t testing.TB, dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" {
		return dsn + " search_path=" + schema
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := Open(context.Background(), testDSN(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

func TestOpenTwiceMigratesOnce(t *testing.T) {
	dsn := testDSN(t)
	for range 2 {
		s, err := Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// benchSize is the number of articles of the benchmarks, as for SQLite.
const benchSize = 20_000

func benchStore(b *testing.B) store.Store {
	s, err := Open(context.Background(), testDSN(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	storetest.Fill(b, s, benchSize)
	return s
}

func BenchmarkTimeSeries(b *testing.B) { storetest.BenchTimeSeries(b, benchStore(b)) }

func BenchmarkSearch(b *testing.B) { storetest.BenchSearch(b, benchStore(b)) }
