package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/service"
	"github.com/tickerwire/tickerwire/store"
)

// benchTickers are the companies of the timed articles, written as
// cashtags so the linker finds them whatever the surrounding words.
var benchTickers = strings.Fields(`AAPL MSFT NVDA AMZN GOOGL META TSLA JPM XOM UNH JNJ PG HD KO PEP MRK ABBV CVX
	WMT TGT NKE INTC AMD ORCL PFE BA F GM DIS NFLX CRM ADBE CSCO QCOM TXN LLY COST MCD SBUX GS`)

// benchSentences make up the timed articles; %s is the cashtag, %d a number.
var benchSentences = []string{
	"%s shares fell %d%% after the company cut its full-year guidance.",
	"%s warned that demand would weaken through the rest of the year, citing %d fewer orders.",
	"Analysts at %d brokerages downgraded %s and lowered their price targets.",
	"%s said it would cut %d jobs as part of a restructuring plan.",
	"Regulators opened an antitrust investigation into %s after %d complaints from rivals.",
	"A jury ordered %s to pay $%d million in a patent lawsuit.",
	"%s reported quarterly revenue that missed estimates by %d%%.",
	"%s recalled %d vehicles because of a faulty brake part.",
	"Investors sold %s after margins narrowed for the %dth straight quarter.",
	"%s raised its dividend by %d%% and announced a new buyback.",
	"%s beat earnings estimates as sales rose %d%% in the quarter.",
	"%s won a contract worth $%d million from a government agency.",
}

// runBenchAlerts measures the latency from an article being stored (and
// from its submission) to its first alert arriving at a webhook receiver
// on loopback, with many rules and a wide scope, on SQLite or PostgreSQL.
func runBenchAlerts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench alerts")
	n := fs.Int("articles", 500, "articles timed to their webhook")
	nRules := fs.Int("rules", 100, "active rules, each with a webhook target")
	nTickers := fs.Int("tickers", 10_000, "tickers in the scope of every rule")
	history := fs.Int("history", 20_000, "past articles warming the per-ticker aggregates")
	pg := fs.String("postgres", "", "measure on this PostgreSQL database (it must be empty, e.g. a new schema via search_path) instead of SQLite")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *nRules < 1 || *nTickers < len(benchTickers) {
		return usagef("--rules must be at least 1 and --tickers at least %d", len(benchTickers))
	}
	dir, err := os.MkdirTemp("", "tickerwire-bench-alerts-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	rcv := newBenchReceiver()
	defer rcv.Close()
	scope := benchScope(*nTickers)
	rulesFile := filepath.Join(dir, "rules.json")
	if err := writeBenchRules(rulesFile, *nRules, scope, rcv.URL); err != nil {
		return err
	}
	cfg := service.Default()
	cfg.DataDir, cfg.Poll, cfg.BuiltinRules, cfg.AllowPrivate, cfg.Rules = dir, false, false, true, rulesFile
	cfg.Postgres = *pg
	svc, err := openService(ctx, &env{stdout: e.stdout, stderr: e.stderr, log: quiet()}, cfg)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := importHistory(ctx, svc.Store, scope, *history); err != nil {
		return err
	}
	warmStart := time.Now()
	if err := svc.Prepare(ctx); err != nil {
		return err
	}
	warm := time.Since(warmStart)
	sctx, cancel := context.WithCancel(ctx)
	delivering := make(chan struct{})
	go func() { svc.Alerts.Run(sctx); close(delivering) }()
	defer func() { cancel(); <-delivering }()

	fromSubmit, fromStored, err := timeAlerts(ctx, svc, rcv, *n)
	if err != nil {
		return err
	}
	rcv.mu.Lock()
	posts := rcv.posts
	rcv.mu.Unlock()
	p50, p99 := percentiles(fromStored)
	fmt.Fprintf(e.stdout, "%-52s p50 %6.1f ms  p99 %6.1f ms  (%d articles, %d rules, %d tickers in scope, %d webhooks, %s)\n",
		"article stored to its alert at a webhook", ms(p50), ms(p99), len(fromStored), *nRules, *nTickers, posts, storeKind(cfg))
	p50, p99 = percentiles(fromSubmit)
	fmt.Fprintf(e.stdout, "%-52s p50 %6.1f ms  p99 %6.1f ms  (the same, with storing and analysing the article)\n",
		"article submitted to its alert at a webhook", ms(p50), ms(p99))
	fmt.Fprintf(e.stdout, "%-52s %6.0f ms  (%d past articles)\n", "warming the aggregates at start", float64(warm.Milliseconds()), *history)
	return nil
}

func storeKind(cfg service.Config) string {
	if cfg.Postgres != "" {
		return "PostgreSQL"
	}
	return "SQLite"
}

// benchScope is the scope of every rule: the tickers of the timed articles,
// then synthetic symbols up to n.
func benchScope(n int) []string {
	scope := append([]string(nil), benchTickers...)
	for i := 0; len(scope) < n; i++ {
		scope = append(scope, fmt.Sprintf("ZQ%04d", i))
	}
	return scope
}

// writeBenchRules writes n rules: the first fires on every relevant
// ticker with no cool-down (so every article has an alert to time), the
// others are the kinds of conditions users write.
func writeBenchRules(path string, n int, scope []string, url string) error {
	conds := []string{
		"sentiment <= -%.2f && relevance >= 0.5",
		"zscore <= -%.1f && baseline_n >= 5",
		"buzz >= %.1f && buzz_count >= 3",
		"(has_topic('guidance') || has_topic('litigation')) && sentiment < -%.2f",
		"crossed_below(-%.2f) && relevance >= 0.4",
		"novelty >= 90.0 && overall <= -%.2f",
	}
	rules := []alert.Rule{{ID: "r000", Scope: alert.Scope{Tickers: scope}, When: "relevance >= 0.3", Cooldown: "0s",
		Targets: []alert.Target{{Type: alert.TargetWebhook, URL: url + "/r000", Secret: "bench"}}}}
	for i := 1; i < n; i++ {
		when := fmt.Sprintf(conds[i%len(conds)], 0.2+float64(i%7)/10)
		rules = append(rules, alert.Rule{ID: fmt.Sprintf("r%03d", i), Scope: alert.Scope{Tickers: scope}, When: when,
			Targets: []alert.Target{{Type: alert.TargetWebhook, URL: fmt.Sprintf("%s/r%03d", url, i), Secret: "bench"}}})
	}
	data, err := json.Marshal(rules)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// importHistory stores n analysed articles over the last 29 days, two
// scope tickers each, so every ticker has a baseline.
func importHistory(ctx context.Context, st store.Store, scope []string, n int) error {
	rng := rand.New(rand.NewPCG(1, 2))
	now := time.Now()
	for start := 0; start < n; start += 1000 {
		var recs []store.Record
		for i := start; i < min(n, start+1000); i++ {
			a := article.Article{Title: fmt.Sprintf("History item %d", i), Body: fmt.Sprintf("Past article %d about the market.", i),
				URL: fmt.Sprintf("https://history.example/%d", i), Published: now.Add(-time.Duration(rng.Int64N(int64(29 * 24 * time.Hour))))}
			an := article.Analysis{Article: a, Sentiment: article.NewScore(rng.Float64()*2-1, nil), MostPositive: -1, MostNegative: -1, Model: "bench"}
			for _, t := range []string{scope[rng.IntN(len(scope))], scope[rng.IntN(len(scope))]} {
				if len(an.Tickers) == 1 && an.Tickers[0].Ticker == t {
					continue
				}
				an.Tickers = append(an.Tickers, article.TickerSentiment{Ticker: t, Relevance: rng.Float64(), Sentiment: article.NewScore(rng.Float64()*1.6-0.8, nil), Mentions: 1})
			}
			recs = append(recs, store.Record{Raw: store.Raw{Article: a}, Analysis: an})
		}
		if _, err := st.Import(ctx, recs); err != nil {
			return fmt.Errorf("import history: %w", err)
		}
	}
	return nil
}

// benchArticle makes the i-th timed article: distinct sentences about one
// company, so no two articles are one story.
func benchArticle(rng *rand.Rand, i int) article.Article {
	tag := "$" + benchTickers[i%len(benchTickers)]
	var b strings.Builder
	for j := range 5 {
		s := benchSentences[rng.IntN(len(benchSentences))]
		num := 2 + rng.IntN(900)
		if strings.Index(s, "%d") < strings.Index(s, "%s") {
			fmt.Fprintf(&b, s, num, tag)
		} else {
			fmt.Fprintf(&b, s, tag, num)
		}
		if j < 4 {
			b.WriteByte(' ')
		}
	}
	body := b.String()
	title, _, _ := strings.Cut(body, ".")
	return article.Article{Title: title, Body: body + fmt.Sprintf(" Reference %d.", i), Site: "bench.example",
		URL: fmt.Sprintf("https://bench.example/%d", i), Fetched: time.Now()}
}

// timeAlerts submits n articles one at a time and times each to the first
// webhook of its alerts: from the submission, and from the moment the
// processor hands the stored, analysed and clustered article on (to the
// stream and the alert engine).
func timeAlerts(ctx context.Context, svc *service.Service, rcv *benchReceiver, n int) (fromSubmit, fromStored []time.Duration, err error) {
	var stored time.Time
	publish := svc.Processor.Publish
	svc.Processor.Publish = func(ctx context.Context, st store.Stored) {
		stored = time.Now()
		publish(ctx, st)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range n {
		a := benchArticle(rng, i)
		t0 := time.Now()
		id, dup, err := svc.Processor.Submit(ctx, a, []byte(a.Text()), 0)
		if err != nil {
			return nil, nil, err
		}
		if dup {
			return nil, nil, fmt.Errorf("bench article %d is a duplicate of %d", i, id)
		}
		at, err := rcv.wait(ctx, id, 10*time.Second)
		if err != nil {
			return nil, nil, fmt.Errorf("article %d (%q): %w", id, a.Title, err)
		}
		fromSubmit = append(fromSubmit, at.Sub(t0))
		fromStored = append(fromStored, at.Sub(stored))
	}
	return fromSubmit, fromStored, nil
}

// benchReceiver is a webhook receiver on loopback that notes when the
// first alert of each article arrives.
type benchReceiver struct {
	*httptest.Server
	mu    sync.Mutex
	first map[int64]time.Time
	posts int
	wake  chan struct{}
}

func newBenchReceiver() *benchReceiver {
	r := &benchReceiver{first: map[int64]time.Time{}, wake: make(chan struct{}, 1)}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		at := time.Now()
		body, _ := io.ReadAll(req.Body)
		if !alert.Verify(body, "bench", req.Header.Get(alert.SignatureHeader)) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		var a struct {
			Article struct {
				ID int64 `json:"id"`
			} `json:"article"`
		}
		if err := json.Unmarshal(body, &a); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.mu.Lock()
		r.posts++
		if _, ok := r.first[a.Article.ID]; !ok {
			r.first[a.Article.ID] = at
		}
		r.mu.Unlock()
		select {
		case r.wake <- struct{}{}:
		default:
		}
	}))
	return r
}

// wait returns when the first alert of article id arrived.
func (r *benchReceiver) wait(ctx context.Context, id int64, limit time.Duration) (time.Time, error) {
	deadline := time.NewTimer(limit)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		at, ok := r.first[id]
		r.mu.Unlock()
		if ok {
			return at, nil
		}
		select {
		case <-r.wake:
		case <-ctx.Done():
			return time.Time{}, ctx.Err()
		case <-deadline.C:
			return time.Time{}, fmt.Errorf("no alert at the webhook within %s", limit)
		}
	}
}
