package alert

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/entity"
	"github.com/tickerwire/tickerwire/store"
)

// Portfolios gives the holdings of a named portfolio, for rules scoped to
// one. Holdings returns the tickers held; an unknown portfolio is an
// error. It must be safe for concurrent use.
type Portfolios interface {
	Holdings(ctx context.Context, name string) ([]string, error)
}

// Options configure an Engine. Store is required; the zero value of every
// other field is usable.
type Options struct {
	Store store.Store
	// Rules are fixed rules (built in, or from the rules file) evaluated
	// beside the rules stored in Store; they cannot be changed through the
	// Engine.
	Rules []Rule
	// Portfolios resolves portfolio scopes; nil: they match nothing.
	Portfolios Portfolios
	// Sector returns a ticker's GICS sector; nil: the security master's.
	Sector func(ticker string) string
	// Window is the baseline window of zscore and buzz; 0: DefaultWindow.
	Window time.Duration
	// MaxAge: articles whose time is older than this feed the aggregates
	// but fire no alert (backfills); 0 means 48 hours.
	MaxAge time.Duration
	// Stream receives the alerts of rules with a stream target (a bus
	// Event per alert, Data its JSON); nil: stream targets are dropped.
	Stream bus.Publisher
	// Webhooks posts webhook deliveries; nil: they stay in the outbox.
	Webhooks Poster
	// Secrets seals the webhook secrets of stored rules and deliveries;
	// nil: they are stored in clear.
	Secrets *SecretBox
	// Delivery tunes the outbox.
	Delivery DeliveryOptions
	// Logger receives log targets and errors; nil: slog.Default().
	Logger *slog.Logger
	// Now is the clock; nil: time.Now.
	Now func() time.Time
	// CheckTarget, when set, vets a webhook URL when a rule is added (the
	// address policy of Webhooks, without network access).
	CheckTarget func(url string) error
	// Fired, when set, is told the rule of every alert fired, and
	// Delivered the outcome of every webhook attempt ("delivered",
	// "retry", "failed"), for metrics.
	Fired     func(rule string)
	Delivered func(outcome string)
}

// Engine evaluates rules on analysed articles and delivers their alerts.
// It is safe for concurrent use. Observe evaluates; Run delivers webhooks.
type Engine struct {
	o     Options
	log   *slog.Logger
	agg   *aggregates
	rules atomic.Pointer[ruleSet]
	kick  chan struct{}

	mu       sync.Mutex           // serialises firing, for the cool-down
	lastFire map[string]time.Time // rule + "\x00" + ticker -> last alert

	holdMu   sync.Mutex
	holdings map[string]heldSet
}

type heldSet struct {
	tickers map[string]bool
	at      time.Time
}

// observeTimeout bounds the store writes of one Observe.
const observeTimeout = 30 * time.Second

// holdingsTTL is how long portfolio holdings are cached.
const holdingsTTL = 30 * time.Second

// New returns an engine with the fixed rules of o; call Reload to add the
// stored rules and Warm to load the aggregates. It returns a *RuleError
// when a fixed rule is invalid.
func New(o Options) (*Engine, error) {
	if o.MaxAge <= 0 {
		o.MaxAge = 48 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sector == nil {
		o.Sector = masterSector
	}
	e := &Engine{o: o, log: o.Logger, agg: newAggregates(o.Window), kick: make(chan struct{}, 1),
		lastFire: map[string]time.Time{}, holdings: map[string]heldSet{}}
	if e.log == nil {
		e.log = slog.Default()
	}
	e.o.Delivery = o.Delivery.withDefaults()
	set, err := e.compile(nil)
	if err != nil {
		return nil, err
	}
	e.rules.Store(set)
	return e, nil
}

func masterSector(ticker string) string {
	s, ok := entity.Default().Lookup("$" + ticker)
	if !ok {
		return ""
	}
	return s.Sector
}

// Observe evaluates every rule on a newly analysed article, for each of
// its tickers in the rule's scope, records the alerts that fire and hands
// them to their targets (webhooks through the outbox: Run delivers them).
// It returns the alerts recorded. Errors are logged, never returned: one
// broken rule or a failed write does not stop the others.
func (e *Engine) Observe(ctx context.Context, st store.Stored) []Alert {
	if st.Analysis == nil {
		return nil
	}
	// The article is stored: its alerts must be too, even when the request
	// that brought it is gone.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), observeTimeout)
	defer cancel()
	fresh := e.o.Now().Sub(st.Time) <= e.o.MaxAge
	set := e.rules.Load()
	var out []Alert
	var topics []string
	var scores map[string]float64
	for _, ts := range st.Analysis.Tickers {
		if !fresh {
			e.agg.observe(ts.Ticker, st.Time, ts.Sentiment.Value, nil)
			continue
		}
		if topics == nil {
			topics, scores = topicsOf(st)
		}
		v := e.variables(st, ts, topics, scores)
		e.agg.observe(ts.Ticker, st.Time, ts.Sentiment.Value, v)
		for _, c := range set.rules {
			if c.Disabled || !e.inScope(ctx, c, v) {
				continue
			}
			ok, err := c.cond.eval(v)
			if err != nil {
				e.log.Debug("condition failed to evaluate", "rule", c.ID, "ticker", v.Ticker, "err", err)
			}
			if !ok {
				continue
			}
			if a, fired := e.fire(ctx, c, v, st); fired {
				out = append(out, a)
			}
		}
	}
	return out
}

// variables returns the article's variables for one of its tickers,
// without the aggregates.
func (e *Engine) variables(st store.Stored, ts article.TickerSentiment, topics []string, scores map[string]float64) *Variables {
	v := &Variables{Ticker: ts.Ticker, Name: ts.Name, Sector: e.o.Sector(ts.Ticker),
		Sentiment: ts.Sentiment.Value, Label: string(ts.Sentiment.Label), Relevance: ts.Relevance,
		Mentions: int64(ts.Mentions), Novelty: 100, Topics: topics, TopicScore: scores,
		Source: st.Article.Site, Title: st.Article.Title,
		Overall: st.Analysis.Sentiment.Value, OverallLabel: string(st.Analysis.Sentiment.Label)}
	if n, ok := st.Novelty[ts.Ticker]; ok {
		v.Novelty = n * 100
	}
	return v
}

func topicsOf(st store.Stored) ([]string, map[string]float64) {
	topics := make([]string, len(st.Analysis.Topics))
	scores := make(map[string]float64, len(topics))
	for i, t := range st.Analysis.Topics {
		topics[i] = t.ID
		scores[t.ID] = t.Relevance
	}
	return topics, scores
}

// inScope reports whether the rule watches v's ticker.
func (e *Engine) inScope(ctx context.Context, c *compiled, v *Variables) bool {
	switch {
	case c.Scope.All, c.tickers[v.Ticker]:
		return true
	case len(c.sectors) > 0 && v.Sector != "" && c.sectors[strings.ToLower(v.Sector)]:
		return true
	case c.Scope.Portfolio != "":
		return e.held(ctx, c.Scope.Portfolio)[v.Ticker]
	}
	return false
}

// ForgetHoldings drops the cached holdings of every portfolio, so a changed
// portfolio counts at the next article rather than within holdingsTTL.
func (e *Engine) ForgetHoldings() {
	e.holdMu.Lock()
	defer e.holdMu.Unlock()
	clear(e.holdings)
}

// SetPortfolios sets (or replaces) what resolves portfolio scopes, for
// when the portfolios are opened after the engine.
func (e *Engine) SetPortfolios(p Portfolios) {
	e.holdMu.Lock()
	defer e.holdMu.Unlock()
	e.o.Portfolios = p
	clear(e.holdings)
}

// held returns the tickers of a portfolio, cached for holdingsTTL.
func (e *Engine) held(ctx context.Context, name string) map[string]bool {
	e.holdMu.Lock()
	defer e.holdMu.Unlock()
	if e.o.Portfolios == nil {
		return nil
	}
	if h, ok := e.holdings[name]; ok && e.o.Now().Sub(h.at) < holdingsTTL {
		return h.tickers
	}
	list, err := e.o.Portfolios.Holdings(ctx, name)
	if err != nil {
		e.log.Warn("portfolio of an alert rule unavailable", "portfolio", name, "err", err)
	}
	set := make(map[string]bool, len(list))
	for _, t := range list {
		set[strings.ToUpper(t)] = true
	}
	e.holdings[name] = heldSet{tickers: set, at: e.o.Now()}
	return set
}

// fire records an alert of rule c unless its ticker is cooling down or
// the story already fired it, then notifies the targets.
func (e *Engine) fire(ctx context.Context, c *compiled, v *Variables, st store.Stored) (Alert, bool) {
	now := e.o.Now().UTC()
	key := c.ID + "\x00" + v.Ticker
	a := Alert{Schema: Schema, ID: alertID(c.ID, v.Ticker, st), Rule: RuleRef{ID: c.ID, Name: c.Name, When: c.When},
		Ticker: v.Ticker, Name: v.Name, Fired: now.Truncate(time.Millisecond), Article: articleRef(st), Values: *v,
		Sentences: drivers(st.Analysis, v.Ticker, v.Sentiment)}
	data, err := json.Marshal(a)
	if err != nil {
		e.log.Error("encode alert", "rule", c.ID, "err", err)
		return Alert{}, false
	}
	var hooks []store.Delivery
	for _, t := range c.Targets {
		if t.Type == TargetWebhook {
			secret, err := e.o.Secrets.Seal(t.Secret)
			if err != nil {
				e.log.Error("seal webhook secret", "rule", c.ID, "err", err)
				return Alert{}, false
			}
			hooks = append(hooks, store.Delivery{Target: t.URL, Secret: secret, NextAt: now})
		}
	}
	e.mu.Lock()
	if last, ok := e.lastFire[key]; ok && now.Sub(last) < c.cooldown {
		e.mu.Unlock()
		return Alert{}, false
	}
	_, created, err := e.o.Store.PutAlert(ctx, store.Alert{ID: a.ID, Rule: c.ID, Ticker: v.Ticker,
		Article: st.ID, Cluster: st.Cluster, Fired: a.Fired, Data: data}, hooks)
	if created {
		e.lastFire[key] = now
	}
	e.mu.Unlock()
	if err != nil {
		e.log.Error("store alert", "rule", c.ID, "ticker", v.Ticker, "article", st.ID, "err", err)
		return Alert{}, false
	}
	if !created {
		return Alert{}, false
	}
	if e.o.Fired != nil {
		e.o.Fired(c.ID)
	}
	e.notify(ctx, c, a, data, len(hooks) > 0)
	return a, true
}

// notify hands a recorded alert to its log and stream targets and wakes
// the webhook delivery.
func (e *Engine) notify(ctx context.Context, c *compiled, a Alert, data []byte, hooks bool) {
	for _, t := range c.Targets {
		switch t.Type {
		case TargetLog:
			e.log.Info("alert", "id", a.ID, "rule", c.ID, "ticker", a.Ticker, "sentiment", a.Values.Sentiment,
				"article", a.Article.ID, "title", a.Article.Title)
		case TargetStream:
			if e.o.Stream == nil {
				continue
			}
			err := e.o.Stream.Publish(ctx, bus.Event{ID: a.Article.ID, Tickers: []string{a.Ticker}, Topics: []string{c.ID}, Data: data})
			if err != nil && !errors.Is(err, bus.ErrClosed) {
				e.log.Error("publish alert", "id", a.ID, "err", err)
			}
		}
	}
	if hooks {
		select {
		case e.kick <- struct{}{}:
		default:
		}
	}
}
