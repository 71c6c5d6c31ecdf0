package service

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigFileSourcesAreValidatedAndAddedOnce(t *testing.T) {
	dir := t.TempDir()
	opml := filepath.Join(dir, "feeds.opml")
	if err := os.WriteFile(opml, []byte(`<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Wire" type="rss" xmlUrl="https://wire.example/rss"/></body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, json, wantErr string
	}{
		{"feed and folder", `{"sources":[{"url":"https://news.example/feed","title":"News"},{"url":"` + dir + `","kind":"folder","paused":true}],"opml":["` + opml + `"]}`, ""},
		{"unknown key", `{"sourcez":[]}`, "unknown field"},
		{"feed without scheme", `{"sources":[{"url":"news.example/feed"}]}`, "sources[0]: url"},
		{"relative folder", `{"sources":[{"url":"inbox","kind":"folder"}]}`, "absolute path"},
		{"unknown kind", `{"sources":[{"url":"https://a.example/","kind":"podcast"}]}`, "want feed or folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.json")
			if err := os.WriteFile(path, []byte(tt.json), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg := Default()
			cfg.DataDir = t.TempDir()
			err := cfg.LoadFile(path)
			if err == nil {
				err = cfg.Validate()
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			svc, err := Open(context.Background(), cfg, nil, quietLog(), "test")
			if err != nil {
				t.Fatal(err)
			}
			defer svc.Close()
			for round, want := range []int{3, 0} {
				n, err := svc.AddConfiguredSources(context.Background())
				if err != nil || n != want {
					t.Fatalf("round %d: added %d, %v; want %d", round, n, err, want)
				}
			}
			srcs, _ := svc.Store.Sources(context.Background())
			kinds := map[string]string{}
			for _, s := range srcs {
				kinds[s.URL] = s.Kind
				if s.Kind == "folder" && !s.Paused {
					t.Errorf("folder source not paused: %+v", s)
				}
			}
			if kinds["file://"+dir] != "folder" || kinds["https://news.example/feed"] != "feed" || kinds["https://wire.example/rss"] != "feed" {
				t.Errorf("sources %v", kinds)
			}
		})
	}
}
