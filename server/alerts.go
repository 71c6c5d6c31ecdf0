package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/store"
)

// maxRuleBytes bounds the body of POST /v1/rules.
const maxRuleBytes = 1 << 20

// codeInvalidRule answers a rule or condition that does not compile; the
// body lists the issues with their line and column.
const codeInvalidRule = "invalid_rule"

// alertView is an alert as the API returns it: its JSON as delivered, its
// position in the listing and, once acknowledged, its webhook deliveries.
type alertView struct {
	Seq int64 `json:"seq"`
	alert.Alert
	Deliveries []deliveryView `json:"deliveries,omitempty"`
}

// deliveryView is a webhook delivery without its secret.
type deliveryView struct {
	URL       string     `json:"url"`
	State     string     `json:"state"`
	Attempts  int        `json:"attempts"`
	NextAt    *time.Time `json:"next_at,omitempty"`
	LastError string     `json:"last_error,omitempty"`
	Delivered *time.Time `json:"delivered,omitempty"`
}

func alertViewOf(a store.Alert) (alertView, error) {
	v := alertView{Seq: a.Seq}
	if err := json.Unmarshal(a.Data, &v.Alert); err != nil {
		return alertView{}, fmt.Errorf("decode alert %s: %w", a.ID, err)
	}
	if !a.Acked.IsZero() {
		t := a.Acked.UTC()
		v.Acked = &t
	}
	return v, nil
}

func deliveryViewOf(d store.Delivery) deliveryView {
	v := deliveryView{URL: d.Target, State: string(d.State), Attempts: d.Attempts, LastError: d.LastError}
	if d.State == store.DeliveryPending {
		t := d.NextAt.UTC()
		v.NextAt = &t
	}
	if !d.Delivered.IsZero() {
		t := d.Delivered.UTC()
		v.Delivered = &t
	}
	return v
}

// needAlerts answers 503 when the server has no alert engine.
func (s *server) needAlerts() error {
	if s.alerts == nil {
		return errorf(http.StatusServiceUnavailable, codeUnavailable, "this server does not evaluate alerts")
	}
	return nil
}

// listAlerts answers GET /v1/alerts: alert history, newest first, filtered
// by rule, ticker, time and acknowledgement; next pages back.
func (s *server) listAlerts(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r, "rule", "ticker", "from", "to", "acked", "limit", "before")
	if err != nil {
		return err
	}
	q := store.AlertQuery{Rule: p.get("rule")}
	if p.has("ticker") {
		if q.Ticker, err = parseTicker(p.get("ticker")); err != nil {
			return badParam("ticker", "%v", err)
		}
	}
	for name, dst := range map[string]*time.Time{"from": &q.From, "to": &q.To} {
		if p.has(name) {
			if *dst, err = parseTime(p.get(name)); err != nil {
				return badParam(name, "%v", err)
			}
		}
	}
	if p.has("acked") {
		b, err := strconv.ParseBool(p.get("acked"))
		if err != nil {
			return badParam("acked", "%q: want true or false", p.get("acked"))
		}
		q.Acked = &b
	}
	if q.Limit, err = p.int("limit", 1, store.MaxLimit, store.DefaultLimit); err != nil {
		return err
	}
	if p.has("before") {
		if q.Before, err = parseID(p.get("before")); err != nil {
			return badParam("before", "%v", err)
		}
	}
	list, err := s.store.Alerts(r.Context(), q)
	if err != nil {
		return storeError(err, "alerts")
	}
	out := struct {
		Alerts []alertView `json:"alerts"`
		Next   string      `json:"next,omitempty"`
	}{Alerts: []alertView{}}
	for _, a := range list {
		v, err := alertViewOf(a)
		if err != nil {
			return err
		}
		out.Alerts = append(out.Alerts, v)
	}
	if len(list) == q.Limit {
		out.Next = strconv.FormatInt(list[len(list)-1].Seq, 10)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// ackAlert answers POST /v1/alerts/{id}/ack with the alert and the state
// of its webhook deliveries.
func (s *server) ackAlert(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.store.AckAlert(r.Context(), id, time.Now()); err != nil {
		return storeError(err, "alert "+id)
	}
	v, err := s.alertWithDeliveries(r, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *server) alertWithDeliveries(r *http.Request, id string) (alertView, error) {
	a, err := s.store.Alert(r.Context(), id)
	if err != nil {
		return alertView{}, storeError(err, "alert "+id)
	}
	v, err := alertViewOf(a)
	if err != nil {
		return alertView{}, err
	}
	ds, err := s.store.Deliveries(r.Context(), id)
	if err != nil {
		return alertView{}, storeError(err, "alert "+id)
	}
	for _, d := range ds {
		v.Deliveries = append(v.Deliveries, deliveryViewOf(d))
	}
	return v, nil
}

// alertStream answers GET /v1/alerts/stream: Server-Sent Events, one
// "alert" event per alert of a rule with a stream target, optionally
// filtered by tickers and rules; resumable like /v1/stream.
func (s *server) alertStream(w http.ResponseWriter, r *http.Request) error {
	if s.alertBus == nil {
		return errorf(http.StatusServiceUnavailable, codeUnavailable, "this server does not stream alerts")
	}
	p, err := readParams(r, "tickers", "rules", "last_event_id")
	if err != nil {
		return err
	}
	var f streamFilter
	if p.has("tickers") {
		if f.tickers, err = parseList(p.get("tickers"), parseTicker); err != nil {
			return badParam("tickers", "%v", err)
		}
	}
	if p.has("rules") {
		f.topics = strings.Split(p.get("rules"), ",")
	}
	after, err := lastEventID(r, p)
	if err != nil {
		return err
	}
	// Alert events carry their rule in Topics, so the topic filter is the
	// rule filter.
	return s.serveEvents(w, r, s.alertBus, "alert", f.match, after)
}

// listRules answers GET /v1/rules: every rule evaluated, secrets hidden.
func (s *server) listRules(w http.ResponseWriter, r *http.Request) error {
	if err := s.needAlerts(); err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	out := struct {
		Rules []alert.RuleInfo `json:"rules"`
	}{Rules: []alert.RuleInfo{}}
	for _, ri := range s.alerts.Rules() {
		ri.Rule = ri.Redacted()
		out.Rules = append(out.Rules, ri)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// addRule answers POST /v1/rules: one rule (alert.Rule as JSON), stored
// and evaluated from now on; a rule with the ID of a stored one replaces
// it.
func (s *server) addRule(w http.ResponseWriter, r *http.Request) error {
	if err := s.needAlerts(); err != nil {
		return err
	}
	raw, err := readJSONBody(w, r, maxRuleBytes)
	if err != nil {
		return err
	}
	var rule alert.Rule
	if err := decodeJSON(raw, &rule); err != nil {
		return err
	}
	if err := s.alerts.AddRule(r.Context(), rule); err != nil {
		return s.ruleError(w, err)
	}
	w.Header().Set("Location", "/v1/rules/"+rule.ID)
	writeJSON(w, http.StatusCreated, alert.RuleInfo{Rule: rule.Redacted(), Origin: alert.OriginStore})
	return nil
}

// deleteRule answers DELETE /v1/rules/{id}.
func (s *server) deleteRule(w http.ResponseWriter, r *http.Request) error {
	if err := s.needAlerts(); err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := s.alerts.RemoveRule(r.Context(), id); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return errorf(http.StatusNotFound, codeNotFound, "no stored rule %q; see GET /v1/rules", id)
		}
		return s.ruleError(w, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// testRule answers POST /v1/rules:test (a custom method, as /v1/rules/{id}
// takes every other second segment) {"when": EXPR, "limit": N}: the
// recent articles and tickers for which the condition holds.
func (s *server) testRule(w http.ResponseWriter, r *http.Request) error {
	if err := s.needAlerts(); err != nil {
		return err
	}
	raw, err := readJSONBody(w, r, maxRuleBytes)
	if err != nil {
		return err
	}
	var in struct {
		When  string `json:"when"`
		Limit int    `json:"limit"`
	}
	if err := decodeJSON(raw, &in); err != nil {
		return err
	}
	if in.Limit < 0 || in.Limit > store.MaxLimit {
		return errorf(http.StatusBadRequest, codeBadBody, "limit %d: want 0 (200) to %d", in.Limit, store.MaxLimit)
	}
	matches, err := s.alerts.Test(r.Context(), in.When, in.Limit)
	if err != nil {
		return s.ruleError(w, err)
	}
	writeJSON(w, http.StatusOK, struct {
		Matches []alert.Match `json:"matches"`
	}{append([]alert.Match{}, matches...)})
	return nil
}

// ruleError answers a rejected rule: 400 with its issues, 409 for a rule
// of the rules file; other errors go to the usual handling.
func (s *server) ruleError(w http.ResponseWriter, err error) error {
	var re *alert.RuleError
	switch {
	case errors.As(err, &re):
		issues := slices.Clone(re.Issues)
		writeJSON(w, http.StatusBadRequest, struct {
			Error  string        `json:"error"`
			Code   string        `json:"code"`
			Field  string        `json:"field"`
			Issues []alert.Issue `json:"issues"`
		}{re.Error(), codeInvalidRule, re.Field, issues})
		return nil
	case errors.Is(err, alert.ErrReadOnly):
		return errorf(http.StatusConflict, codeConflict, "%v", err)
	}
	return err
}

// readJSONBody checks the request has no parameters and a JSON body, and
// reads it.
func readJSONBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if _, err := readParams(r); err != nil {
		return nil, err
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return nil, errorf(http.StatusUnsupportedMediaType, codeBadMediaType, "Content-Type %q: send application/json", ct)
	}
	return readBody(w, r, limit)
}
