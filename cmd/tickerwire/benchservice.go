package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/demo"
	"github.com/tickerwire/tickerwire/service"
	"github.com/tickerwire/tickerwire/store"
)

// runBenchService measures the service end to end on loopback: sustained
// ingest into SQLite, the latency from POST to the stream event, and, on a
// store made by `tickerwire generate`, the API latency of time series and
// searches.
func runBenchService(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "bench service")
	articles := fs.Int("articles", 2000, "articles to ingest")
	posts := fs.Int("posts", 300, "POSTs timed to their stream event")
	large := fs.String("store", "", "data directory of a large store made by 'tickerwire generate' for API latency")
	requests := fs.Int("requests", 400, "API requests per kind on the large store")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "tickerwire-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cfg := service.Default()
	cfg.DataDir, cfg.Poll = dir, false
	svc, err := openService(ctx, &env{stdout: e.stdout, stderr: e.stderr, log: quiet()}, cfg)
	if err != nil {
		return err
	}
	defer svc.Close()
	corpus, err := demo.Articles(time.Now())
	if err != nil {
		return err
	}
	if err := benchIngest(ctx, e, svc, corpus, *articles); err != nil {
		return err
	}
	if err := benchStream(ctx, e, svc, corpus, *posts); err != nil {
		return err
	}
	if *large == "" {
		fmt.Fprintln(e.stdout, "API latency on one million articles: not measured (make a store with 'tickerwire generate --data DIR', then pass --store DIR)")
		return nil
	}
	return benchAPI(ctx, e, *large, *requests)
}

// variant makes the i-th distinct copy of a corpus article, so that
// deduplication does not skip it.
func variant(corpus []article.Article, i int) article.Article {
	a := corpus[i%len(corpus)]
	a.URL = fmt.Sprintf("%s?copy=%d", a.URL, i)
	a.Body = fmt.Sprintf("%s\n\nUpdate %d: the company did not comment further.", a.Body, i)
	a.Published = a.Published.Add(time.Duration(i) * time.Second)
	return a
}

// benchIngest submits n articles from as many goroutines as cores, each
// stored raw, analysed, clustered and published, and prints the rate.
func benchIngest(ctx context.Context, e *env, svc *service.Service, corpus []article.Article, n int) error {
	workers := max(1, numCPU())
	next := make(chan int)
	errc := make(chan error, workers)
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a := variant(corpus, i)
				if _, _, err := svc.Processor.Submit(ctx, a, []byte(a.Text()), 0); err != nil {
					errc <- err
					return
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(e.stdout, "%-52s %8.0f /s  (%d articles in %.1fs, SQLite, %d workers)\n",
		"ingest end to end (store, analyse, cluster, publish)", float64(n)/el.Seconds(), n, el.Seconds(), workers)
	return nil
}

// benchStream POSTs articles one at a time and times each to the moment its
// event arrives on an open /v1/stream connection.
func benchStream(ctx context.Context, e *env, svc *service.Service, corpus []article.Article, n int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { _ = http.Serve(ln, svc.Handler(nil)) }()
	defer ln.Close()
	base := "http://" + ln.Addr().String()
	req, _ := http.NewRequestWithContext(sctx, http.MethodGet, base+"/v1/stream", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("open stream: %w", err)
	}
	defer resp.Body.Close()
	arrived := make(chan time.Time, 1)
	go readEvents(resp.Body, arrived)
	var lat []time.Duration
	for i := 0; i < n; i++ {
		a := variant(corpus, 1_000_000+i)
		body, _ := json.Marshal(map[string]string{"title": a.Title, "body": a.Body, "url": a.URL, "site": a.Site})
		t0 := time.Now()
		r, err := http.Post(base+"/v1/articles", "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
		if r.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST answered %s", r.Status)
		}
		select {
		case t1 := <-arrived:
			lat = append(lat, t1.Sub(t0))
		case <-time.After(10 * time.Second):
			return fmt.Errorf("no stream event within 10s of POST %d", i)
		}
	}
	p50, p99 := percentiles(lat)
	fmt.Fprintf(e.stdout, "%-52s p50 %6.1f ms  p99 %6.1f ms  (%d POSTs)\n", "POST /v1/articles to its /v1/stream event", ms(p50), ms(p99), n)
	return nil
}

func readEvents(r io.Reader, arrived chan<- time.Time) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "data:") {
			arrived <- time.Now()
		}
	}
}

// benchAPI times ticker time series and searches over HTTP on a large store.
func benchAPI(ctx context.Context, e *env, dir string, n int) error {
	cfg := service.Default()
	cfg.DataDir, cfg.Poll = dir, false
	if _, err := os.Stat(cfg.DatabasePath()); err != nil {
		return fmt.Errorf("no store at %s: make one with 'tickerwire generate --data %s'", cfg.DatabasePath(), dir)
	}
	svc, err := openService(ctx, &env{log: quiet()}, cfg)
	if err != nil {
		return err
	}
	defer svc.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	defer ln.Close()
	go func() { _ = http.Serve(ln, svc.Handler(nil)) }()
	base := "http://" + ln.Addr().String()
	count, err := svc.Store.Search(ctx, store.Query{Limit: 1})
	if err != nil || len(count.Articles) == 0 {
		return fmt.Errorf("the store at %s holds no analysed article", dir)
	}
	end := store.GenerateEnd.Format(time.RFC3339)
	series := []string{
		"/v1/tickers/AAPL/sentiment?bucket=minute&from=" + store.GenerateEnd.Add(-24*time.Hour).Format(time.RFC3339) + "&to=" + end,
		"/v1/tickers/NVDA/sentiment?bucket=hour&from=" + store.GenerateEnd.Add(-30*24*time.Hour).Format(time.RFC3339) + "&to=" + end,
		"/v1/tickers/MSFT/sentiment?bucket=day&from=" + store.GenerateEnd.Add(-365*24*time.Hour).Format(time.RFC3339) + "&to=" + end,
		"/v1/tickers/XOM/sentiment?bucket=day&from=" + store.GenerateEnd.Add(-2*365*24*time.Hour).Format(time.RFC3339) + "&to=" + end,
	}
	searches := []string{
		"/v1/articles?limit=50",
		"/v1/articles?tickers=AAPL&limit=50",
		"/v1/articles?q=earnings&limit=50",
		"/v1/articles?q=vaccine&tickers=PFE&limit=50",
		"/v1/articles?topics=mergers_acquisitions&min_relevance=0.5&limit=50",
		"/v1/articles?max_sentiment=-0.5&tickers=TSLA&limit=50",
		"/query?function=NEWS_SENTIMENT&tickers=AMZN&limit=50",
	}
	for _, kind := range []struct {
		name string
		urls []string
	}{{"API: ticker sentiment time series", series}, {"API: article search", searches}} {
		var lat []time.Duration
		for i := 0; i < n; i++ {
			t0 := time.Now()
			r, err := http.Get(base + kind.urls[i%len(kind.urls)])
			if err != nil {
				return err
			}
			io.Copy(io.Discard, r.Body)
			r.Body.Close()
			if r.StatusCode != http.StatusOK {
				return fmt.Errorf("%s answered %s", kind.urls[i%len(kind.urls)], r.Status)
			}
			lat = append(lat, time.Since(t0))
		}
		p50, p99 := percentiles(lat)
		fmt.Fprintf(e.stdout, "%-52s p50 %6.1f ms  p99 %6.1f ms  (%d requests, store %s)\n", kind.name, ms(p50), ms(p99), n, filepath.Base(dir))
	}
	return nil
}

func percentiles(d []time.Duration) (p50, p99 time.Duration) {
	if len(d) == 0 {
		return 0, 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2], d[min(len(d)-1, len(d)*99/100)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func numCPU() int { return runtime.GOMAXPROCS(0) }

// runGenerate fills a store with synthetic analysed articles for load tests
// and the API latency benchmark.
func runGenerate(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "generate")
	config := serviceFlags(fs)
	n := fs.Int("articles", 1_000_000, "articles to generate")
	seed := fs.Int64("seed", 1, "random seed (the same seed gives the same articles)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	bar := newProgress(e.stderr, e.log)
	start := time.Now()
	err = store.Generate(ctx, svc.Store, *n, *seed, func(done int) { bar.update(service.Progress{Total: *n, Done: done, Stored: done}) })
	bar.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d synthetic articles stored in %s (%s)\n", *n, storeName(svc.Config), time.Since(start).Round(time.Second))
	return nil
}
