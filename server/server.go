// Package server is Tickerwire's HTTP service: the JSON API under /v1
// (articles, ticker sentiment series, sources, health, OpenAPI document),
// Prometheus metrics, Server-Sent Events of analysed articles, an Alpha
// Vantage NEWS_SENTIMENT compatible endpoint at /query, and API keys with
// scopes and per-key rate limits. It knows the analysis only through the
// Store and the Submitter it is given.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/portfolio"
	"github.com/tickerwire/tickerwire/store"
)

// Submitter takes an article submitted through POST /v1/articles: it
// stores the article with its raw input, analyses it and publishes the
// result on the bus, and returns the article's id. When the article is
// already stored it returns the existing id with duplicate set. a comes in
// one of two forms: with Title and/or Body set (a JSON submission; raw is
// the request body), or with only URL set and raw holding the HTML page to
// extract the article from. An error wrapping ErrUnprocessable or
// store.ErrEmpty means the article has nothing to analyse (answered 422);
// other errors are answered 500. Submit must be safe for concurrent use.
type Submitter interface {
	Submit(ctx context.Context, a article.Article, raw []byte) (id int64, duplicate bool, err error)
}

// ErrUnprocessable is wrapped by Submitter errors for articles that cannot
// be analysed (no text in the page, undecodable HTML).
var ErrUnprocessable = errors.New("the article cannot be analysed")

// Config configures the handler New returns. Store is required.
type Config struct {
	Store store.Store
	// Submitter takes POST /v1/articles; nil answers it 503.
	Submitter Submitter
	// Bus delivers the events of GET /v1/stream (a *bus.Bus); nil answers
	// it 503.
	Bus bus.Subscriber
	// Alerts evaluates alert rules and manages them (/v1/rules); nil
	// answers those routes 503. AlertBus carries the alerts of
	// /v1/alerts/stream.
	Alerts   *alert.Engine
	AlertBus bus.Subscriber
	// Keys are the API keys. Access control is on when RequireKeys is set
	// or Keys holds at least one key; otherwise every request is allowed.
	Keys *Keys
	// RequireKeys turns access control on even without keys (every call
	// but health and the OpenAPI document is then refused until a key is
	// created). Set it when listening on a non-loopback address: see
	// Loopback.
	RequireKeys bool
	// RateLimit applies to each API key; the zero value is the default.
	RateLimit RateLimit
	// Metrics receives the request counts and is served at /metrics; share
	// it with the ingest side. nil: New makes one.
	Metrics *Metrics
	// Logger receives one line per request and the errors; nil: slog.Default().
	Logger *slog.Logger
	// Version is reported by /v1/health and the build_info metric.
	Version string
	// Heartbeat is the interval of SSE comments that keep idle streams
	// open through proxies; 0 means 15s.
	Heartbeat time.Duration
	// Portfolios answers /v1/portfolios; nil: one over Store with the
	// embedded security master and no alerts.
	Portfolios *portfolio.Service
}

// server holds what the handlers share; it is read-only after New.
type server struct {
	store       store.Store
	submitter   Submitter
	bus         bus.Subscriber
	alerts      *alert.Engine
	alertBus    bus.Subscriber
	keys        *Keys
	requireKeys bool
	limiter     *limiter
	metrics     *Metrics
	// metricsHandler serves metrics at /metrics.
	metricsHandler http.Handler
	log            *slog.Logger
	version        string
	heartbeat      time.Duration
	started        time.Time
	tax            *taxonomy
	portfolios     *portfolio.Service
}

// New returns the handler of every endpoint. It is safe for concurrent use.
// The http.Server running it should set ReadHeaderTimeout and IdleTimeout
// but no WriteTimeout, which would cut SSE streams (they set their own
// write deadlines). http.Server.Shutdown waits for open SSE streams: close
// the bus (or cancel the server's BaseContext) first to end them.
func New(cfg Config) http.Handler {
	s := &server{
		store: cfg.Store, submitter: cfg.Submitter, bus: cfg.Bus, alerts: cfg.Alerts, alertBus: cfg.AlertBus,
		keys: cfg.Keys, requireKeys: cfg.RequireKeys, limiter: newLimiter(cfg.RateLimit),
		metrics: cfg.Metrics, log: cfg.Logger, version: cfg.Version,
		heartbeat: cfg.Heartbeat, started: time.Now(), tax: defaultTaxonomy(), portfolios: cfg.Portfolios,
	}
	if s.portfolios == nil {
		s.portfolios = &portfolio.Service{Store: cfg.Store}
	}
	if s.metrics == nil {
		s.metrics = NewMetrics()
	}
	s.metricsHandler = s.metrics.handler(s.version)
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.heartbeat <= 0 {
		s.heartbeat = 15 * time.Second
	}
	return s.mux()
}
