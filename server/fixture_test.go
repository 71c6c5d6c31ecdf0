package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/sqlite"
)

// seed is one hand-written analysed article of the test store.
type seed struct {
	name      string // short name used by the tests
	title     string
	author    string
	published string // RFC 3339
	sentiment float64
	tickers   []tick
	topics    []article.Topic
	cluster   int64
}

type tick struct {
	ticker         string
	relevance, sen float64
	novelty        float64 // < 0: unknown
}

func topics(pairs ...any) []article.Topic {
	var out []article.Topic
	for i := 0; i < len(pairs); i += 2 {
		id := pairs[i].(string)
		out = append(out, article.Topic{ID: id, Name: strings.ReplaceAll(id, "_", " "), Relevance: pairs[i+1].(float64)})
	}
	return out
}

// seeds are the analysed articles of every test store, oldest first.
var seeds = []seed{
	{"nvda-beat", "Nvidia beats estimates as data centre sales surge", "Jane Roe and John Doe", "2026-03-02T09:30:00-05:00", 0.62,
		[]tick{{"NVDA", 0.92, 0.71, 1}}, topics("earnings", 0.9, "semiconductors", 0.7), 11},
	{"aapl-fine", "Apple faces EU antitrust fine over App Store rules", "Ana Lopez", "2026-03-02T16:00:00Z", -0.45,
		[]tick{{"AAPL", 0.85, -0.52, 1}}, topics("antitrust", 0.8, "regulation", 0.6), 0},
	{"aapl-msft", "Apple and Microsoft extend cloud partnership", "", "2026-03-03T09:15:00Z", 0.2,
		[]tick{{"MSFT", 0.7, 0.25, -1}, {"AAPL", 0.6, 0.149999, 0.75}}, topics("partnerships", 0.7, "cloud", 0.6), 0},
	{"fed-hold", "Fed holds rates steady and signals patience", "Economics desk", "2026-03-03T19:00:00Z", -0.05,
		nil, topics("interest_rates", 0.9, "bonds_yields", 0.4), 0},
	{"btc-slide", "Bitcoin slides as a crypto exchange halts withdrawals", "", "2026-03-04T08:00:00Z", -0.7,
		[]tick{{"CRYPTO:BTC", 0.9, -0.71, 1}, {"COIN", 0.5, -0.35, 1}}, topics("crypto", 0.9, "market_moves", 0.5), 0},
	{"nvda-slip", "Nvidia shares slip after export rule report", "Sam Lee", "2026-03-04T13:45:00Z", -0.2,
		[]tick{{"NVDA", 0.8, -0.15, 0.56}}, topics("trade_tariffs", 0.7, "semiconductors", 0.6, "market_moves", 0.5), 11},
}

func (s seed) record() store.Record {
	pub, err := time.Parse(time.RFC3339, s.published)
	if err != nil {
		panic(err)
	}
	slug := strings.ReplaceAll(s.name, "-", "/")
	a := article.Article{
		URL: "https://www.wire.example/" + slug, Title: s.title, Author: s.author, Site: "Example Wire",
		Body:      s.title + ". The first paragraph tells the story.\n\nA second paragraph adds detail.",
		Published: pub, Language: "en",
	}
	an := article.Analysis{
		Summary:   []string{s.title + ".", "A second paragraph adds detail."},
		Sentiment: article.NewScore(s.sentiment, []article.Driver{{Phrase: "story", Weight: s.sentiment / 2}}),
		Topics:    s.topics,
		Sentences: []article.Sentence{
			{Index: 0, Text: s.title + ".", Score: s.sentiment},
			{Index: 1, Text: "The first paragraph tells the story.", Score: 0},
		},
		MostPositive: -1, MostNegative: -1, Model: "test/1",
	}
	if s.sentiment > 0 {
		an.MostPositive = 0
	} else if s.sentiment < 0 {
		an.MostNegative = 0
	}
	nov := map[string]float64{}
	for _, t := range s.tickers {
		an.Tickers = append(an.Tickers, article.TickerSentiment{Ticker: t.ticker, Name: t.ticker + " Inc",
			Relevance: t.relevance, Sentiment: article.NewScore(t.sen, nil), Mentions: 3, Surfaces: []string{t.ticker}})
		an.Sentences[0].Tickers = append(an.Sentences[0].Tickers, t.ticker)
		if t.novelty >= 0 {
			nov[t.ticker] = t.novelty
		}
	}
	return store.Record{Raw: store.Raw{Article: a, Data: []byte("<p>" + s.title + "</p>")}, Analysis: an, Cluster: s.cluster, Novelty: nov}
}

// fixture is a server on loopback over a seeded SQLite store.
type fixture struct {
	t       *testing.T
	url     string
	store   store.Store
	bus     *bus.Bus
	metrics *Metrics
	sub     *fakeSubmitter
	ids     map[string]int64 // seed name -> article id
	pending int64            // an article stored but not analysed
}

// newFixture starts a server; edit changes its Config before New.
func newFixture(t *testing.T, edit func(*Config)) *fixture {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "tickerwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{t: t, store: st, ids: map[string]int64{}, metrics: NewMetrics()}
	recs := make([]store.Record, len(seeds))
	for i, s := range seeds {
		recs[i] = s.record()
	}
	res, err := st.Import(context.Background(), recs)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		f.ids[seeds[i].name] = r.ID
	}
	pr, err := st.PutRaw(context.Background(), store.Raw{Article: article.Article{Title: "Waiting for analysis", Body: "Not analysed yet."}})
	if err != nil {
		t.Fatal(err)
	}
	f.pending = pr.ID
	f.bus = bus.New(bus.Options{FirstSeq: 1000, Logger: quietLog()})
	t.Cleanup(func() { f.bus.Close() })
	f.sub = &fakeSubmitter{store: st}
	cfg := Config{Store: st, Submitter: f.sub, Bus: f.bus, Metrics: f.metrics, Logger: quietLog(), Version: "test"}
	if edit != nil {
		edit(&cfg)
	}
	srv := httptest.NewServer(New(cfg))
	t.Cleanup(srv.Close)
	f.url = srv.URL
	return f
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// do sends a request and returns the response with its body read.
func (f *fixture) do(method, path string, body string, header ...string) (*http.Response, []byte) {
	f.t.Helper()
	req, err := http.NewRequest(method, f.url+path, strings.NewReader(body))
	if err != nil {
		f.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		f.t.Fatal(err)
	}
	return resp, data
}

// getJSON GETs path, expects status and decodes the body into v.
func (f *fixture) getJSON(path string, status int, v any, header ...string) {
	f.t.Helper()
	resp, body := f.do("GET", path, "", header...)
	if resp.StatusCode != status {
		f.t.Fatalf("GET %s: status %d, want %d: %s", path, resp.StatusCode, status, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			f.t.Fatalf("GET %s: %v: %s", path, err, body)
		}
	}
}

// apiErr is the error body of the JSON API.
type apiErr struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// fakeSubmitter stores submissions raw, as the real one does before
// analysing, and stands in for extraction of HTML pages.
type fakeSubmitter struct {
	store store.Store
	err   error
	panic bool

	mu    sync.Mutex
	calls []submissionCall
}

type submissionCall struct {
	a   article.Article
	raw string
}

func (s *fakeSubmitter) Submit(ctx context.Context, a article.Article, raw []byte) (int64, bool, error) {
	s.mu.Lock()
	s.calls = append(s.calls, submissionCall{a, string(raw)})
	s.mu.Unlock()
	if s.panic {
		panic("submitter exploded")
	}
	if s.err != nil {
		return 0, false, s.err
	}
	if a.Title == "" && a.Body == "" {
		a.Title, a.Body = "Extracted page", string(raw)
	}
	res, err := s.store.PutRaw(ctx, store.Raw{Article: a, Data: raw})
	return res.ID, res.Duplicate, err
}

func (s *fakeSubmitter) last() submissionCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[len(s.calls)-1]
}
