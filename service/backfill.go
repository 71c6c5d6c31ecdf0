package service

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/tickerwire/tickerwire/ingest"
)

// Progress counts a backfill's work so far.
type Progress struct {
	Total, Done       int
	Stored, Duplicate int
	Failed            int
}

// Backfill loads every item of specs (files, folders walked recursively for
// .html, .htm, .txt and .md files, URLs, "-" for stdin), stores and analyses
// each once, and calls progress after every item. A failing item is logged
// and counted, never fatal; ctx ending stops the backfill (what was stored
// stays stored, and pending articles are analysed by the next start).
func (s *Service) Backfill(ctx context.Context, specs []string, stdin io.Reader, progress func(Progress)) (Progress, error) {
	items, err := expand(specs)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Total: len(items)}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return p, err
		}
		a, err := s.Loader.Load(ctx, it, stdin)
		if err == nil {
			var dup bool
			_, dup, err = s.Processor.Submit(ctx, a, []byte(a.Text()), 0)
			if dup {
				p.Duplicate++
			} else if err == nil {
				p.Stored++
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				return p, ctx.Err()
			}
			p.Failed++
			s.Log.Warn("not ingested", "item", it, "err", err)
		}
		p.Done++
		if progress != nil {
			progress(p)
		}
	}
	return p, nil
}

// expand turns folders into their article files, in name order.
func expand(specs []string) ([]string, error) {
	var out []string
	for _, spec := range specs {
		info, err := os.Stat(spec)
		if spec == "-" || err != nil || !info.IsDir() {
			out = append(out, spec)
			continue
		}
		var files []string
		err = filepath.WalkDir(spec, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && ingest.IsArticleFile(path) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read folder %s: %w", spec, err)
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, nil
}
