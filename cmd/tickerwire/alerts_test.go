package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAlertsRulesAddListTestRemove(t *testing.T) {
	data := t.TempDir()
	rules := filepath.Join(t.TempDir(), "rules.json")
	os.WriteFile(rules, []byte(`[{"id":"tgt-negative","scope":{"tickers":["TGT"]},"when":"sentiment <= -0.3","targets":[{"type":"webhook","url":"https://hooks.example/tw","secret":"s3cret"}]}]`), 0o644)
	if code, out, errs := runCLI(t, "", "alerts", "rules", "add", rules, "--data", data); code != 0 || !strings.Contains(out, "rule tgt-negative added") {
		t.Fatalf("rules add: exit %d, %q, %q", code, out, errs)
	}
	code, out, _ := runCLI(t, "", "alerts", "rules", "list", "--data", data)
	if code != 0 || !hasLine(out, "tgt-negative", "store", "TGT", "1h", "webhook") || !hasLine(out, "guidance-cut", "file") {
		t.Errorf("rules list: exit %d:\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "", "alerts", "rules", "list", "--format", "json", "--data", data); code != 0 || strings.Contains(out, "s3cret") {
		t.Errorf("rules list --format json shows the secret or fails (exit %d):\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "", "alerts", "rules", "test", "sentiment <= -0.3", "--data", data); code != 0 || !strings.Contains(out, "0 matches") {
		t.Errorf("rules test on an empty store: exit %d:\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "", "alerts", "rules", "remove", "tgt-negative", "--data", data); code != 0 || !strings.Contains(out, "removed") {
		t.Errorf("rules remove: exit %d, %q", code, out)
	}
	if code, _, errs := runCLI(t, "", "alerts", "rules", "remove", "guidance-cut", "--data", data); code != 1 || !strings.Contains(errs, "rules file") {
		t.Errorf("removing a built-in rule: exit %d, %q", code, errs)
	}
}

func TestAlertsRejectInvalidRulesWithPosition(t *testing.T) {
	data := t.TempDir()
	code, _, errs := runCLI(t, "", "alerts", "rules", "test", "relevance >= 0.5 && buz > 3.0", "--data", data)
	if code != 1 || !strings.Contains(errs, "1:21: undeclared reference to 'buz'") {
		t.Errorf("rules test: exit %d, %q", code, errs)
	}
	rules := filepath.Join(t.TempDir(), "rules.json")
	os.WriteFile(rules, []byte(`{"id":"bad","scope":{"all":true},"when":"sentiment <=","targets":[{"type":"log"}]}`), 0o644)
	if code, _, errs := runCLI(t, "", "serve", "--rules", rules, "--data", data, "--no-poll", "--listen", "127.0.0.1:0"); code != 1 || !strings.Contains(errs, `rule "bad": when: 1:13: Syntax error`) {
		t.Errorf("serve with a bad rules file: exit %d, %q", code, errs)
	}
}

func TestAlertsListAndAckOnAnEmptyStore(t *testing.T) {
	data := t.TempDir()
	if code, out, _ := runCLI(t, "", "alerts", "--data", data); code != 0 || !strings.HasPrefix(out, "ID  FIRED") {
		t.Errorf("alerts: exit %d:\n%s", code, out)
	}
	if code, _, errs := runCLI(t, "", "alerts", "ack", "nope", "--data", data); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("ack unknown: exit %d, %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "alerts", "list", "--acked", "maybe", "--data", data); code != 2 {
		t.Errorf("--acked maybe: exit %d, want 2", code)
	}
}

// hasLine reports whether a line of out has these fields first, in order.
func hasLine(out string, fields ...string) bool {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= len(fields) && strings.Join(f[:len(fields)], " ") == strings.Join(fields, " ") {
			return true
		}
	}
	return false
}

func TestBenchAlertsPrintsLatency(t *testing.T) {
	code, out, errs := runCLI(t, "", "bench", "alerts", "--articles", "5", "--rules", "3", "--tickers", "100", "--history", "50")
	if code != 0 || !strings.Contains(out, "article submitted to its alert at a webhook") || !strings.Contains(out, "p99") {
		t.Errorf("bench alerts: exit %d:\n%s%s", code, out, errs)
	}
}

// tail --url reconnects when the stream drops and resumes after the last
// alert it printed; a refused key ends it at once.
func TestAlertsTailReconnectsWithLastEventID(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer bad" {
			http.Error(w, `{"error":"unknown key"}`, http.StatusUnauthorized)
			return
		}
		mu.Lock()
		seen = append(seen, r.Header.Get("Last-Event-ID"))
		n := len(seen)
		mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		if n <= 2 {
			fmt.Fprintf(w, "id: %d\nevent: alert\ndata: {\"id\":\"a%d\",\"rule\":{\"id\":\"r\"},\"ticker\":\"TGT\",\"article\":{\"id\":%d,\"title\":\"T\"}}\n\n", n, n, n)
		}
		// The connection ends here: the client must come back.
	}))
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out strings.Builder
	e := &env{stdout: &syncWriter{w: &out}, stderr: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	done := make(chan error, 1)
	go func() { done <- tailStream(ctx, e, alertFlags{url: srv.URL}) }()
	deadline := time.Now().Add(15 * time.Second)
	for {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		if n >= 3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) < 3 || seen[0] != "" || seen[1] != "1" || seen[2] != "2" {
		t.Errorf("Last-Event-ID of each connection %q, want \"\", 1, 2", seen)
	}
	if got := strings.Count(out.String(), "(alert a"); got != 2 {
		t.Errorf("%d alerts printed, want 2:\n%s", got, out.String())
	}
	if err := tailStream(context.Background(), e, alertFlags{url: srv.URL, key: "bad"}); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("refused key: %v", err)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
