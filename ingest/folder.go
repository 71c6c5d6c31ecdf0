package ingest

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// pollFolder ingests the article files (.html, .htm, .txt, .md, each possibly gzipped) of a folder
// source that appeared or changed since the last poll. The source's URL is
// the folder path (a file:// URL or a plain path). Files still being
// written (changed within the last two seconds) wait for the next poll.
func (p *Poller) pollFolder(ctx context.Context, s *store.Source) (int, error) {
	dir := strings.TrimPrefix(s.URL, "file://")
	info, err := os.Stat(dir)
	if err != nil {
		return 0, fmt.Errorf("watched folder: %w", err)
	}
	if !info.IsDir() {
		return 0, fmt.Errorf("watched folder %s is not a folder", dir)
	}
	var files []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && IsArticleFile(path) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("read watched folder: %w", err)
	}
	sort.Strings(files)
	loader := p.Loader
	if loader == nil {
		loader = &Loader{}
	}
	n := 0
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil || time.Since(fi.ModTime()) < 2*time.Second {
			continue
		}
		if !p.markSeen(s.ID, f+"@"+fi.ModTime().UTC().Format(time.RFC3339Nano)) {
			continue
		}
		a, err := loader.Load(ctx, f, nil)
		if err != nil {
			p.logger().Warn("file not ingested", "source", s.ID, "file", f, "err", err)
			continue
		}
		_, dup, err := p.Sink.Submit(ctx, a, []byte(a.Text()), s.ID)
		if err != nil {
			return n, fmt.Errorf("%s: %w", f, err)
		}
		if !dup {
			n++
		}
	}
	return n, nil
}

// IsArticleFile reports whether path names a file Tickerwire reads as an
// article: .html, .htm, .txt or .md, each possibly gzipped (.html.gz).
func IsArticleFile(path string) bool {
	switch strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(path), ".gz"))) {
	case ".html", ".htm", ".txt", ".md":
		return true
	}
	return false
}
