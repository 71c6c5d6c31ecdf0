package extract

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestShingleScore(t *testing.T) {
	tests := []struct {
		truth, got string
		p, r       float64
	}{
		{"one two three four five", "one two three four five", 1, 1},
		{"one two three four five", "One two three four five", 0.5, 0.5},
		{"one two three four five", "one two three four", 1, 0.5},
		{"one two three four", "one two three four five six", 1.0 / 3, 1},
		{"a b", "a b", 1, 1},
		{"", "", 1, 1},
		{"one two three four", "", 0, 0},
		{"Grüße aus Köln heute früh", "grüße aus Köln heute früh", 0.5, 0.5},
		{"snake_case words count as one", "snake_case words count as one", 1, 1},
	}
	for _, tt := range tests {
		p, r := ShingleScore(tt.truth, tt.got)
		if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 {
			t.Errorf("ShingleScore(%q, %q) = %.3f, %.3f; want %.3f, %.3f", tt.truth, tt.got, p, r, tt.p, tt.r)
		}
	}
}

func TestEvaluateOnAFolder(t *testing.T) {
	dir := t.TempDir()
	raw, err := os.ReadFile(filepath.Join("testdata", "split-body.html"))
	if err != nil {
		t.Fatal(err)
	}
	writeGzip(t, filepath.Join(dir, "html", "p1.html.gz"), raw)
	truth := map[string]map[string]string{"p1": {
		"articleBody": "Six water companies in England face combined fines of more than £160m after the regulator found they had failed to stop sewage spilling.",
		"url":         "https://courier.example.co.uk/business/water-fines",
	}}
	b, _ := json.Marshal(truth)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Evaluate(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pages != 1 || rep.Recall < 0.9 || rep.Precision <= 0 || rep.PagesPerSecond <= 0 {
		t.Errorf("report %+v", rep)
	}
	var out bytes.Buffer
	rep.Print(&out)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "F1 ") || !strings.HasSuffix(last, " on 1 pages") {
		t.Errorf("last line %q", last)
	}
}

func TestEvaluateNamesMissingPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere")
	_, err := Evaluate(context.Background(), missing)
	if err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("err = %v, want one naming %s", err, missing)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(`{"p9":{"articleBody":"x"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Evaluate(context.Background(), dir)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "html", "p9.html.gz")) {
		t.Errorf("err = %v, want one naming the missing page", err)
	}
}

func writeGzip(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	z.Write(data)
	z.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
