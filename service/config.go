// Package service assembles a running Tickerwire: storage, the analysis
// processor, feed polling, the event bus and the HTTP API. The CLI's serve,
// ingest, sources, keys and reanalyze commands all open it the same way.
package service

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Config is the service's whole configuration. Its one home: defaults from
// Default, then an optional JSON file (LoadFile), then environment variables
// (FromEnv), then command-line flags set by the CLI.
type Config struct {
	// DataDir holds the SQLite database and the API keys file.
	DataDir string `json:"data_dir"`
	// Postgres, when set, is a PostgreSQL connection string used instead of
	// SQLite.
	Postgres string `json:"postgres,omitempty"`
	// NATS, when set, is a NATS server URL: analysed articles are streamed
	// through the JetStream stream NATSStream (created when missing), so
	// several servers share one stream and clients resume on any of them.
	NATS       string `json:"nats,omitempty"`
	NATSStream string `json:"nats_stream,omitempty"`
	// Listen is the HTTP address. A non-loopback address requires API keys.
	Listen string `json:"listen"`
	// PollInterval is the time between two polls of one feed.
	PollInterval Duration `json:"poll_interval"`
	// HostInterval is the least time between two requests to one host.
	HostInterval Duration `json:"host_interval"`
	// FetchTimeout and MaxBytes bound each HTTP fetch.
	FetchTimeout Duration `json:"fetch_timeout"`
	MaxBytes     int64    `json:"max_bytes"`
	// AllowPrivate allows fetching private, loopback and link-local
	// addresses (refused by default).
	AllowPrivate bool `json:"allow_private"`
	// DefaultFeeds adds the curated feed list when no source is configured.
	DefaultFeeds bool `json:"default_feeds"`
	// Poll turns feed polling on.
	Poll bool `json:"poll"`
	// RateLimit is the per-key request rate (per second) and burst.
	RateLimit float64 `json:"rate_limit"`
	RateBurst int     `json:"rate_burst"`
	// Sources are added at start when no stored source has their URL; once
	// any source exists, the default feed list is not added.
	Sources []SourceConfig `json:"sources,omitempty"`
	// OPML lists OPML files whose feeds are added at start in the same way.
	OPML []string `json:"opml,omitempty"`
	// Rules, when set, is a JSON file of alert rules (see alert.ParseRules)
	// evaluated beside the stored ones; BuiltinRules adds the ready-made
	// rules (alert.Builtin).
	Rules        string `json:"rules,omitempty"`
	BuiltinRules bool   `json:"builtin_rules"`
	// AlertWindow is the baseline window of the zscore and buzz alert
	// variables (0: alert.DefaultWindow, 30 days).
	AlertWindow Duration `json:"alert_window"`
	// WebhookRetry is the delay before the first retry of a failed webhook;
	// each retry doubles it, up to ten minutes (0: one second).
	WebhookRetry Duration `json:"webhook_retry"`
	// SecretKeyFile holds the key that seals webhook secrets in the store
	// (64 hex digits; created with a random key when missing; "": the file
	// secret.key in DataDir). SecretKey, from TICKERWIRE_SECRET_KEY only,
	// is the key itself and wins over the file. Servers sharing one
	// PostgreSQL database need the same key.
	SecretKeyFile string `json:"secret_key_file,omitempty"`
	SecretKey     string `json:"-"`
}

// SourceConfig is a source declared in the configuration file.
type SourceConfig struct {
	// URL is a feed's address, or for a folder its absolute path or
	// file:// URL.
	URL string `json:"url"`
	// Kind is "feed" (RSS, Atom or JSON Feed; the default) or "folder".
	Kind   string `json:"kind,omitempty"`
	Title  string `json:"title,omitempty"`
	Paused bool   `json:"paused,omitempty"`
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		DataDir:      "tickerwire-data",
		NATSStream:   "TICKERWIRE",
		Listen:       "127.0.0.1:8080",
		PollInterval: Duration(5 * time.Minute),
		HostInterval: Duration(2 * time.Second),
		FetchTimeout: Duration(20 * time.Second),
		MaxBytes:     10 << 20,
		DefaultFeeds: true,
		Poll:         true,
		RateLimit:    20,
		RateBurst:    40,
		BuiltinRules: true,
		AlertWindow:  Duration(30 * 24 * time.Hour),
		WebhookRetry: Duration(time.Second),
	}
}

// LoadFile overlays the JSON file at path on c. Unknown keys are errors, so
// a misspelt setting is not silently ignored.
func (c *Config) LoadFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return fmt.Errorf("config %s: %w", path, err)
	}
	return nil
}

// FromEnv overlays the TICKERWIRE_* environment variables on c.
func (c *Config) FromEnv(getenv func(string) string) error {
	set := func(name string, apply func(string) error) error {
		if v := getenv(name); v != "" {
			if err := apply(v); err != nil {
				return fmt.Errorf("%s=%q: %w", name, v, err)
			}
		}
		return nil
	}
	str := func(dst *string) func(string) error { return func(v string) error { *dst = v; return nil } }
	return errors.Join(
		set("TICKERWIRE_DATA", str(&c.DataDir)),
		set("TICKERWIRE_POSTGRES", str(&c.Postgres)),
		set("TICKERWIRE_NATS", str(&c.NATS)),
		set("TICKERWIRE_LISTEN", str(&c.Listen)),
		set("TICKERWIRE_POLL_INTERVAL", c.PollInterval.Set),
		set("TICKERWIRE_RULES", str(&c.Rules)),
		set("TICKERWIRE_SECRET_KEY", str(&c.SecretKey)),
		set("TICKERWIRE_ALLOW_PRIVATE", func(v string) (err error) { c.AllowPrivate, err = strconv.ParseBool(v); return err }),
	)
}

// Validate reports settings that cannot work.
func (c Config) Validate() error {
	switch {
	case c.Postgres == "" && c.DataDir == "":
		return errors.New("config: data_dir is empty")
	case c.Listen == "":
		return errors.New("config: listen is empty")
	case c.PollInterval < Duration(10*time.Second):
		return fmt.Errorf("config: poll_interval %s is below 10s", time.Duration(c.PollInterval))
	case c.MaxBytes <= 0:
		return errors.New("config: max_bytes must be positive")
	case c.AlertWindow != 0 && c.AlertWindow < Duration(2*time.Hour):
		return fmt.Errorf("config: alert_window %s is below 2h", time.Duration(c.AlertWindow))
	}
	for i, src := range c.Sources {
		if err := src.validate(); err != nil {
			return fmt.Errorf("config: sources[%d]: %w", i, err)
		}
	}
	return nil
}

func (s SourceConfig) validate() error {
	switch s.Kind {
	case "", "feed":
		u, err := url.Parse(s.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("url %q: a feed needs an http or https URL", s.URL)
		}
	case "folder":
		if !filepath.IsAbs(strings.TrimPrefix(s.URL, "file://")) {
			return fmt.Errorf("url %q: a folder needs an absolute path or a file:// URL", s.URL)
		}
	default:
		return fmt.Errorf("kind %q: want feed or folder", s.Kind)
	}
	return nil
}

// DatabasePath is the SQLite file in DataDir.
func (c Config) DatabasePath() string { return filepath.Join(c.DataDir, "tickerwire.db") }

// SecretKeyPath is the file of the key that seals webhook secrets.
func (c Config) SecretKeyPath() string {
	if c.SecretKeyFile != "" {
		return c.SecretKeyFile
	}
	return filepath.Join(c.DataDir, "secret.key")
}

// KeysPath is the API keys file in DataDir.
func (c Config) KeysPath() string { return filepath.Join(c.DataDir, "keys.json") }

// Duration is a time.Duration written as "5m" in JSON and flags.
type Duration time.Duration

// Set parses s ("90s", "5m"); it makes Duration a flag.Value.
func (d *Duration) Set(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

func (d Duration) String() string { return time.Duration(d).String() }

// MarshalJSON writes d as a duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a duration string such as "5m".
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string such as \"5m\": %w", err)
	}
	return d.Set(s)
}
