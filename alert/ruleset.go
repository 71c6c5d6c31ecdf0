package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

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
		clear, err := e.openSecrets(r)
		if err != nil {
			e.log.Error("stored rule ignored", "rule", rec.ID, "err", err)
			continue
		}
		if e.o.Secrets != nil && hasClearSecret(r) {
			e.resealRule(ctx, clear) // stored before secrets were sealed
		}
		stored = append(stored, clear)
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
	if e.o.CheckTarget != nil {
		for i, t := range r.Targets {
			if t.Type != TargetWebhook {
				continue
			}
			if err := e.o.CheckTarget(t.URL); err != nil {
				return &RuleError{Rule: r.ID, Field: fmt.Sprintf("targets[%d].url", i), Issues: []Issue{{Reason: err.Error()}}}
			}
		}
	}
	if slices.ContainsFunc(e.o.Rules, func(f Rule) bool { return f.ID == r.ID }) {
		return fmt.Errorf("rule %s: %w", r.ID, ErrReadOnly)
	}
	if err := e.putRule(ctx, r); err != nil {
		return err
	}
	return e.Reload(ctx)
}

// putRule stores r with its webhook secrets sealed.
func (e *Engine) putRule(ctx context.Context, r Rule) error {
	r.Targets = slices.Clone(r.Targets)
	for i := range r.Targets {
		sealed, err := e.o.Secrets.Seal(r.Targets[i].Secret)
		if err != nil {
			return err
		}
		r.Targets[i].Secret = sealed
	}
	spec, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return e.o.Store.PutRule(ctx, store.Rule{ID: r.ID, Spec: spec})
}

// openSecrets returns r with its webhook secrets in clear.
func (e *Engine) openSecrets(r Rule) (Rule, error) {
	r.Targets = slices.Clone(r.Targets)
	for i := range r.Targets {
		clear, err := e.o.Secrets.Open(r.Targets[i].Secret)
		if err != nil {
			return r, fmt.Errorf("targets[%d]: %w", i, err)
		}
		r.Targets[i].Secret = clear
	}
	return r, nil
}

// hasClearSecret reports whether a stored rule keeps a webhook secret in
// clear.
func hasClearSecret(stored Rule) bool {
	for _, t := range stored.Targets {
		if t.Secret != "" && !IsSealed(t.Secret) {
			return true
		}
	}
	return false
}

// resealRule stores r again so that its secrets are sealed; a failure is
// logged and tried again at the next reload.
func (e *Engine) resealRule(ctx context.Context, r Rule) {
	if err := e.putRule(ctx, r); err != nil {
		e.log.Error("seal the webhook secrets of a stored rule", "rule", r.ID, "err", err)
	}
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
