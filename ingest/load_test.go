package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLoadReadsGzippedFilesWithinTheCap(t *testing.T) {
	page := `<html><head><title>Acme lifts outlook</title></head><body><article><h1>Acme lifts outlook</h1>` +
		`<p>Acme Corp. raised its full-year outlook on Tuesday after quarterly sales beat estimates, and its shares rose 6% in early trading.</p></article></body></html>`
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name    string
		path    string
		title   string
		wantErr error
		errText string
	}{
		{"gzipped page", write("page.html.gz", gzipped(t, page)), "Acme lifts outlook", nil, ""},
		{"gzipped text", write("note.txt.gz", gzipped(t, "Acme lifts outlook\n\nAcme Corp. raised its outlook after sales beat estimates.")), "Acme lifts outlook", nil, ""},
		{"bomb", write("bomb.html.gz", gzipped(t, strings.Repeat("a", 5<<20))), "", ErrTooLarge, ""},
		{"corrupt", write("bad.html.gz", append([]byte{0x1f, 0x8b, 8, 0}, "not really gzip"...)), "", nil, "gzip input"},
	}
	l := &Loader{MaxBytes: 1 << 20}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := l.Load(context.Background(), tt.path, nil)
			switch {
			case tt.wantErr != nil || tt.errText != "":
				if err == nil || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("err = %v, want %v %q", err, tt.wantErr, tt.errText)
				}
			case err != nil:
				t.Fatal(err)
			case a.Title != tt.title:
				t.Errorf("title %q, want %q", a.Title, tt.title)
			}
		})
	}
}

func TestIsArticleFile(t *testing.T) {
	for path, want := range map[string]bool{
		"a.html": true, "b.HTM": true, "c.txt": true, "d.md": true, "e.html.gz": true, "f.TXT.GZ": true,
		"g.csv": false, "h.gz": false, "i": false, "j.pdf.gz": false,
	} {
		if got := IsArticleFile(path); got != want {
			t.Errorf("IsArticleFile(%q) = %v, want %v", path, got, want)
		}
	}
}
