package alert

import (
	"context"
	"errors"
	"fmt"
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
	"github.com/tickerwire/tickerwire/fetch"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/sqlite"
)

func quietLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tickerwire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// news is an analysed article for the engine.
type news struct {
	title   string
	cluster int64
	ticker  string
	sen     float64
	topics  []string
	at      time.Time
}

var seq int

// put stores n as analysed and returns it as the processor publishes it.
func put(t *testing.T, st store.Store, n news) store.Stored {
	t.Helper()
	ctx := context.Background()
	seq++
	if n.at.IsZero() {
		n.at = time.Now().UTC()
	}
	a := article.Article{Title: n.title, Body: fmt.Sprintf("Story %d. %s.", seq, n.title), Site: "wire.example",
		URL: fmt.Sprintf("https://wire.example/%d", seq), Published: n.at}
	res, err := st.PutRaw(ctx, store.Raw{Article: a})
	if err != nil {
		t.Fatal(err)
	}
	an := article.Analysis{Article: a, Sentiment: article.NewScore(n.sen, nil), MostPositive: -1, MostNegative: 1, Model: "test",
		Tickers:   []article.TickerSentiment{{Ticker: n.ticker, Name: n.ticker + " Corp", Relevance: 0.9, Sentiment: article.NewScore(n.sen, nil), Mentions: 3}},
		Sentences: []article.Sentence{{Index: 0, Text: n.title, Score: n.sen, Tickers: []string{n.ticker}}, {Index: 1, Text: "Shares fell.", Score: -0.5}}}
	for _, id := range n.topics {
		an.Topics = append(an.Topics, article.Topic{ID: id, Name: id, Relevance: 0.8})
	}
	if err := st.PutAnalysis(ctx, res.ID, an); err != nil {
		t.Fatal(err)
	}
	cluster := n.cluster
	if cluster == 0 {
		cluster = res.ID
	}
	if err := st.SetCluster(ctx, res.ID, cluster); err != nil {
		t.Fatal(err)
	}
	got, err := st.Get(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

type fakePortfolios map[string][]string

func (f fakePortfolios) Holdings(_ context.Context, name string) ([]string, error) {
	h, ok := f[name]
	if !ok {
		return nil, errors.New("no such portfolio")
	}
	return h, nil
}

func newEngine(t *testing.T, st store.Store, rules []Rule, edit func(*Options)) *Engine {
	t.Helper()
	o := Options{Store: st, Rules: rules, Logger: quietLog(),
		Sector:     func(t string) string { return map[string]string{"XOM": "Energy", "CVX": "Energy"}[t] },
		Portfolios: fakePortfolios{"core": {"AAPL", "TGT"}}}
	if edit != nil {
		edit(&o)
	}
	e, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func negative(id string, scope Scope) Rule {
	return Rule{ID: id, Scope: scope, When: "sentiment <= -0.3", Cooldown: "0s", Targets: []Target{{Type: TargetLog}}}
}

func TestObserveFiresForTickersInScopeOnly(t *testing.T) {
	st := openStore(t)
	e := newEngine(t, st, []Rule{
		negative("listed", Scope{Tickers: []string{"nvda"}}),
		negative("energy", Scope{Sectors: []string{"energy"}}),
		negative("core", Scope{Portfolio: "core"}),
		negative("missing-portfolio", Scope{Portfolio: "nope"}),
		negative("everything", Scope{All: true}),
	}, nil)
	ctx := context.Background()
	for _, tc := range []struct {
		ticker string
		want   []string
	}{
		{"NVDA", []string{"listed", "everything"}},
		{"XOM", []string{"energy", "everything"}},
		{"TGT", []string{"core", "everything"}},
		{"F", []string{"everything"}},
	} {
		got := e.Observe(ctx, put(t, st, news{title: tc.ticker + " cuts outlook", ticker: tc.ticker, sen: -0.6}))
		var rules []string
		for _, a := range got {
			rules = append(rules, a.Rule.ID)
		}
		if fmt.Sprint(rules) != fmt.Sprint(tc.want) {
			t.Errorf("%s: rules fired %v, want %v", tc.ticker, rules, tc.want)
		}
	}
	if got := e.Observe(ctx, put(t, st, news{title: "NVDA beats", ticker: "NVDA", sen: 0.6})); len(got) != 0 {
		t.Errorf("positive news fired %d alerts", len(got))
	}
}

func TestObserveRecordsWhyTheAlertFired(t *testing.T) {
	st := openStore(t)
	e := newEngine(t, st, []Rule{{ID: "guidance-cut", Name: "Guidance cut", Scope: Scope{All: true},
		When: "has_topic('guidance') && sentiment <= -0.3", Targets: []Target{{Type: TargetLog}}}}, nil)
	s := put(t, st, news{title: "Target cuts its outlook", ticker: "TGT", sen: -0.7, topics: []string{"guidance", "retail_consumer"}})
	alerts := e.Observe(context.Background(), s)
	if len(alerts) != 1 {
		t.Fatalf("%d alerts, want 1", len(alerts))
	}
	a := alerts[0]
	if a.Rule.ID != "guidance-cut" || a.Rule.When == "" || a.Ticker != "TGT" || a.Article.ID != s.ID ||
		a.Article.Title != "Target cuts its outlook" || a.Article.URL == "" {
		t.Errorf("alert %+v", a)
	}
	if a.Values.Sentiment != -0.7 || a.Values.Relevance != 0.9 || len(a.Values.Topics) != 2 || a.Values.Source != "wire.example" {
		t.Errorf("values %+v", a.Values)
	}
	if len(a.Sentences) != 1 || a.Sentences[0].Text != "Target cuts its outlook" {
		t.Errorf("sentences %+v, want the title, the one sentence about TGT", a.Sentences)
	}
	stored, err := st.Alert(context.Background(), a.ID)
	if err != nil || stored.Rule != "guidance-cut" || stored.Article != s.ID {
		t.Errorf("stored alert %+v, %v", stored, err)
	}
}

func TestOneStoryFiresOnceAndCooldownHoldsOtherStories(t *testing.T) {
	st := openStore(t)
	rule := negative("neg", Scope{All: true})
	rule.Cooldown = "1h"
	now := time.Now()
	e := newEngine(t, st, []Rule{rule, negative("neg-no-cooldown", Scope{All: true})}, func(o *Options) {
		o.Now = func() time.Time { return now }
	})
	ctx := context.Background()
	first := put(t, st, news{title: "Acme recalls cars", ticker: "F", sen: -0.8})
	fired := map[string]int{}
	count := func(as []Alert) {
		for _, a := range as {
			fired[a.Rule.ID]++
		}
	}
	count(e.Observe(ctx, first))
	for i := range 5 {
		count(e.Observe(ctx, put(t, st, news{title: fmt.Sprintf("Acme recalls cars (copy %d)", i), cluster: first.Cluster, ticker: "F", sen: -0.8})))
	}
	if fired["neg"] != 1 || fired["neg-no-cooldown"] != 1 {
		t.Fatalf("one story fired %v, want each rule once", fired)
	}
	count(e.Observe(ctx, put(t, st, news{title: "Acme faces probe", ticker: "F", sen: -0.8})))
	if fired["neg"] != 1 || fired["neg-no-cooldown"] != 2 {
		t.Fatalf("a second story within the cool-down fired %v, want neg still 1, neg-no-cooldown 2", fired)
	}
	now = now.Add(61 * time.Minute)
	count(e.Observe(ctx, put(t, st, news{title: "Acme sued", ticker: "F", sen: -0.8, at: now})))
	if fired["neg"] != 2 {
		t.Fatalf("after the cool-down fired %v, want neg 2", fired)
	}
	// A restarted engine remembers the cool-down.
	e2 := newEngine(t, st, []Rule{rule}, func(o *Options) { o.Now = func() time.Time { return now.Add(time.Minute) } })
	if _, err := e2.Warm(ctx, now.Add(time.Minute), time.Hour); err != nil {
		t.Fatal(err)
	}
	if got := e2.Observe(ctx, put(t, st, news{title: "Acme warns", ticker: "F", sen: -0.8, at: now})); len(got) != 0 {
		t.Errorf("restarted engine fired %d alerts within the cool-down", len(got))
	}
}

func TestOldArticlesFeedTheBaselineButFireNothing(t *testing.T) {
	st := openStore(t)
	e := newEngine(t, st, []Rule{negative("neg", Scope{All: true})}, nil)
	old := put(t, st, news{title: "Acme slumps", ticker: "F", sen: -0.8, at: time.Now().Add(-72 * time.Hour)})
	if got := e.Observe(context.Background(), old); len(got) != 0 {
		t.Errorf("a three-day-old article fired %d alerts", len(got))
	}
	got := e.Observe(context.Background(), put(t, st, news{title: "Acme slumps again", ticker: "F", sen: -0.8}))
	if len(got) != 1 || !got[0].Values.HasPrev || got[0].Values.PrevSentiment != -0.8 {
		t.Errorf("alerts %+v, want one with the old article as previous", got)
	}
}

func TestRulesAddedAndRemovedThroughTheEngine(t *testing.T) {
	st := openStore(t)
	e := newEngine(t, st, []Rule{negative("fixed", Scope{All: true})}, nil)
	ctx := context.Background()
	if err := e.AddRule(ctx, negative("mine", Scope{Tickers: []string{"AAPL"}})); err != nil {
		t.Fatal(err)
	}
	bad := negative("broken", Scope{All: true})
	bad.When = "sentiment <="
	var re *RuleError
	if err := e.AddRule(ctx, bad); !errors.As(err, &re) {
		t.Errorf("AddRule(broken) error %v, want a *RuleError", err)
	}
	if err := e.AddRule(ctx, negative("fixed", Scope{All: true})); !errors.Is(err, ErrReadOnly) {
		t.Errorf("AddRule(fixed) error %v, want ErrReadOnly", err)
	}
	e2 := newEngine(t, st, []Rule{negative("fixed", Scope{All: true})}, nil)
	if err := e2.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range e2.Rules() {
		ids = append(ids, r.ID+":"+r.Origin)
	}
	if fmt.Sprint(ids) != "[fixed:file mine:store]" {
		t.Errorf("rules after reload %v", ids)
	}
	if err := e2.RemoveRule(ctx, "mine"); err != nil {
		t.Fatal(err)
	}
	if err := e2.RemoveRule(ctx, "mine"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RemoveRule(removed) error %v, want ErrNotFound", err)
	}
	matches, err := e2.Test(ctx, "sentiment <= -0.5", 10)
	if err != nil || len(matches) != 0 {
		t.Errorf("Test on an empty store = %v, %v", matches, err)
	}
	put(t, st, news{title: "Acme slumps", ticker: "F", sen: -0.8})
	if matches, err = e2.Test(ctx, "sentiment <= -0.5", 10); err != nil || len(matches) != 1 || matches[0].Ticker != "F" {
		t.Errorf("Test = %+v, %v; want the Acme article", matches, err)
	}
}

// receiver is a webhook endpoint that fails while failing is set and
// records the alerts it accepted, by idempotency key.
type receiver struct {
	*httptest.Server
	secret string
	mu     sync.Mutex
	fail   int // answer 500 to this many requests first
	got    map[string]int
	bad    int // requests with a wrong signature
}

func newReceiver(t *testing.T, secret string, fail int) *receiver {
	r := &receiver{secret: secret, fail: fail, got: map[string]int{}}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		if !Verify(body, r.secret, req.Header.Get(SignatureHeader)) {
			r.bad++
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if r.fail > 0 {
			r.fail--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		r.got[req.Header.Get(IdempotencyHeader)]++
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) received() (map[string]int, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for k, v := range r.got {
		out[k] = v
	}
	return out, r.bad
}

func TestWebhooksAreSignedRetriedAndDelivered(t *testing.T) {
	st := openStore(t)
	rcv := newReceiver(t, "s3cret", 2)
	rule := negative("neg", Scope{All: true})
	rule.Targets = []Target{{Type: TargetWebhook, URL: rcv.URL + "/hook", Secret: "s3cret"}}
	e := newEngine(t, st, []Rule{rule}, func(o *Options) {
		o.Webhooks = &fetch.Client{AllowPrivate: true, Timeout: 5 * time.Second}
		o.Delivery = DeliveryOptions{Backoff: 10 * time.Millisecond, Poll: 10 * time.Millisecond, Lease: 5 * time.Second}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- e.Run(ctx) }()
	alerts := e.Observe(ctx, put(t, st, news{title: "Acme slumps", ticker: "F", sen: -0.8}))
	if len(alerts) != 1 {
		t.Fatalf("%d alerts", len(alerts))
	}
	waitFor(t, func() bool { got, _ := rcv.received(); return got[alerts[0].ID] == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	ds, err := st.Deliveries(context.Background(), alerts[0].ID)
	if err != nil || len(ds) != 1 || ds[0].State != store.DeliveryDelivered || ds[0].Attempts != 3 {
		t.Errorf("deliveries %+v, %v; want delivered at the third attempt", ds, err)
	}
	if _, bad := rcv.received(); bad != 0 {
		t.Errorf("%d requests with a bad signature", bad)
	}
}

func TestWebhookToABlockedAddressIsGivenUp(t *testing.T) {
	st := openStore(t)
	rcv := newReceiver(t, "k", 0)
	rule := negative("neg", Scope{All: true})
	rule.Targets = []Target{{Type: TargetWebhook, URL: rcv.URL, Secret: "k"}}
	e := newEngine(t, st, []Rule{rule}, func(o *Options) {
		o.Webhooks = &fetch.Client{} // loopback not allowed
		o.Delivery = DeliveryOptions{Poll: 10 * time.Millisecond}
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go e.Run(ctx)
	a := e.Observe(ctx, put(t, st, news{title: "Acme slumps", ticker: "F", sen: -0.8}))[0]
	waitFor(t, func() bool {
		ds, _ := st.Deliveries(ctx, a.ID)
		return len(ds) == 1 && ds[0].State == store.DeliveryFailed
	})
	if got, _ := rcv.received(); len(got) != 0 {
		t.Errorf("the blocked receiver got %v", got)
	}
}

func TestSignAndVerify(t *testing.T) {
	body := []byte(`{"id":"x"}`)
	// HMAC-SHA256 computed independently (Python's hmac module).
	const want = "sha256=9ceaa4a60fd94e663e15900ab1b5d7c00781640620d1414798d6ed63ed6ff2d7"
	if got := Sign(body, "key"); got != want || !Verify(body, "key", got) {
		t.Errorf("Sign = %q", got)
	}
	if Verify(body, "other", Sign(body, "key")) || Verify([]byte(`{"id":"y"}`), "key", Sign(body, "key")) {
		t.Error("Verify accepted a wrong key or body")
	}
}

func TestBackoffGrowsWithJitterUpToTheCap(t *testing.T) {
	o := DeliveryOptions{Backoff: time.Second, MaxBackoff: 8 * time.Second}.withDefaults()
	for _, tc := range []struct {
		attempts int
		lo, hi   time.Duration
	}{{1, 500 * time.Millisecond, time.Second}, {2, time.Second, 2 * time.Second}, {4, 4 * time.Second, 8 * time.Second}, {10, 4 * time.Second, 8 * time.Second}} {
		for range 20 {
			if d := o.backoff(tc.attempts); d < tc.lo || d > tc.hi {
				t.Errorf("backoff(%d) = %v, want in [%v, %v]", tc.attempts, d, tc.lo, tc.hi)
			}
		}
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 10s")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestSectorsComeFromTheSecurityMaster(t *testing.T) {
	for ticker, want := range map[string]string{"XOM": "Energy", "NVDA": "Information Technology", "JPM": "Financials", "NOTATICKER": ""} {
		if got := masterSector(ticker); got != want {
			t.Errorf("masterSector(%s) = %q, want %q", ticker, got, want)
		}
	}
}

func TestRetryHonoursRetryAfterAndGivesUpOnClientErrors(t *testing.T) {
	o := DeliveryOptions{Backoff: time.Second, MaxBackoff: time.Minute}.withDefaults()
	if d := retryDelay(o, 1, &fetch.StatusError{Code: 503, RetryAfter: 30 * time.Second}); d != 30*time.Second {
		t.Errorf("delay with Retry-After 30s = %v", d)
	}
	if d := retryDelay(o, 1, &fetch.StatusError{Code: 429, RetryAfter: time.Hour}); d != time.Minute {
		t.Errorf("delay with Retry-After 1h = %v, want the 1m cap", d)
	}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&fetch.StatusError{Code: 400}, true},
		{&fetch.StatusError{Code: 410}, true},
		{&fetch.StatusError{Code: 408}, false},
		{&fetch.StatusError{Code: 429}, false},
		{&fetch.StatusError{Code: 502}, false},
		{fmt.Errorf("post: %w", fetch.ErrBlockedAddress), true},
		{errors.New("connection refused"), false},
	} {
		if got := permanent(tc.err); got != tc.want {
			t.Errorf("permanent(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestWarmEvaluatesArticlesStoredJustBeforeACrashOnce(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	rule := negative("neg", Scope{All: true})
	// Stored, analysed and clustered, then the process died before Observe.
	put(t, st, news{title: "Acme halts production", ticker: "F", sen: -0.8, at: time.Now().Add(-10 * time.Minute)})
	put(t, st, news{title: "Acme slumps", ticker: "F", sen: -0.7, at: time.Now().Add(-3 * time.Hour)})
	for range 2 {
		e := newEngine(t, st, []Rule{rule}, nil)
		if _, err := e.Warm(ctx, time.Now(), time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	alerts, err := st.Alerts(ctx, store.AlertQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(alerts) != 1 || alerts[0].Ticker != "F" {
		t.Fatalf("alerts %+v after two restarts, want one for the article of ten minutes ago", alerts)
	}
}

func TestAddRuleVetsWebhookTargets(t *testing.T) {
	st := openStore(t)
	e := newEngine(t, st, nil, func(o *Options) { o.CheckTarget = (&fetch.Client{}).Check })
	r := negative("hook", Scope{All: true})
	r.Targets = []Target{{Type: TargetLog}, {Type: TargetWebhook, URL: "http://192.168.1.20/hook", Secret: "k"}}
	var re *RuleError
	if err := e.AddRule(context.Background(), r); !errors.As(err, &re) || re.Field != "targets[1].url" || !strings.Contains(err.Error(), "private network") {
		t.Fatalf("AddRule(private webhook) = %v", err)
	}
	r.Targets[1].URL = "https://hooks.example.com/tw"
	if err := e.AddRule(context.Background(), r); err != nil {
		t.Fatal(err)
	}
}
