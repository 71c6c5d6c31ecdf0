package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tickerwire/tickerwire/ingest"
	"github.com/tickerwire/tickerwire/server"
	"github.com/tickerwire/tickerwire/store"
)

// runIngest stores and analyses files, folders, URLs or stdin: one-off
// loads and backfills, with a progress bar on a terminal.
func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest")
	config := serviceFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("give one or more FILE, DIR, URL or - for standard input")
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := svc.Prepare(ctx); err != nil {
		return err
	}
	bar := newProgress(e.stderr, e.log)
	p, err := svc.Backfill(ctx, pos, e.stdin, bar.update)
	bar.finish()
	fmt.Fprintf(e.stdout, "%d stored, %d duplicates, %d failed, of %d\n", p.Stored, p.Duplicate, p.Failed, p.Total)
	if err != nil {
		return err
	}
	if p.Failed > 0 {
		return fmt.Errorf("%d of %d items failed (see the log above)", p.Failed, p.Total)
	}
	return nil
}

// runReanalyze analyses again every stored article made by an older model.
func runReanalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "reanalyze")
	config := serviceFlags(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	n, err := svc.Processor.Reanalyze(ctx, func(done int) { e.log.Info("reanalysed", "articles", done) })
	fmt.Fprintf(e.stdout, "%d articles analysed again with %s\n", n, svc.Processor.Engine.Model())
	return err
}

// runSources manages feed sources: list, add, import, pause, resume, remove.
func runSources(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "sources")
	config := serviceFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	switch verb, rest := pos[0], pos[1:]; {
	case verb == "list" && len(rest) == 0:
		return listSources(ctx, e, svc.Store)
	case verb == "add" && len(rest) == 1:
		src, err := sourceOf(rest[0])
		if err != nil {
			return err
		}
		id, err := svc.Store.AddSource(ctx, src)
		if errors.Is(err, store.ErrExists) {
			return fmt.Errorf("%s is already a source", rest[0])
		}
		if err == nil {
			fmt.Fprintf(e.stdout, "source %d added\n", id)
		}
		return err
	case verb == "import" && len(rest) == 1:
		f, err := os.Open(rest[0])
		if err != nil {
			return err
		}
		defer f.Close()
		feeds, err := ingest.ParseOPML(f)
		if err != nil {
			return fmt.Errorf("%s: %w", rest[0], err)
		}
		n, err := svc.AddFeeds(ctx, feeds)
		fmt.Fprintf(e.stdout, "%d of %d feeds added\n", n, len(feeds))
		return err
	case (verb == "pause" || verb == "resume" || verb == "remove") && len(rest) == 1:
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil {
			return usagef("source id must be a number, not %q", rest[0])
		}
		return changeSource(ctx, svc.Store, verb, id)
	}
	return usagef("usage: sources [list | add URL|FOLDER | import OPML | pause ID | resume ID | remove ID]")
}

// sourceOf makes a source of a command-line argument: a feed URL, or a
// folder to watch (an existing directory or a file:// URL).
func sourceOf(arg string) (store.Source, error) {
	path := strings.TrimPrefix(arg, "file://")
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		abs, err := filepath.Abs(path)
		if err != nil {
			return store.Source{}, err
		}
		return store.Source{URL: "file://" + abs, Kind: "folder"}, nil
	}
	if strings.HasPrefix(arg, "file://") {
		return store.Source{}, usagef("%s is not a folder", path)
	}
	return store.Source{URL: arg, Kind: "feed"}, nil
}

func changeSource(ctx context.Context, st store.Store, verb string, id int64) error {
	if verb == "remove" {
		return st.DeleteSource(ctx, id)
	}
	s, err := st.Source(ctx, id)
	if err != nil {
		return fmt.Errorf("source %d: %w", id, err)
	}
	s.Paused = verb == "pause"
	return st.UpdateSource(ctx, s)
}

func listSources(ctx context.Context, e *env, st store.Store) error {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATE\tITEMS\tLAST POLL\tURL\tLAST ERROR")
	for _, s := range srcs {
		state := "active"
		if s.Paused {
			state = "paused"
		}
		last := "never"
		if !s.LastPoll.IsZero() {
			last = s.LastPoll.UTC().Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\n", s.ID, state, s.Items, last, s.URL, s.LastError)
	}
	return tw.Flush()
}

// runKeys manages API keys: create, list, revoke.
func runKeys(_ context.Context, e *env, args []string) error {
	fs := newFlags(e, "keys")
	config := serviceFlags(fs)
	scope := fs.String("scope", "read", "scope of a new key: read or admin")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	cfg, err := config()
	if err != nil {
		return usageError{err.Error()}
	}
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return err
	}
	keys, err := server.LoadKeys(cfg.KeysPath())
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 2 && pos[0] == "create":
		if *scope != string(server.ScopeRead) && *scope != string(server.ScopeAdmin) {
			return usagef("--scope must be read or admin")
		}
		plain, k, err := keys.Create(pos[1], server.Scope(*scope))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s\n", plain)
		fmt.Fprintf(e.stderr, "key %s (%s, scope %s) created; it is shown only this once\n", k.ID, k.Name, k.Scope)
		return nil
	case len(pos) <= 1 && (len(pos) == 0 || pos[0] == "list"):
		tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSCOPE\tCREATED")
		for _, k := range keys.List() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Scope, k.Created.UTC().Format(time.DateTime))
		}
		return tw.Flush()
	case len(pos) == 2 && pos[0] == "revoke":
		return keys.Revoke(pos[1])
	}
	return usagef("usage: keys [list | create NAME [--scope read|admin] | revoke ID|NAME]")
}
