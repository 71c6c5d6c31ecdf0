package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
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
	// Delivery tunes the outbox.
	Delivery DeliveryOptions
	// Logger receives log targets and errors; nil: slog.Default().
	Logger *slog.Logger
	// Now is the clock; nil: time.Now.
	Now func() time.Time
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

// compiled is a rule ready to evaluate.
type compiled struct {
	Rule
	origin   string
	cond     *condition
	cooldown time.Duration
	tickers  map[string]bool
	sectors  map[string]bool
}

type ruleSet struct{ rules []*compiled }

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

// Compile checks a rule: its id, scope, cool-down, targets and condition.
// The error is a *RuleError; for the condition it gives the line and
// column of each problem.
func Compile(r Rule) error {
	_, err := compileRule(r, "")
	return err
}

func compileRule(r Rule, origin string) (*compiled, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	cond, err := compileCondition(r.ID, r.When)
	if err != nil {
		return nil, err
	}
	c := &compiled{Rule: r, origin: origin, cond: cond, tickers: map[string]bool{}, sectors: map[string]bool{}}
	c.cooldown, _ = r.cooldown()
	for _, t := range r.Scope.Tickers {
		c.tickers[strings.ToUpper(strings.TrimSpace(t))] = true
	}
	for _, s := range r.Scope.Sectors {
		c.sectors[strings.ToLower(strings.TrimSpace(s))] = true
	}
	return c, nil
}

// compile builds the rule set of the fixed rules and stored.
func (e *Engine) compile(stored []Rule) (*ruleSet, error) {
	set := &ruleSet{}
	seen := map[string]bool{}
	for _, r := range e.o.Rules {
		if seen[r.ID] {
			return nil, fieldError(r.ID, "id", "defined twice")
		}
		c, err := compileRule(r, OriginFile)
		if err != nil {
			return nil, err
		}
		seen[r.ID] = true
		set.rules = append(set.rules, c)
	}
	for _, r := range stored {
		if seen[r.ID] {
			e.log.Warn("stored rule ignored: the rules file defines the same id", "rule", r.ID)
			continue
		}
		c, err := compileRule(r, OriginStore)
		if err != nil {
			e.log.Error("stored rule ignored: it no longer compiles", "rule", r.ID, "err", err)
			continue
		}
		set.rules = append(set.rules, c)
	}
	return set, nil
}

// Where a rule comes from.
const (
	OriginFile  = "file"  // built in or from the rules file: read-only
	OriginStore = "store" // added by the CLI or API
)

// Reload reads the stored rules and makes them, with the fixed rules, the
// rules evaluated from now on.
func (e *Engine) Reload(ctx context.Context) error {
	recs, err := e.o.Store.Rules(ctx)
	if err != nil {
		return fmt.Errorf("load alert rules: %w", err)
	}
	var stored []Rule
	for _, rec := range recs {
		var r Rule
		if err := json.Unmarshal(rec.Spec, &r); err != nil {
			e.log.Error("stored rule ignored: unreadable", "rule", rec.ID, "err", err)
			continue
		}
		stored = append(stored, r)
	}
	set, err := e.compile(stored)
	if err != nil {
		return err
	}
	e.rules.Store(set)
	return nil
}

// RuleInfo is a rule with where it comes from (OriginFile or OriginStore).
type RuleInfo struct {
	Rule
	Origin string `json:"origin"`
}

// Rules returns the rules evaluated, fixed ones first, secrets included.
func (e *Engine) Rules() []RuleInfo {
	set := e.rules.Load()
	out := make([]RuleInfo, len(set.rules))
	for i, c := range set.rules {
		out[i] = RuleInfo{Rule: c.Rule, Origin: c.origin}
	}
	return out
}

// ErrReadOnly is returned for changes to a rule of the rules file.
var ErrReadOnly = errors.New("the rule is defined in the rules file (or built in); change it there")

// AddRule compiles r, stores it (replacing a stored rule of the same ID)
// and starts evaluating it. Errors: a *RuleError, ErrReadOnly.
func (e *Engine) AddRule(ctx context.Context, r Rule) error {
	if _, err := compileRule(r, OriginStore); err != nil {
		return err
	}
	if slices.ContainsFunc(e.o.Rules, func(f Rule) bool { return f.ID == r.ID }) {
		return fmt.Errorf("rule %s: %w", r.ID, ErrReadOnly)
	}
	spec, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := e.o.Store.PutRule(ctx, store.Rule{ID: r.ID, Spec: spec}); err != nil {
		return err
	}
	return e.Reload(ctx)
}

// RemoveRule deletes a stored rule. Errors: store.ErrNotFound,
// ErrReadOnly.
func (e *Engine) RemoveRule(ctx context.Context, id string) error {
	if slices.ContainsFunc(e.o.Rules, func(f Rule) bool { return f.ID == id }) {
		return fmt.Errorf("rule %s: %w", id, ErrReadOnly)
	}
	if err := e.o.Store.DeleteRule(ctx, id); err != nil {
		return err
	}
	return e.Reload(ctx)
}

// Warm loads the aggregates from the articles of the baseline window
// before now, and the last alert time of each rule and ticker (for the
// cool-down). The articles of the last replay before now are evaluated
// again instead, through Observe: an article stored just before a crash,
// before its alerts were, fires them now, and one whose alerts were stored
// fires nothing twice (alert IDs are per story). Call Warm once before the
// first Observe; replay 0 only loads. It returns how many articles it
// read.
func (e *Engine) Warm(ctx context.Context, now time.Time, replay time.Duration) (int, error) {
	replayFrom := now.Add(-max(replay, 0))
	n, err := e.scan(ctx, now.Add(-e.agg.window), replayFrom, func(st store.Stored) {
		for _, ts := range st.Analysis.Tickers {
			e.agg.observe(ts.Ticker, st.Time, ts.Sentiment.Value, nil)
		}
	})
	if err != nil {
		return n, fmt.Errorf("warm alert aggregates: %w", err)
	}
	if err := e.warmCooldowns(ctx, now); err != nil {
		return n, err
	}
	if replay <= 0 {
		return n, nil
	}
	m, err := e.scan(ctx, replayFrom, now.Add(time.Millisecond), func(st store.Stored) { e.Observe(ctx, st) })
	if err != nil {
		return n + m, fmt.Errorf("evaluate recent articles again: %w", err)
	}
	return n + m, nil
}

// scan calls f with every analysed article of [from, to), oldest first.
func (e *Engine) scan(ctx context.Context, from, to time.Time, f func(store.Stored)) (int, error) {
	q := store.Query{From: from, To: to, Sort: store.Oldest, Limit: store.MaxLimit}
	n := 0
	for {
		page, err := e.o.Store.Search(ctx, q)
		if err != nil {
			return n, err
		}
		for _, st := range page.Articles {
			if st.Analysis != nil {
				f(st)
				n++
			}
		}
		if page.Next == "" {
			return n, nil
		}
		q.Cursor = page.Next
	}
}

// warmCooldowns loads the last alert time of each rule and ticker.
func (e *Engine) warmCooldowns(ctx context.Context, now time.Time) error {
	alerts, err := e.o.Store.Alerts(ctx, store.AlertQuery{From: now.Add(-7 * 24 * time.Hour), Limit: store.MaxLimit})
	if err != nil {
		return fmt.Errorf("warm alert cool-downs: %w", err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, a := range alerts {
		k := a.Rule + "\x00" + a.Ticker
		if a.Fired.After(e.lastFire[k]) {
			e.lastFire[k] = a.Fired
		}
	}
	return nil
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
			hooks = append(hooks, store.Delivery{Target: t.URL, Secret: t.Secret, NextAt: now})
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
