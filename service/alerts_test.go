package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/pipeline"
	"github.com/tickerwire/tickerwire/store"
)

// stories are distinct negative stories, one per company.
var stories = []struct{ title, body string }{
	{"Target cuts outlook as shoppers pull back", "Target Corp. cut its full-year profit outlook on Monday after comparable sales fell in the third quarter, missing analysts' estimates. The retailer's shares fell 9% in early trading as it warned that weak demand for home goods would last through the holidays."},
	{"Pfizer loses patent case over cholesterol drug", "A federal jury found that Pfizer Inc. infringed a rival's patent and ordered it to pay $1.1 billion in damages. Pfizer shares slid 3% and the drugmaker said it would appeal the verdict."},
	{"Nike slumps after downgrade on China weakness", "Nike Inc. shares tumbled 7% after two brokerages downgraded the stock, citing collapsing sneaker demand in China and swelling inventories. Analysts cut their price targets and warned of weaker margins next year."},
	{"Intel delays Ohio factory and cuts more jobs", "Intel Corp. said it would delay its Ohio chip factory by two years and cut another 5,000 jobs as losses in its foundry business deepened. The stock dropped 5% as the company also withdrew its margin target."},
	{"Ford recalls Explorer SUVs over fire risk", "Ford Motor Co. is recalling 340,000 Explorer SUVs because a faulty part can cause engine fires, the latest in a string of costly recalls. Ford shares fell 4% and the carmaker said repairs would weigh on quarterly profit."},
	{"UnitedHealth slashes guidance as medical costs surge", "UnitedHealth Group Inc. slashed its annual earnings guidance after medical costs rose far faster than expected, sending its shares down 12%. The insurer said elevated patient visits would hurt results for the rest of the year."},
}

// hookReceiver is a webhook endpoint on loopback: it checks every
// signature, answers 500 while failing is set, and records the alerts it
// accepted by Idempotency-Key.
type hookReceiver struct {
	*httptest.Server
	secret   string
	failing  atomic.Bool
	attempts atomic.Int64
	mu       sync.Mutex
	got      map[string]int
	bodies   map[string][]byte
	badSig   int
}

func newHookReceiver(t *testing.T, secret string) *hookReceiver {
	h := &hookReceiver{secret: secret, got: map[string]int{}, bodies: map[string][]byte{}}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		h.attempts.Add(1)
		h.mu.Lock()
		defer h.mu.Unlock()
		if !alert.Verify(body, h.secret, r.Header.Get(alert.SignatureHeader)) {
			h.badSig++
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		if h.failing.Load() {
			http.Error(w, "down for maintenance", http.StatusInternalServerError)
			return
		}
		key := r.Header.Get(alert.IdempotencyHeader)
		h.got[key]++
		h.bodies[key] = body
	}))
	t.Cleanup(h.Close)
	return h
}

// received returns the distinct keys accepted and the count of requests
// with a bad signature.
func (h *hookReceiver) received() (map[string]int, int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[string]int, len(h.got))
	for k, v := range h.got {
		out[k] = v
	}
	return out, h.badSig
}

// writeRules writes a rules file with one webhook rule.
func writeRules(t *testing.T, url, secret, when string, scope alert.Scope) string {
	t.Helper()
	r := alert.Rule{ID: "hook", Scope: scope, When: when, Cooldown: "0s",
		Targets: []alert.Target{{Type: alert.TargetWebhook, URL: url, Secret: secret}, {Type: alert.TargetStream}}}
	data, err := json.Marshal([]alert.Rule{r})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// running is a service serving on a loopback port.
type running struct {
	svc  *Service
	url  string
	stop func()
}

// serveTest opens the service in dir with the rules file and serves it on
// loopback; stop shuts it down and closes it, as a restart would.
func serveTest(t *testing.T, dir, rules string) *running {
	t.Helper()
	cfg := Default()
	cfg.DataDir, cfg.Rules, cfg.BuiltinRules = dir, rules, false
	cfg.AllowPrivate, cfg.Poll = true, false
	cfg.WebhookRetry = Duration(20 * time.Millisecond)
	svc, err := Open(context.Background(), cfg, pipeline.Default(), quietLog(), "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Serve(ctx, ln, nil) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
			if err := svc.Close(); err != nil {
				t.Errorf("close: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return &running{svc: svc, url: "http://" + ln.Addr().String(), stop: stop}
}

// post submits an article through the API.
func (r *running) post(t *testing.T, title, body, url string) {
	t.Helper()
	data, _ := json.Marshal(map[string]string{"title": title, "body": body, "url": url, "site": "wire.example"})
	resp, err := http.Post(r.url+"/v1/articles", "application/json", bytes.NewReader(data))
	if err != nil {
		t.Error(err)
		return
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("POST %q: %s", title, resp.Status)
	}
}

// alertIDs lists every alert of the store through the API.
func (r *running) alertIDs(t *testing.T) map[string]bool {
	t.Helper()
	resp, err := http.Get(r.url + "/v1/alerts?limit=1000")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Alerts []struct {
			ID string `json:"id"`
		} `json:"alerts"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, a := range out.Alerts {
		ids[a.ID] = true
	}
	return ids
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestAlertReachesASignedWebhookOnLoopback(t *testing.T) {
	hook := newHookReceiver(t, "s3cret")
	rules := writeRules(t, hook.URL+"/tickerwire", "s3cret", "relevance >= 0.5 && sentiment <= -0.3", alert.Scope{Tickers: []string{"TGT"}})
	srv := serveTest(t, t.TempDir(), rules)
	srv.post(t, stories[0].title, stories[0].body, "https://wire.example/tgt")
	waitUntil(t, "the webhook", func() bool { got, _ := hook.received(); return len(got) == 1 })
	got, bad := hook.received()
	if bad != 0 {
		t.Errorf("%d deliveries with a bad signature", bad)
	}
	for key := range got {
		hook.mu.Lock()
		body := hook.bodies[key]
		hook.mu.Unlock()
		var a alert.Alert
		if err := json.Unmarshal(body, &a); err != nil {
			t.Fatal(err)
		}
		if a.ID != key || a.Schema != alert.Schema || a.Rule.ID != "hook" || a.Ticker != "TGT" ||
			a.Article.Title != stories[0].title || a.Values.Sentiment > -0.3 || len(a.Sentences) == 0 {
			t.Errorf("alert %+v", a)
		}
	}
	waitUntil(t, "the metrics", func() bool {
		resp, err := http.Get(srv.url + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		text, _ := io.ReadAll(resp.Body)
		return strings.Contains(string(text), `tickerwire_alerts_fired_total{rule="hook"} 1`+"\n") &&
			strings.Contains(string(text), `tickerwire_webhook_attempts_total{outcome="delivered"} 1`+"\n")
	})
}

func TestWebhookOutageAndRestartDeliverEveryAlertExactlyOnce(t *testing.T) {
	hook := newHookReceiver(t, "k3y")
	hook.failing.Store(true)
	rules := writeRules(t, hook.URL, "k3y", "relevance >= 0.5", alert.Scope{All: true})
	dir := t.TempDir()

	first := serveTest(t, dir, rules)
	for i, s := range stories[:3] {
		first.post(t, s.title, s.body, fmt.Sprintf("https://wire.example/a%d", i))
	}
	waitUntil(t, "failed attempts before the restart", func() bool { return hook.attempts.Load() >= 6 })
	before := first.alertIDs(t)
	first.stop()

	second := serveTest(t, dir, rules)
	for i, s := range stories[3:] {
		second.post(t, s.title, s.body, fmt.Sprintf("https://wire.example/b%d", i))
	}
	waitUntil(t, "failed attempts after the restart", func() bool { return hook.attempts.Load() >= 12 })
	hook.failing.Store(false)
	want := second.alertIDs(t)
	if len(want) < len(stories) || len(before) < 3 {
		t.Fatalf("%d alerts (%d before the restart), want at least one per story", len(want), len(before))
	}
	waitUntil(t, "every alert at the receiver", func() bool { got, _ := hook.received(); return len(got) >= len(want) })
	got, bad := hook.received()
	for id := range want {
		if got[id] == 0 {
			t.Errorf("alert %s lost", id)
		}
	}
	for id, n := range got {
		if !want[id] {
			t.Errorf("unknown alert %s received", id)
		}
		if n > 1 {
			t.Logf("alert %s delivered %d times (at least once; the receiver de-duplicates)", id, n)
		}
	}
	if bad != 0 {
		t.Errorf("%d deliveries with a bad signature", bad)
	}
	t.Logf("%d alerts, %d webhook requests in all", len(want), hook.attempts.Load())
}

// syndicated is a longer story that outlets republish with their own
// closing line: near-duplicates that the story index puts in one cluster.
const syndicated = `Target Corp. cut its full-year profit outlook on Monday after comparable sales fell in the third quarter, missing analysts' estimates. The retailer's shares fell 9% in early trading as it warned that weak demand for home goods would last through the holidays.

Chief Executive Brian Cornell said shoppers were buying fewer discretionary items and waiting for deals, which forced the chain to mark down apparel and furniture. Gross margin narrowed by more than a percentage point from a year earlier because of heavier discounting and higher freight costs.

The company now expects adjusted earnings per share at the low end of its previous range and said it would slow hiring for the holiday season. Analysts at two brokerages lowered their price targets after the report.`

func TestBurstOfFiftyCopiesOfOneStoryFiresOneAlert(t *testing.T) {
	hook := newHookReceiver(t, "k")
	rules := writeRules(t, hook.URL, "k", "relevance >= 0.5 && sentiment <= -0.3", alert.Scope{Tickers: []string{"TGT"}})
	srv := serveTest(t, t.TempDir(), rules)
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf("%s\n\nThis story was first published by outlet %d.", syndicated, i)
			srv.post(t, "Target cuts outlook as shoppers pull back", body, fmt.Sprintf("https://outlet%d.example/target-outlook", i))
		}()
	}
	wg.Wait()
	page, err := srv.svc.Store.Search(context.Background(), store.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	clusters := map[int64]int{}
	for _, a := range page.Articles {
		clusters[a.Cluster]++
	}
	if len(page.Articles) != 50 || len(clusters) != 1 {
		t.Fatalf("%d articles in clusters %v, want 50 in one story", len(page.Articles), clusters)
	}
	waitUntil(t, "the alert", func() bool { got, _ := hook.received(); return len(got) == 1 })
	time.Sleep(200 * time.Millisecond) // room for a wrongly fired second alert to arrive
	if ids := srv.alertIDs(t); len(ids) != 1 {
		t.Errorf("%d alerts stored, want 1", len(ids))
	}
	if got, _ := hook.received(); len(got) != 1 {
		t.Errorf("receiver got %d distinct alerts, want 1", len(got))
	}
}

// A rule scoped to a portfolio fires for its holdings only, and the
// portfolio's report lists the alert.
func TestPortfolioScopedRuleAndReportAlerts(t *testing.T) {
	hook := newHookReceiver(t, "pf")
	for _, name := range []string{"book", AnyPortfolio} {
		t.Run(name, func(t *testing.T) {
			rules := writeRules(t, hook.URL+"/"+name, "pf", "relevance >= 0.5 && sentiment <= -0.3", alert.Scope{Portfolio: name})
			srv := serveTest(t, t.TempDir(), rules)
			ctx := context.Background()
			start := time.Now().Add(-time.Minute)
			// TGT is never held; its article is evaluated before the
			// portfolio exists, and the import must not wait for a cache.
			srv.post(t, stories[0].title, stories[0].body, "https://wire.example/tgt-"+name)
			if _, err := srv.svc.Portfolios.ImportCSV(ctx, "book", strings.NewReader("ticker,weight\nPFE,0.6\nNKE,0.4\n")); err != nil {
				t.Fatal(err)
			}
			srv.post(t, stories[1].title, stories[1].body, "https://wire.example/pfe-"+name) // PFE: held
			waitUntil(t, "the holding's alert", func() bool { return len(srv.alertIDs(t)) >= 1 })
			time.Sleep(200 * time.Millisecond)
			list, err := srv.svc.Store.Alerts(ctx, store.AlertQuery{})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Ticker != "PFE" {
				t.Fatalf("alerts %+v, want one for PFE", list)
			}
			rep, err := srv.svc.Portfolios.Report(ctx, "book", start, time.Now().Add(time.Minute))
			if err != nil {
				t.Fatal(err)
			}
			if !rep.AlertsConfigured || len(rep.Alerts) != 1 || rep.Alerts[0].Ticker != "PFE" || rep.Alerts[0].Title != stories[1].title {
				t.Errorf("report alerts %+v (configured %v)", rep.Alerts, rep.AlertsConfigured)
			}
		})
	}
}

// The key that seals webhook secrets is created in the data directory on
// first start and kept; a malformed TICKERWIRE_SECRET_KEY stops the start
// with its name.
func TestSecretKeyIsCreatedOnceOrTakenFromTheEnvironment(t *testing.T) {
	dir := t.TempDir()
	openTest(t, dir).Close()
	path := filepath.Join(dir, "secret.key")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", info.Mode().Perm())
	}
	first, _ := os.ReadFile(path)
	openTest(t, dir).Close()
	if again, _ := os.ReadFile(path); string(again) != string(first) {
		t.Error("the key file changed at the second start")
	}
	cfg := Default()
	cfg.DataDir = t.TempDir()
	if err := cfg.FromEnv(func(k string) string {
		return map[string]string{"TICKERWIRE_SECRET_KEY": "too short"}[k]
	}); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), cfg, pipeline.Default(), quietLog(), "test")
	if err == nil || !strings.Contains(err.Error(), "TICKERWIRE_SECRET_KEY") {
		t.Errorf("Open with a bad key: %v", err)
	}
	cfg.SecretKey = strings.Repeat("0f", 32)
	svc, err := Open(context.Background(), cfg, pipeline.Default(), quietLog(), "test")
	if err != nil {
		t.Fatal(err)
	}
	svc.Close()
	if _, err := os.Stat(filepath.Join(cfg.DataDir, "secret.key")); err == nil {
		t.Error("a key file was created although the key came from the environment")
	}
}
