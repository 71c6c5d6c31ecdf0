package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/bus/jetstream"
	"github.com/tickerwire/tickerwire/demo"
	"github.com/tickerwire/tickerwire/extract"
	"github.com/tickerwire/tickerwire/fetch"
	"github.com/tickerwire/tickerwire/ingest"
	"github.com/tickerwire/tickerwire/pipeline"
	"github.com/tickerwire/tickerwire/portfolio"
	"github.com/tickerwire/tickerwire/server"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/store/postgres"
	"github.com/tickerwire/tickerwire/store/sqlite"
)

// Service is an opened Tickerwire: its store and the parts around it.
// Close it when done.
type Service struct {
	Config    Config
	Store     store.Store
	Processor *ingest.Processor
	Loader    *ingest.Loader
	Fetcher   *fetch.Client
	Bus       bus.Broker
	Alerts    *alert.Engine
	AlertBus  *bus.Bus
	Metrics   *server.Metrics
	Log       *slog.Logger
	Version   string

	// Portfolios are the portfolio functions over Store; set its Alerts to
	// put the alerts of the day in reports.
	Portfolios *portfolio.Service
}

// Open opens the store named by cfg (creating the data directory and
// applying migrations) and assembles the processor around engine.
func Open(ctx context.Context, cfg Config, engine *pipeline.Engine, log *slog.Logger, version string) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	b, err := openBus(ctx, cfg, log)
	if err != nil {
		st.Close()
		return nil, err
	}
	s := &Service{Config: cfg, Store: st, Bus: b, Metrics: server.NewMetrics(), Log: log, Version: version}
	s.Portfolios = &portfolio.Service{Store: st}
	s.Fetcher = &fetch.Client{Timeout: time.Duration(cfg.FetchTimeout), MaxBytes: cfg.MaxBytes, AllowPrivate: cfg.AllowPrivate, Logger: log}
	s.Loader = &ingest.Loader{Fetcher: s.Fetcher, MaxBytes: cfg.MaxBytes}
	s.Processor = &ingest.Processor{Store: st, Engine: engine, Logger: log, Publish: s.publish, Analysed: s.Metrics.ArticleAnalysed}
	if err := s.openAlerts(cfg); err != nil {
		b.Close()
		st.Close()
		return nil, err
	}
	links := portfolioLinks{st}
	s.Alerts.SetPortfolios(links)
	s.Portfolios.Alerts = links
	s.Portfolios.Changed = func(string) { s.Alerts.ForgetHoldings() }
	return s, nil
}

// openBus returns the JetStream bus when NATS is configured, else the
// in-process one.
func openBus(ctx context.Context, cfg Config, log *slog.Logger) (bus.Broker, error) {
	if cfg.NATS == "" {
		return bus.New(bus.Options{Logger: log}), nil
	}
	b, err := jetstream.Open(ctx, jetstream.Options{URL: cfg.NATS, Stream: cfg.NATSStream, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("open the event bus: %w", err)
	}
	return b, nil
}

func openStore(ctx context.Context, cfg Config) (store.Store, error) {
	if cfg.Postgres != "" {
		st, err := postgres.Open(ctx, cfg.Postgres)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL store: %w", err)
		}
		return st, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("data directory: %w", err)
	}
	st, err := sqlite.Open(ctx, cfg.DatabasePath())
	if err != nil {
		return nil, fmt.Errorf("open SQLite store: %w", err)
	}
	return st, nil
}

// Close releases the store and the buses.
func (s *Service) Close() error {
	return errors.Join(s.Bus.Close(), s.AlertBus.Close(), s.Store.Close())
}

// publish sends a newly analysed article to the stream.
func (s *Service) publish(ctx context.Context, st store.Stored) {
	s.Metrics.ArticleIngested()
	ev, err := server.NewEvent(st)
	if err != nil {
		s.Log.Error("stream event", "id", st.ID, "err", err)
		return
	}
	if err := s.Bus.Publish(ctx, ev); err != nil && !errors.Is(err, bus.ErrClosed) {
		s.Log.Error("publish event", "id", st.ID, "err", err)
	}
	s.Alerts.Observe(ctx, st)
}

// Prepare finishes what a previous run left: articles stored but not
// analysed (after a crash or kill) are analysed, and the story index is
// loaded so clusters and novelty continue.
func (s *Service) Prepare(ctx context.Context) error {
	if err := s.prepareAlerts(ctx); err != nil {
		return err
	}
	n, err := s.Processor.Recover(ctx)
	if err != nil {
		return fmt.Errorf("analyse pending articles: %w", err)
	}
	if n > 0 {
		s.Log.Info("analysed articles left pending by the previous run", "count", n)
	}
	if _, err := s.Processor.Warm(ctx, time.Now()); err != nil {
		return err
	}
	return nil
}

// SeedDefaultFeeds adds the curated feed list when the store has no
// source at all, and returns how many it added.
func (s *Service) SeedDefaultFeeds(ctx context.Context) (int, error) {
	have, err := s.Store.Sources(ctx)
	if err != nil || len(have) > 0 {
		return 0, err
	}
	return s.AddFeeds(ctx, ingest.DefaultFeeds())
}

// AddConfiguredSources adds the sources and OPML files of the
// configuration that are not stored yet, and returns how many it added.
func (s *Service) AddConfiguredSources(ctx context.Context) (int, error) {
	n := 0
	for _, c := range s.Config.Sources {
		kind := c.Kind
		if kind == "" {
			kind = "feed"
		}
		u := c.URL
		if kind == "folder" && !strings.HasPrefix(u, "file://") {
			u = "file://" + u
		}
		_, err := s.Store.AddSource(ctx, store.Source{URL: u, Kind: kind, Title: c.Title, Paused: c.Paused})
		switch {
		case errors.Is(err, store.ErrExists):
		case err != nil:
			return n, fmt.Errorf("add configured source %s: %w", c.URL, err)
		default:
			n++
		}
	}
	for _, path := range s.Config.OPML {
		f, err := os.Open(path)
		if err != nil {
			return n, fmt.Errorf("configured OPML: %w", err)
		}
		feeds, err := ingest.ParseOPML(f)
		f.Close()
		if err != nil {
			return n, fmt.Errorf("configured OPML %s: %w", path, err)
		}
		added, err := s.AddFeeds(ctx, feeds)
		n += added
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// AddFeeds adds feeds as sources, skipping those already stored.
func (s *Service) AddFeeds(ctx context.Context, feeds []ingest.Feed) (int, error) {
	n := 0
	for _, f := range feeds {
		_, err := s.Store.AddSource(ctx, store.Source{URL: f.URL, Kind: "feed", Title: f.Title})
		switch {
		case errors.Is(err, store.ErrExists):
		case err != nil:
			return n, fmt.Errorf("add feed %s: %w", f.URL, err)
		default:
			n++
		}
	}
	return n, nil
}

// LoadDemo stores the demo portfolio (unless one called "demo" exists) and
// stores and analyses the bundled demo articles (dated relative to now),
// and returns how many articles were new.
func (s *Service) LoadDemo(ctx context.Context, now time.Time) (int, error) {
	arts, err := demo.Articles(now)
	if err != nil {
		return 0, err
	}
	if _, err := s.Store.Portfolio(ctx, demo.PortfolioName); errors.Is(err, store.ErrNotFound) {
		if _, err := s.Portfolios.ImportCSV(ctx, demo.PortfolioName, bytes.NewReader(demo.Portfolio())); err != nil {
			return 0, fmt.Errorf("demo portfolio: %w", err)
		}
	}
	n := 0
	for _, a := range arts {
		a.Fetched = now
		_, dup, err := s.Processor.Submit(ctx, a, []byte(a.Text()), 0)
		if err != nil {
			return n, fmt.Errorf("demo article %q: %w", a.Title, err)
		}
		if !dup {
			n++
		}
	}
	return n, nil
}

// Handler returns the HTTP API.
func (s *Service) Handler(keys *server.Keys) http.Handler {
	return server.New(server.Config{
		Store: s.Store, Submitter: submitter{s}, Bus: s.Bus, Alerts: s.Alerts, AlertBus: s.AlertBus, Keys: keys,
		RequireKeys: !server.Loopback(s.Config.Listen),
		RateLimit:   server.RateLimit{PerSecond: s.Config.RateLimit, Burst: s.Config.RateBurst},
		Metrics:     s.Metrics, Logger: s.Log, Version: s.Version, Portfolios: s.Portfolios,
	})
}

// Serve runs the HTTP API on ln (and feed polling when configured) until
// ctx ends, then shuts down gracefully.
func (s *Service) Serve(ctx context.Context, ln net.Listener, keys *server.Keys) error {
	srv := &http.Server{Handler: s.Handler(keys), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	deliver, stopDelivery := context.WithCancel(ctx)
	delivered := make(chan struct{})
	go func() { s.Alerts.Run(deliver); close(delivered) }()
	defer func() { stopDelivery(); <-delivered }()
	if s.Config.Poll {
		p := &ingest.Poller{Store: s.Store, Fetcher: s.Fetcher, Sink: s.Processor, Logger: s.Log,
			Interval: time.Duration(s.Config.PollInterval), HostInterval: time.Duration(s.Config.HostInterval),
			FeedError: func(id int64) { s.Metrics.FeedError(fmt.Sprint(id)) }}
		go func() {
			if err := p.Run(ctx); err != nil && ctx.Err() == nil {
				errc <- err
			}
		}()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	_ = s.Bus.Close()
	_ = s.AlertBus.Close()
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("shut down HTTP server: %w", err)
	}
	return nil
}

// submitter adapts the processor to POST /v1/articles: a page sent as HTML
// arrives as raw bytes and is extracted here.
type submitter struct{ s *Service }

func (sub submitter) Submit(ctx context.Context, a article.Article, raw []byte) (int64, bool, error) {
	if a.Body == "" && len(raw) > 0 {
		got, err := sub.s.Loader.FromBytes(ctx, raw, extract.Options{URL: a.URL, Fetched: time.Now()})
		if err != nil {
			return 0, false, fmt.Errorf("%w: %v", server.ErrUnprocessable, err)
		}
		got.URL = firstNonEmpty(a.URL, got.URL)
		a = got
	}
	if a.Fetched.IsZero() {
		a.Fetched = time.Now().UTC()
	}
	return sub.s.Processor.Submit(ctx, a, raw, 0)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
