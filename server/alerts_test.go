package server

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/bus"
)

// alertFixture is a server with an alert engine: one fixed rule (negative
// news with a stream target) over the seeded store, old articles allowed.
type alertFixture struct {
	*fixture
	engine *alert.Engine
}

func newAlertFixture(t *testing.T) *alertFixture {
	t.Helper()
	af := &alertFixture{}
	alerts := bus.New(bus.Options{FirstSeq: 500, Logger: quietLog()})
	t.Cleanup(func() { alerts.Close() })
	af.fixture = newFixture(t, func(c *Config) {
		eng, err := alert.New(alert.Options{Store: c.Store, Stream: alerts, Logger: quietLog(), MaxAge: 100 * 365 * 24 * time.Hour,
			Rules: []alert.Rule{{ID: "negative", Name: "Negative news", Scope: alert.Scope{All: true}, When: "sentiment <= -0.3",
				Targets: []alert.Target{{Type: alert.TargetStream}}}}})
		if err != nil {
			t.Fatal(err)
		}
		af.engine = eng
		c.Alerts, c.AlertBus = eng, alerts
	})
	return af
}

// fire evaluates the rules on a seeded article.
func (af *alertFixture) fire(name string) []alert.Alert {
	af.t.Helper()
	st, err := af.store.Get(context.Background(), af.ids[name])
	if err != nil {
		af.t.Fatal(err)
	}
	return af.engine.Observe(context.Background(), st)
}

type alertList struct {
	Alerts []struct {
		Seq    int64      `json:"seq"`
		ID     string     `json:"id"`
		Ticker string     `json:"ticker"`
		Acked  *time.Time `json:"acked"`
		Rule   struct {
			ID string `json:"id"`
		} `json:"rule"`
	} `json:"alerts"`
	Next string `json:"next"`
}

func TestAlertsListFilterAndAcknowledge(t *testing.T) {
	af := newAlertFixture(t)
	for _, name := range []string{"aapl-fine", "btc-slide"} {
		if got := af.fire(name); len(got) == 0 {
			t.Fatalf("%s fired nothing", name)
		}
	}
	var all alertList
	af.getJSON("/v1/alerts", http.StatusOK, &all)
	if len(all.Alerts) != 3 || all.Alerts[0].Seq < all.Alerts[2].Seq {
		t.Fatalf("alerts %+v, want AAPL, CRYPTO:BTC and COIN newest first", all.Alerts)
	}
	var aapl alertList
	af.getJSON("/v1/alerts?ticker=aapl&rule=negative", http.StatusOK, &aapl)
	if len(aapl.Alerts) != 1 || aapl.Alerts[0].Ticker != "AAPL" || aapl.Alerts[0].Rule.ID != "negative" {
		t.Fatalf("AAPL alerts %+v", aapl.Alerts)
	}
	id := aapl.Alerts[0].ID
	resp, body := af.do("POST", "/v1/alerts/"+id+"/ack", "")
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"acked"`) {
		t.Fatalf("ack: %d %s", resp.StatusCode, body)
	}
	var acked, open alertList
	af.getJSON("/v1/alerts?acked=true", http.StatusOK, &acked)
	af.getJSON("/v1/alerts?acked=false", http.StatusOK, &open)
	if len(acked.Alerts) != 1 || acked.Alerts[0].ID != id || acked.Alerts[0].Acked == nil || len(open.Alerts) != 2 {
		t.Errorf("acknowledged %+v, open %+v", acked.Alerts, open.Alerts)
	}
	var page1, page2 alertList
	af.getJSON("/v1/alerts?limit=2", http.StatusOK, &page1)
	af.getJSON("/v1/alerts?limit=2&before="+page1.Next, http.StatusOK, &page2)
	if len(page1.Alerts) != 2 || page1.Next == "" || len(page2.Alerts) != 1 {
		t.Errorf("pages %+v then %+v", page1, page2)
	}
	for path, status := range map[string]int{
		"/v1/alerts?acked=maybe":     http.StatusBadRequest,
		"/v1/alerts?ticker=$$":       http.StatusBadRequest,
		"/v1/alerts?from=yesterday":  http.StatusBadRequest,
		"/v1/alerts?limit=0":         http.StatusBadRequest,
		"/v1/alerts?colour=red":      http.StatusBadRequest,
		"/v1/alerts?from=2026-01-01": http.StatusOK,
	} {
		af.getJSON(path, status, nil)
	}
	if resp, _ := af.do("POST", "/v1/alerts/nope/ack", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("ack unknown: %d", resp.StatusCode)
	}
}

func TestAlertStreamCarriesAlerts(t *testing.T) {
	af := newAlertFixture(t)
	frames, resp := af.openStream("/v1/alerts/stream?tickers=AAPL")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	nextFrame := func() frame {
		for fr := range frames {
			if fr.comment == "" {
				return fr
			}
		}
		t.Fatal("stream ended")
		return frame{}
	}
	go func() {
		time.Sleep(50 * time.Millisecond)
		af.fire("btc-slide") // filtered out: not AAPL
		af.fire("aapl-fine")
	}()
	fr := nextFrame()
	var a alert.Alert
	if err := json.Unmarshal([]byte(fr.data), &a); err != nil {
		t.Fatal(err)
	}
	if fr.event != "alert" || a.Ticker != "AAPL" || a.Rule.ID != "negative" || a.Article.Title == "" {
		t.Errorf("event %q alert %+v", fr.event, a)
	}
}

func TestRulesAddListTestAndRemove(t *testing.T) {
	af := newAlertFixture(t)
	rule := `{"id":"aapl-antitrust","scope":{"tickers":["AAPL"]},"when":"has_topic('antitrust') && sentiment < 0.0",
		"targets":[{"type":"webhook","url":"https://hooks.example/tw","secret":"s3cret"}]}`
	resp, body := af.do("POST", "/v1/rules", rule)
	if resp.StatusCode != http.StatusCreated || strings.Contains(string(body), "s3cret") || resp.Header.Get("Location") != "/v1/rules/aapl-antitrust" {
		t.Fatalf("add: %d %s", resp.StatusCode, body)
	}
	var list struct {
		Rules []alert.RuleInfo `json:"rules"`
	}
	af.getJSON("/v1/rules", http.StatusOK, &list)
	if len(list.Rules) != 2 || list.Rules[0].Origin != alert.OriginFile || list.Rules[1].ID != "aapl-antitrust" ||
		list.Rules[1].Origin != alert.OriginStore || list.Rules[1].Targets[0].Secret == "s3cret" {
		t.Fatalf("rules %+v", list.Rules)
	}
	if got := af.fire("aapl-fine"); len(got) != 2 || got[1].Rule.ID != "aapl-antitrust" {
		t.Errorf("the Apple fine fired %+v, want the fixed rule's alert and the added rule's", got)
	}

	resp, body = af.do("POST", "/v1/rules", `{"id":"bad","scope":{"all":true},"when":"relevance >= 0.5 &&\n buz > 3.0","targets":[{"type":"log"}]}`)
	var invalid struct {
		Code   string        `json:"code"`
		Field  string        `json:"field"`
		Issues []alert.Issue `json:"issues"`
	}
	json.Unmarshal(body, &invalid)
	if resp.StatusCode != http.StatusBadRequest || invalid.Code != "invalid_rule" || invalid.Field != "when" ||
		len(invalid.Issues) != 1 || invalid.Issues[0].Line != 2 || invalid.Issues[0].Column != 2 || !strings.Contains(invalid.Issues[0].Reason, "buz") {
		t.Errorf("invalid rule: %d %s", resp.StatusCode, body)
	}
	if resp, _ := af.do("POST", "/v1/rules", `{"id":"negative","scope":{"all":true},"when":"true","targets":[{"type":"log"}]}`); resp.StatusCode != http.StatusConflict {
		t.Errorf("replacing a fixed rule: %d, want 409", resp.StatusCode)
	}

	resp, body = af.do("POST", "/v1/rules:test", `{"when":"has_topic('crypto')"}`)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"ticker":"CRYPTO:BTC"`) {
		t.Errorf("test: %d %s", resp.StatusCode, body)
	}
	if resp, _ := af.do("POST", "/v1/rules:test", `{"when":"sentiment"}`); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("test of a non-bool condition: %d, want 400", resp.StatusCode)
	}

	if resp, _ := af.do("DELETE", "/v1/rules/aapl-antitrust", ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	if resp, _ := af.do("DELETE", "/v1/rules/aapl-antitrust", ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("delete again: %d", resp.StatusCode)
	}
	if resp, _ := af.do("DELETE", "/v1/rules/negative", ""); resp.StatusCode != http.StatusConflict {
		t.Errorf("delete a fixed rule: %d, want 409", resp.StatusCode)
	}
}

func TestAlertRoutesWithoutAnEngineAnswer503(t *testing.T) {
	f := newFixture(t, nil)
	for _, rt := range []struct{ method, path string }{{"GET", "/v1/rules"}, {"GET", "/v1/alerts/stream"}} {
		if resp, _ := f.do(rt.method, rt.path, ""); resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("%s %s: %d, want 503", rt.method, rt.path, resp.StatusCode)
		}
	}
}
