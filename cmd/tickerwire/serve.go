package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"time"

	"github.com/tickerwire/tickerwire/pipeline"
	"github.com/tickerwire/tickerwire/server"
	"github.com/tickerwire/tickerwire/service"
)

// serviceFlags registers the flags every service command shares and
// returns a function giving the configuration: defaults, then --config
// FILE, then TICKERWIRE_* variables, then the flags given.
func serviceFlags(fs *flag.FlagSet) func() (service.Config, error) {
	def := service.Default()
	file := fs.String("config", "", "JSON configuration file (see README)")
	data := fs.String("data", def.DataDir, "data directory (SQLite database, API keys)")
	pg := fs.String("postgres", "", "PostgreSQL connection string; stores there instead of SQLite")
	natsURL := fs.String("nats", "", "NATS server (nats://host:4222): stream analysed articles through JetStream, shared by several servers")
	listen := fs.String("listen", def.Listen, "HTTP address; a non-loopback address requires API keys")
	allow := fs.Bool("allow-private", false, "allow fetching private, loopback and link-local addresses (feeds, pages, webhooks)")
	rules := fs.String("rules", "", "JSON file of alert rules, evaluated beside the stored ones")
	poll := def.PollInterval
	fs.Var(&poll, "poll-interval", "time between two polls of one feed")
	return func() (service.Config, error) {
		cfg := service.Default()
		if *file != "" {
			if err := cfg.LoadFile(*file); err != nil {
				return cfg, err
			}
		}
		if err := cfg.FromEnv(os.Getenv); err != nil {
			return cfg, err
		}
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "data":
				cfg.DataDir = *data
			case "postgres":
				cfg.Postgres = *pg
			case "nats":
				cfg.NATS = *natsURL
			case "listen":
				cfg.Listen = *listen
			case "allow-private":
				cfg.AllowPrivate = *allow
			case "poll-interval":
				cfg.PollInterval = poll
			case "rules":
				cfg.Rules = *rules
			}
		})
		return cfg, cfg.Validate()
	}
}

// openService opens the configured store around the default engine.
func openService(ctx context.Context, e *env, cfg service.Config) (*service.Service, error) {
	return service.Open(ctx, cfg, pipeline.Default(), e.log, version)
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "serve")
	config := serviceFlags(fs)
	demoFlag := fs.Bool("demo", false, "load the bundled demo articles (fictional, team-written) so the API has data at once")
	noPoll := fs.Bool("no-poll", false, "do not poll feeds (serve stored data and POSTed articles only)")
	noDefaults := fs.Bool("no-default-feeds", false, "do not add the curated feed list when no source is configured")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config()
	if err != nil {
		return usageError{err.Error()}
	}
	cfg.Poll = cfg.Poll && !*noPoll
	cfg.DefaultFeeds = cfg.DefaultFeeds && !*noDefaults && !*demoFlag
	svc, err := openService(ctx, e, cfg)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := svc.Prepare(ctx); err != nil {
		return err
	}
	if *demoFlag {
		n, err := svc.LoadDemo(ctx, time.Now())
		if err != nil {
			return err
		}
		e.log.Info("demo articles loaded", "new", n)
	}
	if n, err := svc.AddConfiguredSources(ctx); err != nil {
		return err
	} else if n > 0 {
		e.log.Info("sources from the configuration added", "sources", n)
	}
	if cfg.DefaultFeeds && cfg.Poll {
		if n, err := svc.SeedDefaultFeeds(ctx); err != nil {
			return err
		} else if n > 0 {
			e.log.Info("no sources configured: added the default feed list (tickerwire sources list)", "feeds", n)
		}
	}
	keys, err := server.LoadKeys(cfg.KeysPath())
	if err != nil {
		return err
	}
	if !server.Loopback(cfg.Listen) && keys.Len() == 0 {
		e.log.Warn("listening beyond loopback with no API key: every call but /v1/health is refused until you run 'tickerwire keys create NAME'")
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (choose another with --listen)", cfg.Listen, err)
	}
	e.log.Info("serving", "url", "http://"+ln.Addr().String(), "store", storeName(cfg), "bus", busName(cfg), "polling", cfg.Poll)
	fmt.Fprintf(e.stdout, "Tickerwire is serving on http://%s  (try: curl 'http://%s/v1/articles?limit=5')\n", ln.Addr(), ln.Addr())
	return svc.Serve(ctx, ln, keys)
}

func busName(cfg service.Config) string {
	if cfg.NATS != "" {
		return "jetstream " + cfg.NATSStream
	}
	return "memory"
}

func storeName(cfg service.Config) string {
	if cfg.Postgres != "" {
		return "postgres"
	}
	return cfg.DatabasePath()
}
