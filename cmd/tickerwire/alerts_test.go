package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
