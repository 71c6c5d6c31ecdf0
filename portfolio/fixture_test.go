package portfolio

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/entity"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/postgres"
	"github.com/tickerwire/tickerwire/store/sqlite"
)

// fakeMaster is a security master of three fictional companies; GAMMA is
// a share class of CCC.
type fakeMaster map[string]entity.Security

var master = fakeMaster{
	"AAA":   {Ticker: "AAA", Name: "Alpha Apps", Sector: "Information Technology"},
	"BBB":   {Ticker: "BBB", Name: "Beta Barrels", Sector: "Energy"},
	"CCC":   {Ticker: "CCC", Name: "Gamma Chips", Sector: "Information Technology"},
	"GAMMA": {Ticker: "CCC", Name: "Gamma Chips", Sector: "Information Technology"},
	"DDD":   {Ticker: "DDD", Name: "Delta Dairy"},
}

func (m fakeMaster) Lookup(name string) (entity.Security, bool) {
	s, ok := m[strings.ToUpper(strings.TrimPrefix(name, "$"))]
	return s, ok
}

// mention is a ticker of a test article: relevance and sentiment.
type mention struct {
	ticker    string
	rel, sent float64
}

// story is a test article.
type story struct {
	at      string // RFC 3339
	title   string
	tickers []mention
	topics  []article.Topic
	cluster int64
}

// stories are the articles of the hand-computed expectations. The range
// of the tests is [2026-03-02, 2026-03-05), its previous period
// [2026-02-27, 2026-03-02).
var stories = []story{
	{"2026-02-28T10:00:00Z", "Alpha Apps opens a new office", []mention{{"AAA", 1.0, 0.2}}, nil, 0},
	{"2026-03-02T10:00:00Z", "Alpha Apps beats estimates and buys a Beta Barrels unit",
		[]mention{{"AAA", 0.8, 0.5}, {"BBB", 0.2, -0.5}},
		[]article.Topic{{ID: "earnings", Relevance: 0.5}, {ID: "mergers_acquisitions", Relevance: 1.0}}, 7},
	{"2026-03-02T15:00:00Z", "Alpha Apps guidance disappoints some analysts", []mention{{"AAA", 0.4, -0.2}},
		[]article.Topic{{ID: "earnings", Relevance: 1.0}}, 0},
	{"2026-03-03T09:00:00Z", "Beta Barrels sued over a pipeline leak", []mention{{"BBB", 1.0, -0.6}},
		[]article.Topic{{ID: "litigation", Relevance: 0.8}}, 0},
	{"2026-03-04T12:00:00Z", "Alpha Apps wins a record cloud contract", []mention{{"AAA", 1.0, 0.8}}, nil, 0},
}

var (
	rangeFrom = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	rangeTo   = time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
)

// holdingsCSV weighs AAA 50, BBB 30, CCC 20; ZZZ is unknown, so the known
// weights are 0.5, 0.3 and 0.2.
const holdingsCSV = "ticker,weight,sector\nAAA,50%,\nBBB,30%,\nCCC,20%,\nZZZ,10%,\n"

func (s story) record() store.Record {
	at, err := time.Parse(time.RFC3339, s.at)
	if err != nil {
		panic(err)
	}
	a := article.Article{URL: "https://news.example/" + strings.ReplaceAll(strings.ToLower(s.title), " ", "-"),
		Title: s.title, Body: s.title + ". More detail follows in the body.", Site: "news.example", Published: at}
	an := article.Analysis{
		Summary:      []string{s.title + ".", "Analysts weighed the news."},
		Sentiment:    article.NewScore(0, nil),
		Topics:       s.topics,
		MostPositive: -1, MostNegative: -1, Model: "test/1",
	}
	for _, m := range s.tickers {
		an.Tickers = append(an.Tickers, article.TickerSentiment{Ticker: m.ticker, Name: master[m.ticker].Name,
			Relevance: m.rel, Sentiment: article.NewScore(m.sent, nil), Mentions: 2, Surfaces: []string{m.ticker}})
	}
	return store.Record{Raw: store.Raw{Article: a}, Analysis: an, Cluster: s.cluster}
}

// newService returns a service over a new SQLite store holding stories and
// the portfolio "core" of holdingsCSV.
func newService(t *testing.T) *Service {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tickerwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	return fill(t, st)
}

// eachStore runs f as a subtest on a service over SQLite and one over
// PostgreSQL (TICKERWIRE_TEST_POSTGRES, else the local test database; the
// subtest skips when no server answers), both filled as by newService.
func eachStore(t *testing.T, f func(t *testing.T, svc *Service)) {
	t.Run("sqlite", func(t *testing.T) { f(t, newService(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, fill(t, openPostgres(t))) })
}

// openPostgres opens a store in a new schema of the test database, dropped
// when t ends.
func openPostgres(t *testing.T) store.Store {
	t.Helper()
	dsn := os.Getenv("TICKERWIRE_TEST_POSTGRES")
	if dsn == "" {
		dsn = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("TICKERWIRE_TEST_POSTGRES: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.PingContext(ctx); err != nil {
		t.Skipf("no PostgreSQL at %s (%v): set TICKERWIRE_TEST_POSTGRES to a reachable DSN", dsn, err)
	}
	schema := fmt.Sprintf("tw_portfolio_%d", time.Now().UnixNano())
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Exec("DROP SCHEMA " + schema + " CASCADE") })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// fill stores the stories and the portfolio "core" in st, closed when t
// ends, and returns a service over it.
func fill(t *testing.T, st store.Store) *Service {
	t.Helper()
	ctx := context.Background()
	t.Cleanup(func() { st.Close() })
	recs := make([]store.Record, len(stories))
	for i, s := range stories {
		recs[i] = s.record()
	}
	if _, err := st.Import(ctx, recs); err != nil {
		t.Fatal(err)
	}
	svc := &Service{Store: st, Master: master}
	if _, err := svc.ImportCSV(ctx, "core", strings.NewReader(holdingsCSV)); err != nil {
		t.Fatal(err)
	}
	return svc
}
