package service

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/ingest"
	"github.com/tickerwire/tickerwire/pipeline"
	"github.com/tickerwire/tickerwire/store"
)

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func openTest(t *testing.T, dir string) *Service {
	t.Helper()
	cfg := Default()
	cfg.DataDir = dir
	cfg.AllowPrivate = true
	cfg.HostInterval = Duration(time.Millisecond)
	svc, err := Open(context.Background(), cfg, pipeline.Default(), quietLog(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// feedServer serves an RSS, an Atom and a JSON feed with ETags, a broken
// feed, the pages behind teaser entries and a robots.txt, counting the
// answers that were 304 Not Modified.
type feedServer struct {
	*httptest.Server
	notModified atomic.Int64
}

const rssFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Wire</title>
<item><title>Nvidia raises forecast as Blackwell demand soars</title><link>/pages/nvda</link><guid>n1</guid>
<pubDate>Mon, 16 Nov 2026 14:00:00 GMT</pubDate><description>Nvidia raised its forecast.</description></item>
<item><title>Target cuts outlook as shoppers pull back</title><link>/pages/tgt</link><guid>t1</guid>
<pubDate>Mon, 16 Nov 2026 15:00:00 GMT</pubDate><description>Target cut its outlook.</description></item>
</channel></rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Loopback IR</title>
<entry><title>Microsoft beats estimates as Azure growth accelerates</title><id>urn:m1</id><link href="/pages/msft"/>
<published>2026-11-16T12:00:00Z</published><summary>Microsoft beat estimates.</summary></entry></feed>`

const jsonFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"Loopback JSON","items":[
{"id":"j1","url":"/pages/nvda-copy","title":"Nvidia raises forecast as Blackwell demand soars",
"content_text":"Nvidia raised its forecast.","date_published":"2026-11-16T14:30:00Z"}]}`

var pages = map[string]string{
	"nvda":      "Nvidia Corp. raised its revenue forecast for the current quarter on Monday as demand for its Blackwell processors from cloud providers soared, and its shares rose 5% to a record high. Chief Executive Jensen Huang said orders exceeded supply through next year. Analysts at several brokerages lifted their price targets on the stock after the announcement, citing stronger data-center spending by the largest cloud companies.",
	"nvda-copy": "Nvidia Corp. raised its revenue forecast for the current quarter on Monday as demand for its Blackwell processors from cloud providers soared, and its shares rose 5% to a record high. Chief Executive Jensen Huang said orders exceeded supply through next year. Analysts at several brokerages lifted their price targets on the stock after the announcement, citing stronger data-center spending by the biggest cloud companies.",
	"tgt":       "Target Corp. cut its full-year profit outlook on Monday after comparable sales fell in the third quarter, missing analysts' estimates, as shoppers spent less on home goods and apparel. The retailer's shares fell 9% in early trading. Target said gross margin narrowed because of heavier discounting and higher freight costs, and it expects weak demand to persist through the holiday season.",
	"msft":      "Microsoft Corp. reported quarterly earnings that beat analysts' estimates as revenue from its Azure cloud business grew faster than expected on demand for artificial-intelligence services. Operating income rose 18% from a year earlier and the company raised its forecast for cloud revenue in the current quarter. Shares of Microsoft gained 4% in extended trading after the report was released.",
}

func newFeedServer(t *testing.T) *feedServer {
	fsrv := &feedServer{}
	feed := func(body, ctype string) http.HandlerFunc {
		etag := fmt.Sprintf(`"%x"`, len(body))
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == etag {
				fsrv.notModified.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", ctype)
			io.WriteString(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/rss", feed(rssFeed, "application/rss+xml"))
	mux.HandleFunc("/atom", feed(atomFeed, "application/atom+xml"))
	mux.HandleFunc("/json", feed(jsonFeed, "application/feed+json"))
	mux.HandleFunc("/broken", feed(`<rss version="2.0"><channel><item><title>cut off`, "application/rss+xml"))
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/pages/{name}", func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.PathValue("name")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><nav>Home | Markets</nav><article><h1>%s</h1><p>%s</p></article></body></html>",
			r.PathValue("name"), r.PathValue("name"), body)
	})
	fsrv.Server = httptest.NewServer(mux)
	t.Cleanup(fsrv.Close)
	return fsrv
}

func TestPollingFeedsStoresEachStoryOnceAndReportsBrokenFeeds(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	svc := openTest(t, t.TempDir())
	defer svc.Close()
	for _, path := range []string{"/rss", "/atom", "/json", "/broken"} {
		if _, err := svc.Store.AddSource(ctx, store.Source{URL: srv.URL + path, Kind: "feed"}); err != nil {
			t.Fatal(err)
		}
	}
	p := &ingest.Poller{Store: svc.Store, Fetcher: svc.Fetcher, Sink: svc.Processor, Logger: quietLog(), HostInterval: time.Millisecond}
	if err := p.PollDue(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	page, err := svc.Store.Search(ctx, store.Query{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Articles) != 4 {
		t.Fatalf("%d articles stored, want 4 (the RSS, Atom and JSON entries)", len(page.Articles))
	}
	clusters := map[int64][]string{}
	for _, a := range page.Articles {
		clusters[a.Cluster] = append(clusters[a.Cluster], a.Article.URL)
		if a.Analysis == nil || len(a.Analysis.Tickers) == 0 {
			t.Errorf("%s: not analysed or no ticker", a.Article.URL)
		}
	}
	if len(clusters) != 3 {
		t.Errorf("clusters %v, want 3: the Nvidia story and its copy together", clusters)
	}
	srcs, err := svc.Store.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		broken := strings.HasSuffix(s.URL, "/broken")
		if broken != (s.LastError != "") {
			t.Errorf("source %s: last error %q", s.URL, s.LastError)
		}
	}
	// A second poll is answered 304 Not Modified and stores nothing.
	if err := p.PollDue(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := srv.notModified.Load(); n != 3 {
		t.Errorf("%d not-modified answers on the second poll, want 3", n)
	}
	again, _ := svc.Store.Search(ctx, store.Query{Limit: 100})
	if len(again.Articles) != 4 {
		t.Errorf("%d articles after the second poll, want 4", len(again.Articles))
	}
}

func TestPollingRefusesFeedsOnPrivateAddressesByDefault(t *testing.T) {
	ctx := context.Background()
	srv := newFeedServer(t)
	cfg := Default()
	cfg.DataDir = t.TempDir()
	svc, err := Open(ctx, cfg, pipeline.Default(), quietLog(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	id, err := svc.Store.AddSource(ctx, store.Source{URL: srv.URL + "/rss", Kind: "feed"})
	if err != nil {
		t.Fatal(err)
	}
	p := &ingest.Poller{Store: svc.Store, Fetcher: svc.Fetcher, Sink: svc.Processor, Logger: quietLog()}
	if err := p.PollDue(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	s, _ := svc.Store.Source(ctx, id)
	if !strings.Contains(s.LastError, "loopback") {
		t.Errorf("last error %q, want a refusal of the loopback address", s.LastError)
	}
}

// The backfill child process: TestMain runs it when asked to, so the test
// can kill it with SIGKILL mid-way.
func TestMain(m *testing.M) {
	if dir := os.Getenv("TICKERWIRE_TEST_BACKFILL"); dir != "" {
		svc, err := Open(context.Background(), Config{DataDir: dir, Listen: "127.0.0.1:0", PollInterval: Duration(time.Minute), MaxBytes: 1 << 20},
			pipeline.Default(), quietLog(), "test")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		if err := svc.Prepare(context.Background()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		if _, err := svc.Backfill(context.Background(), []string{os.Getenv("TICKERWIRE_TEST_ARTICLES")}, nil, nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestKilledBackfillLosesNothingAndStoresNothingTwice(t *testing.T) {
	const n = 400
	articles := t.TempDir()
	for i := range n {
		body := fmt.Sprintf("Example Corp %d reports quarterly results\n\nExample Corp %d said revenue rose %d%% in the quarter to $%d million, beating estimates, while costs climbed %d%%. Shares of Amazon and Nvidia were little changed in item %d.",
			i, i, i%40+1, 100+i, i%7+1, i)
		if err := os.WriteFile(filepath.Join(articles, fmt.Sprintf("a%04d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TICKERWIRE_TEST_BACKFILL="+data, "TICKERWIRE_TEST_ARTICLES="+articles)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once part of the backfill is stored.
	deadline := time.Now().Add(30 * time.Second)
	for {
		if got := countArticles(t, data); got >= n/4 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	killedAt := countArticles(t, data)
	t.Logf("killed after %d of %d articles were stored", killedAt, n)
	if killedAt >= n {
		t.Skipf("the backfill finished (%d articles) before it could be killed", killedAt)
	}

	// Restart: pending articles are analysed, and the same backfill again
	// stores only what is missing.
	svc := openTest(t, data)
	defer svc.Close()
	ctx := context.Background()
	if err := svc.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := svc.Backfill(ctx, []string{articles}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Stored+p.Duplicate != n || p.Failed != 0 {
		t.Errorf("second run: %+v, want %d stored or duplicate and none failed", p, n)
	}
	pending, err := svc.Store.Pending(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 0 {
		t.Errorf("%d articles still pending after restart", len(pending))
	}
	if got := searchAll(t, svc.Store); got != n {
		t.Errorf("%d analysed articles stored, want exactly %d (killed after %d)", got, n, killedAt)
	}
}

// countArticles counts the stored articles through a second connection,
// as another process would.
func countArticles(t *testing.T, data string) int {
	t.Helper()
	if _, err := os.Stat(filepath.Join(data, "tickerwire.db")); err != nil {
		return 0
	}
	svc := openTest(t, data)
	defer svc.Close()
	n := searchAll(t, svc.Store)
	pending, err := svc.Store.Pending(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	return n + len(pending)
}

func searchAll(t *testing.T, st store.Store) int {
	t.Helper()
	n := 0
	q := store.Query{Limit: store.MaxLimit}
	for {
		page, err := st.Search(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.Articles)
		if page.Next == "" {
			return n
		}
		q.Cursor = page.Next
	}
}

func TestWatchedFolderIngestsNewFilesOnce(t *testing.T) {
	ctx := context.Background()
	svc := openTest(t, t.TempDir())
	defer svc.Close()
	dir := t.TempDir()
	old := time.Now().Add(-time.Minute)
	write := func(name, body string, mtime time.Time) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	write("nvda.txt", "Nvidia raises forecast\n\n"+pages["nvda"], old)
	write("tgt.html", "<html><head><title>Target cuts outlook</title></head><body><article><h1>Target cuts outlook</h1><p>"+pages["tgt"]+"</p></article></body></html>", old)
	write("notes.csv", "not,an,article", old)
	write("msft.txt", "Microsoft beats estimates\n\n"+pages["msft"], time.Now()) // still being written
	if _, err := svc.Store.AddSource(ctx, store.Source{URL: "file://" + dir, Kind: "folder"}); err != nil {
		t.Fatal(err)
	}
	p := &ingest.Poller{Store: svc.Store, Fetcher: svc.Fetcher, Sink: svc.Processor, Logger: quietLog()}
	if err := p.PollDue(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if n := searchAll(t, svc.Store); n != 2 {
		t.Fatalf("%d articles after the first poll, want 2 (the file still being written waits)", n)
	}
	write("msft.txt", "Microsoft beats estimates\n\n"+pages["msft"], old)
	if err := p.PollDue(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := p.PollDue(ctx, time.Now().Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := searchAll(t, svc.Store); n != 3 {
		t.Errorf("%d articles after later polls, want 3, each file once", n)
	}
	srcs, _ := svc.Store.Sources(ctx)
	if len(srcs) != 1 || srcs[0].LastError != "" {
		t.Errorf("folder source status %+v", srcs)
	}
}

func TestUnreachableFeedIsReportedPlainly(t *testing.T) {
	ctx := context.Background()
	svc := openTest(t, t.TempDir())
	defer svc.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if _, err := svc.Store.AddSource(ctx, store.Source{URL: "http://" + addr + "/rss", Kind: "feed"}); err != nil {
		t.Fatal(err)
	}
	p := &ingest.Poller{Store: svc.Store, Fetcher: svc.Fetcher, Sink: svc.Processor, Logger: quietLog(), HostInterval: time.Millisecond}
	if err := p.PollDue(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	srcs, _ := svc.Store.Sources(ctx)
	if len(srcs) != 1 || !strings.HasPrefix(srcs[0].LastError, "127.0.0.1 is unreachable") {
		t.Errorf("last error %q, want it to say the host is unreachable", srcs[0].LastError)
	}
}
