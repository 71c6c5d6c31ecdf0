package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/fetch"
	"github.com/tickerwire/tickerwire/ingest"
	"github.com/tickerwire/tickerwire/pipeline"
)

// SchemaVersion names the JSON schema of `analyze --format json` output,
// documented in docs/analysis-schema.md.
const SchemaVersion = "tickerwire.analysis/v1"

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "analyze")
	format := fs.String("format", "text", "output format: text or json")
	textArg := fs.String("text", "", "analyse this text instead of a file or URL")
	explain := fs.Bool("explain", false, "show the phrases that drove each score")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching private, loopback and link-local addresses")
	timeout := fs.Duration("timeout", 20*time.Second, "URL fetch timeout")
	maxBytes := fs.Int64("max-bytes", ingest.DefaultMaxBytes, "largest page or file accepted, in bytes")
	aliases := fs.String("aliases", "", "file of extra aliases and tickers (see README)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format must be text or json, not %q", *format)
	}
	if (len(pos) == 1) == (*textArg != "") {
		return usagef("give one FILE, URL or - for standard input, or --text TEXT")
	}
	engine, err := newEngine(*aliases)
	if err != nil {
		return err
	}
	loader := &ingest.Loader{MaxBytes: *maxBytes, Fetcher: &fetch.Client{Timeout: *timeout, MaxBytes: *maxBytes, AllowPrivate: *allowPrivate, Logger: e.log}}
	var a article.Article
	if *textArg != "" {
		a, err = loader.FromText(ctx, *textArg)
	} else {
		a, err = loader.Load(ctx, pos[0], e.stdin)
	}
	if err != nil {
		return err
	}
	an, err := engine.Analyze(ctx, a)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, an)
	}
	renderAnalysis(e.stdout, an, *explain)
	return nil
}

// newEngine returns the default engine, or one that also knows the aliases
// and tickers of a user's file.
func newEngine(aliasFile string) (*pipeline.Engine, error) {
	if aliasFile == "" {
		return pipeline.Default(), nil
	}
	f, err := os.Open(aliasFile)
	if err != nil {
		return nil, fmt.Errorf("aliases: %w", err)
	}
	defer f.Close()
	return pipeline.WithAliases(f)
}

// analysisJSON is the documented JSON form of an analysis.
type analysisJSON struct {
	Schema string `json:"schema"`
	article.Analysis
}

func writeJSON(w io.Writer, an article.Analysis) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(analysisJSON{Schema: SchemaVersion, Analysis: an})
}
