// Package alert turns analysed articles into alerts. A Rule watches a
// scope of tickers (a list, a portfolio, GICS sectors or all) and fires
// when its condition, an expression in CEL over one article's analysis for
// one ticker and over rolling per-ticker aggregates (see Variables), holds.
// The Engine evaluates every rule as each analysis is stored, applies a
// cool-down and de-duplicates by story cluster, records each alert with
// the reasons it fired, and hands it to its targets: webhooks (through a
// persistent outbox, signed, retried with backoff), the alert stream and
// the log.
package alert

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// DefaultCooldown is the cool-down of a rule that sets none: after an
// alert for a ticker, the rule stays silent for that ticker this long.
const DefaultCooldown = time.Hour

// Rule is an alert rule, as written in a rules file or sent to the API.
type Rule struct {
	// ID names the rule: 1-64 lower-case letters, digits, '-' or '_'.
	ID          string `json:"id"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Scope       Scope  `json:"scope"`
	// When is the condition, a CEL expression of type bool over Variables.
	When string `json:"when"`
	// Cooldown is a duration ("30m", "6h"); "" means DefaultCooldown and
	// "0s" none (every new story fires).
	Cooldown string   `json:"cooldown,omitempty"`
	Targets  []Target `json:"targets"`
	// Disabled rules are kept but not evaluated.
	Disabled bool `json:"disabled,omitempty"`
}

// Scope is the set of tickers a rule watches: the union of Tickers, the
// holdings of Portfolio and the securities of Sectors, or every ticker
// when All is set.
type Scope struct {
	All       bool     `json:"all,omitempty"`
	Tickers   []string `json:"tickers,omitempty"`
	Portfolio string   `json:"portfolio,omitempty"`
	// Sectors are GICS sector names as in the security master
	// ("Information Technology", "Energy").
	Sectors []string `json:"sectors,omitempty"`
}

// Target kinds.
const (
	TargetWebhook = "webhook"
	TargetLog     = "log"
	TargetStream  = "stream"
)

// Target is where a rule's alerts go.
type Target struct {
	// Type is "webhook", "log" or "stream".
	Type string `json:"type"`
	// URL and Secret are the webhook's address and the key of the
	// X-Tickerwire-Signature HMAC; webhooks only.
	URL    string `json:"url,omitempty"`
	Secret string `json:"secret,omitempty"`
}

var ruleID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Redacted returns a copy of r with webhook secrets hidden, for listings.
func (r Rule) Redacted() Rule {
	r.Targets = append([]Target(nil), r.Targets...)
	for i := range r.Targets {
		if r.Targets[i].Secret != "" {
			r.Targets[i].Secret = "********"
		}
	}
	return r
}

// cooldown returns the rule's cool-down.
func (r Rule) cooldown() (time.Duration, error) {
	if r.Cooldown == "" {
		return DefaultCooldown, nil
	}
	d, err := time.ParseDuration(r.Cooldown)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration such as \"30m\" or \"6h\"", r.Cooldown)
	}
	return d, nil
}

// check validates everything but the condition.
func (r Rule) check() error {
	if !ruleID.MatchString(r.ID) {
		return fieldError(r.ID, "id", "%q must be 1-64 lower-case letters, digits, '-' or '_', starting with a letter or digit", r.ID)
	}
	s := r.Scope
	if !s.All && len(s.Tickers) == 0 && s.Portfolio == "" && len(s.Sectors) == 0 {
		return fieldError(r.ID, "scope", "empty: give tickers, a portfolio, sectors, or \"all\": true")
	}
	if _, err := r.cooldown(); err != nil {
		return fieldError(r.ID, "cooldown", "%v", err)
	}
	if len(r.Targets) == 0 {
		return fieldError(r.ID, "targets", "none: add {\"type\": \"webhook\", \"url\": ..., \"secret\": ...}, {\"type\": \"stream\"} or {\"type\": \"log\"}")
	}
	for i, t := range r.Targets {
		if err := t.check(); err != nil {
			return fieldError(r.ID, fmt.Sprintf("targets[%d]", i), "%v", err)
		}
	}
	return nil
}

func (t Target) check() error {
	switch t.Type {
	case TargetLog, TargetStream:
		return nil
	case TargetWebhook:
	default:
		return fmt.Errorf("type %q: want webhook, stream or log", t.Type)
	}
	u, err := url.Parse(t.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q: want an absolute http or https URL", t.URL)
	}
	if t.Secret == "" {
		return errors.New("secret is empty: webhooks are signed with it (X-Tickerwire-Signature)")
	}
	return nil
}

// Issue is one problem of a rule; Line and Column (both from 1) locate it
// in the condition when Field is "when", else they are 0.
type Issue struct {
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Reason string `json:"reason"`
}

// RuleError is a rule rejected, with every issue found.
type RuleError struct {
	Rule   string
	Field  string
	Issues []Issue
}

func (e *RuleError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "rule %q: %s: ", e.Rule, e.Field)
	for i, is := range e.Issues {
		if i > 0 {
			b.WriteString("; ")
		}
		if is.Line > 0 {
			fmt.Fprintf(&b, "%d:%d: ", is.Line, is.Column)
		}
		b.WriteString(is.Reason)
	}
	return b.String()
}

func fieldError(rule, field, format string, args ...any) *RuleError {
	return &RuleError{Rule: rule, Field: field, Issues: []Issue{{Reason: fmt.Sprintf(format, args...)}}}
}

// ParseRules reads rules written as JSON: one rule object, an array of
// rules, or {"rules": [...]}. Unknown fields are errors; syntax errors give
// their line and column. The rules are not compiled: see Compile.
func ParseRules(data []byte) ([]Rule, error) {
	trimmed := bytes.TrimSpace(data)
	var rules []Rule
	var err error
	switch {
	case bytes.HasPrefix(trimmed, []byte("[")):
		err = decodeStrict(data, &rules)
	case isRulesObject(trimmed):
		var f struct {
			Rules []Rule `json:"rules"`
		}
		err = decodeStrict(data, &f)
		rules = f.Rules
	default:
		var r Rule
		err = decodeStrict(data, &r)
		rules = []Rule{r}
	}
	if err != nil {
		return nil, jsonError(data, err)
	}
	return rules, nil
}

// isRulesObject reports whether data is an object whose first key is
// "rules".
func isRulesObject(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	t, err := dec.Token()
	return err == nil && t == "rules"
}

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("more than one JSON value")
	}
	return nil
}

// jsonError adds the line and column of a syntax or type error.
func jsonError(data []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return fmt.Errorf("rules: %w", err)
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := int(off) - bytes.LastIndexByte(data[:off], '\n')
	return fmt.Errorf("rules: %d:%d: %w", line, col, err)
}
