// Command tickerwire reads financial news and tells what it says about which
// securities: tickers, sentiment, topics and a summary per article.
//
// Run `tickerwire help` for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand: it parses its own flags from args.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: standard streams and the logger. Tests
// give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

func commands() []command {
	return []command{
		{"analyze", "analyze FILE|URL|- [--format text|json]   analyse one article", runAnalyze},
		{"score", "score [FILE]                              score JSON lines {id,text,targets} to JSON lines", runScore},
		{"eval", "eval extraction|sentiment|topics [--data DIR]   print accuracy figures", runEval},
		{"train", "train sentiment|topics [--data DIR]      rebuild an embedded model", runTrain},
		{"serve", "serve [--demo] [--listen ADDR] [--data DIR]   run the service: poll feeds, analyse, store, serve the API", runServe},
		{"ingest", "ingest FILE|DIR|URL|- ...                store and analyse articles (backfills), with progress", runIngest},
		{"sources", "sources [list|add URL|import OPML|pause ID|resume ID|remove ID]   manage feed sources", runSources},
		{"keys", "keys [list|create NAME [--scope read|admin]|revoke ID]   manage API keys", runKeys},
		{"alerts", "alerts [list|ack ID|tail|rules list|rules add FILE|rules remove ID|rules test EXPR]   alert history and rules", runAlerts},
		{"reanalyze", "reanalyze                                 analyse stored articles again after a model upgrade", runReanalyze},
		{"portfolio", "portfolio [list|import NAME FILE.csv|show NAME|remove NAME|analytics NAME|returns NAME --prices FILE]   manage portfolios, their analytics", runPortfolio},
		{"report", "report --portfolio NAME [--day DATE] [--format terminal|markdown|html] [--out FILE]   a portfolio's daily briefing", runReport},
		{"bench", "bench [--data DIR] | bench service [--store DIR] | bench alerts   print throughput, latency and peak memory", runBench},
		{"generate", "generate [--articles 1000000] [--data DIR]   fill a store with synthetic articles (load tests)", runGenerate},
		{"version", "version                                   print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr,
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: logLevel()}))}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes one command line and returns the process exit code:
// 0 success, 1 failure, 2 usage error.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(usageError)):
			fmt.Fprintf(e.stderr, "tickerwire %s: %v\n", c.name, err)
			return 2
		}
		fmt.Fprintf(e.stderr, "tickerwire %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(e.stderr, "tickerwire: unknown command %q (run 'tickerwire help')\n", args[0])
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Tickerwire: financial news intelligence.\n\nUsage:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  tickerwire %s\n", c.usage)
	}
	fmt.Fprintln(w, "\nRun 'tickerwire COMMAND -h' for a command's flags.")
}

// usageError marks errors in how a command was called (exit code 2).
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("tickerwire "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parse parses flags allowing them before and after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func logLevel() slog.Level {
	if os.Getenv("TICKERWIRE_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

func runVersion(_ context.Context, e *env, _ []string) error {
	fmt.Fprintf(e.stdout, "tickerwire %s\n", version)
	return nil
}
