package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tickerwire/tickerwire/internal/golden"
)

// runCLI runs one command line and returns its exit code and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := run(ctx, e, args)
	return code, out.String(), errb.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

func TestAnalyzeGolden(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		golden string
	}{
		{"html page as text report", []string{"analyze", "../../examples/aws-custom-silicon.html"}, "aws-custom-silicon.txt.golden"},
		{"html page as json", []string{"analyze", "--format", "json", "../../examples/aws-custom-silicon.html"}, "aws-custom-silicon.json.golden"},
		{"plain text with boilerplate", []string{"analyze", "../../examples/fed-holds-rates.txt"}, "fed-holds-rates.txt.golden"},
		{"retail outlook cut with explanations", []string{"analyze", "--explain", "../../examples/retail-outlook-cut.txt"}, "retail-outlook-cut.txt.golden"},
	}
	// A file's fetch time is its modification time: copies with a fixed
	// one keep the outputs the same in every checkout.
	dir := t.TempDir()
	fixed := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		src := tt.args[len(tt.args)-1]
		raw, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, filepath.Base(src))
		if err := os.WriteFile(dst, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(dst, fixed, fixed); err != nil {
			t.Fatal(err)
		}
		tt.args[len(tt.args)-1] = dst
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkGolden(t, tt.golden, out)
		})
	}
}

func TestAnalyzeStdinAndText(t *testing.T) {
	const doc = "Nvidia raises guidance\n\nNvidia beat estimates and raised its revenue forecast for the year."
	code, out, errOut := runCLI(t, doc, "analyze", "-")
	if code != 0 || !strings.Contains(out, "NVDA") {
		t.Fatalf("stdin: exit %d, out %q, err %q", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "", "analyze", "--text", doc)
	if code != 0 || !strings.Contains(out, "NVDA") {
		t.Fatalf("--text: exit %d, out %q, err %q", code, out, errOut)
	}
}

func TestAnalyzeBadInputFailsWithOneLine(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := filepath.Join(dir, "huge.html")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*7 + i/3)
	}
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer hang.Close()
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/again"+r.URL.Path, http.StatusFound)
	}))
	defer loop.Close()

	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"empty file", []string{"analyze", write("empty.txt", nil)}, "empty"},
		{"binary junk", []string{"analyze", write("junk.bin", junk)}, "binary"},
		{"200 MB page", []string{"analyze", huge}, "limit"},
		{"missing file", []string{"analyze", filepath.Join(dir, "nope.html")}, "no such file"},
		{"a folder", []string{"analyze", dir}, "folder"},
		{"loopback URL refused", []string{"analyze", hang.URL}, "loopback"},
		{"URL that never answers", []string{"analyze", "--allow-private", "--timeout", "300ms", hang.URL}, "timeout"},
		{"redirects forever", []string{"analyze", "--allow-private", loop.URL}, "redirect"},
		{"unknown format", []string{"analyze", "--format", "xml", "x.html"}, "--format"},
		{"no input", []string{"analyze"}, "give one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code == 0 {
				t.Fatalf("exit 0, want failure; out %q", out)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("error is not one line: %q", errOut)
			}
			if !strings.Contains(strings.ToLower(errOut), strings.ToLower(tt.wantErr)) {
				t.Errorf("error %q does not mention %q", errOut, tt.wantErr)
			}
		})
	}
}

func TestAnalyzeRepairsInvalidUTF8(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "latin1.txt")
	body := "Nvidia shares rose 4% after the chipmaker\xe9s record quarter beat estimates.\n\nRevenue climbed 60% \xff\xfe on data-center demand."
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "analyze", "--format", "json", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !utf8.ValidString(out) || !strings.Contains(out, `"NVDA"`) {
		t.Errorf("output is not valid UTF-8 naming NVDA:\n%s", out)
	}
}

func TestScoreLines(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "1", "text": "Glencore profit jumps 40% on record copper prices", "targets": ["Glencore"]}`,
		`{"id": 2, "text": "Amazon beats estimates while Nvidia cuts its outlook", "targets": ["AMZN", "Nvidia", "Tesla"]}`,
		`not json`,
		`{"id": "4", "text": ""}`,
	}, "\n")
	code, out, _ := runCLI(t, in, "score", "--workers", "3")
	if code != 1 {
		t.Errorf("exit %d, want 1 for failed lines", code)
	}
	checkGolden(t, "score.jsonl.golden", out)
}

func TestUnknownCommand(t *testing.T) {
	if code, _, errOut := runCLI(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("exit %d, err %q", code, errOut)
	}
}
