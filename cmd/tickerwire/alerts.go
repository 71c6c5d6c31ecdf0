package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/service"
	"github.com/tickerwire/tickerwire/store"
)

const alertsUsage = "usage: alerts [list [--rule ID] [--ticker T] [--from TIME] [--to TIME] [--acked true|false] [--limit N] | ack ID | tail [--url URL] | rules list | rules add FILE | rules remove ID | rules test EXPR]"

// alertFlags are the flags of the alerts command.
type alertFlags struct {
	rule, ticker, from, to, acked, format, url, key string
	limit                                           int
	interval                                        time.Duration
}

// runAlerts shows and acknowledges alerts, tails them, and manages rules.
func runAlerts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "alerts")
	config := serviceFlags(fs)
	var f alertFlags
	fs.StringVar(&f.rule, "rule", "", "list: only alerts of this rule id")
	fs.StringVar(&f.ticker, "ticker", "", "list: only alerts about this ticker")
	fs.StringVar(&f.from, "from", "", "list: fired at or after this time (RFC 3339 or YYYY-MM-DD)")
	fs.StringVar(&f.to, "to", "", "list: fired before this time")
	fs.StringVar(&f.acked, "acked", "", "list: true for acknowledged alerts only, false for the others")
	fs.IntVar(&f.limit, "limit", 50, "list: most alerts shown")
	fs.StringVar(&f.format, "format", "text", "output format: text or json (one alert per line)")
	fs.StringVar(&f.url, "url", "", "tail: follow the alert stream of the server at this URL instead of the store")
	fs.StringVar(&f.key, "key", os.Getenv("TICKERWIRE_API_KEY"), "tail --url: API key (default $TICKERWIRE_API_KEY)")
	fs.DurationVar(&f.interval, "interval", time.Second, "tail: how often the store is read")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if f.format != "text" && f.format != "json" {
		return usagef("--format must be text or json, not %q", f.format)
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	if pos[0] == "tail" && len(pos) == 1 && f.url != "" {
		return tailStream(ctx, e, f)
	}
	svc, err := openConfigured(ctx, e, config)
	if err != nil {
		return err
	}
	defer svc.Close()
	switch verb, rest := pos[0], pos[1:]; {
	case verb == "list" && len(rest) == 0:
		return listAlerts(ctx, e, svc.Store, f)
	case verb == "ack" && len(rest) == 1:
		if err := svc.Store.AckAlert(ctx, rest[0], time.Now()); err != nil {
			return fmt.Errorf("alert %s: %w", rest[0], err)
		}
		fmt.Fprintf(e.stdout, "alert %s acknowledged\n", rest[0])
		return nil
	case verb == "tail" && len(rest) == 0:
		return tailStore(ctx, e, svc.Store, f)
	case verb == "rules" && len(rest) >= 1:
		return runRules(ctx, e, svc, f, rest)
	}
	return usagef(alertsUsage)
}

// runRules lists, adds, removes and tests alert rules.
func runRules(ctx context.Context, e *env, svc *service.Service, f alertFlags, args []string) error {
	eng := svc.Alerts
	if err := eng.Reload(ctx); err != nil {
		return err
	}
	switch verb, rest := args[0], args[1:]; {
	case verb == "list" && len(rest) == 0:
		return listRules(e, eng.Rules(), f.format)
	case verb == "add" && len(rest) == 1:
		data, err := os.ReadFile(rest[0])
		if err != nil {
			return err
		}
		rules, err := alert.ParseRules(data)
		if err != nil {
			return fmt.Errorf("%s: %w", rest[0], err)
		}
		for _, r := range rules {
			if err := eng.AddRule(ctx, r); err != nil {
				return fmt.Errorf("%s: %w", rest[0], err)
			}
			fmt.Fprintf(e.stdout, "rule %s added\n", r.ID)
		}
		return nil
	case verb == "remove" && len(rest) == 1:
		if err := eng.RemoveRule(ctx, rest[0]); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no stored rule %q (tickerwire alerts rules list)", rest[0])
			}
			return err
		}
		fmt.Fprintf(e.stdout, "rule %s removed\n", rest[0])
		return nil
	case verb == "test" && len(rest) == 1:
		if _, err := eng.Warm(ctx, time.Now(), 0); err != nil {
			return err
		}
		matches, err := eng.Test(ctx, rest[0], f.limit*4)
		if err != nil {
			return err
		}
		return printMatches(e, matches, f.format)
	}
	return usagef(alertsUsage)
}

func listRules(e *env, rules []alert.RuleInfo, format string) error {
	if format == "json" {
		redacted := make([]alert.RuleInfo, len(rules))
		for i, r := range rules {
			redacted[i] = alert.RuleInfo{Rule: r.Redacted(), Origin: r.Origin}
		}
		return jsonLines(e.stdout, redacted)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tORIGIN\tSCOPE\tCOOLDOWN\tTARGETS\tWHEN")
	for _, r := range rules {
		cool := r.Cooldown
		if cool == "" {
			cool = strings.TrimSuffix(strings.TrimSuffix(alert.DefaultCooldown.String(), "0s"), "0m")
		}
		var targets []string
		for _, t := range r.Targets {
			targets = append(targets, t.Type)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Origin, scopeText(r.Scope), cool, strings.Join(targets, ","), r.When)
	}
	return tw.Flush()
}

// jsonLines writes each item as one line of JSON.
func jsonLines[T any](w io.Writer, items []T) error {
	enc := json.NewEncoder(w)
	for _, it := range items {
		if err := enc.Encode(it); err != nil {
			return err
		}
	}
	return nil
}

func scopeText(s alert.Scope) string {
	if s.All {
		return "all"
	}
	var parts []string
	if n := len(s.Tickers); n > 3 {
		parts = append(parts, fmt.Sprintf("%d tickers", n))
	} else if n > 0 {
		parts = append(parts, strings.Join(s.Tickers, ","))
	}
	if s.Portfolio != "" {
		parts = append(parts, "portfolio "+s.Portfolio)
	}
	if len(s.Sectors) > 0 {
		parts = append(parts, "sectors "+strings.Join(s.Sectors, ","))
	}
	return strings.Join(parts, " + ")
}

func printMatches(e *env, matches []alert.Match, format string) error {
	if format == "json" {
		return jsonLines(e.stdout, matches)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tTIME\tTICKER\tSENTIMENT\tZSCORE\tBUZZ\tTITLE")
	for _, m := range matches {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%+.2f\t%+.1f\t%.1f\t%s\n", m.Article.ID, m.Article.Time.UTC().Format(time.DateTime),
			m.Ticker, m.Values.Sentiment, m.Values.ZScore, m.Values.Buzz, clip(m.Article.Title, 70))
	}
	fmt.Fprintf(tw, "%d matches\n", len(matches))
	return tw.Flush()
}

// alertQuery turns the list flags into a store query.
func alertQuery(f alertFlags) (store.AlertQuery, error) {
	q := store.AlertQuery{Rule: f.rule, Ticker: strings.ToUpper(f.ticker), Limit: f.limit}
	for _, t := range []struct {
		name, v string
		dst     *time.Time
	}{{"from", f.from, &q.From}, {"to", f.to, &q.To}} {
		if t.v == "" {
			continue
		}
		v, err := time.Parse(time.RFC3339, t.v)
		if err != nil {
			if v, err = time.Parse(time.DateOnly, t.v); err != nil {
				return q, usagef("--%s %q: want an RFC 3339 time or YYYY-MM-DD", t.name, t.v)
			}
		}
		*t.dst = v
	}
	if f.acked != "" {
		b, err := strconv.ParseBool(f.acked)
		if err != nil {
			return q, usagef("--acked must be true or false")
		}
		q.Acked = &b
	}
	if f.limit < 1 || f.limit > store.MaxLimit {
		return q, usagef("--limit must be in [1, %d]", store.MaxLimit)
	}
	return q, nil
}

func listAlerts(ctx context.Context, e *env, st store.Store, f alertFlags) error {
	q, err := alertQuery(f)
	if err != nil {
		return err
	}
	list, err := st.Alerts(ctx, q)
	if err != nil {
		return err
	}
	if f.format == "json" {
		for _, a := range list {
			fmt.Fprintf(e.stdout, "%s\n", a.Data)
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tFIRED\tRULE\tTICKER\tSENTIMENT\tACK\tTITLE")
	for _, a := range list {
		var v alert.Alert
		if err := json.Unmarshal(a.Data, &v); err != nil {
			return fmt.Errorf("alert %s: %w", a.ID, err)
		}
		ack := ""
		if !a.Acked.IsZero() {
			ack = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%+.2f\t%s\t%s\n", a.ID, a.Fired.UTC().Format(time.DateTime), a.Rule, a.Ticker,
			v.Values.Sentiment, ack, clip(v.Article.Title, 70))
	}
	return tw.Flush()
}

// printAlert writes one alert line (text) or its JSON.
func printAlert(w io.Writer, data []byte, format string) error {
	if format == "json" {
		_, err := fmt.Fprintf(w, "%s\n", data)
		return err
	}
	var a alert.Alert
	if err := json.Unmarshal(data, &a); err != nil {
		return fmt.Errorf("read alert: %w", err)
	}
	_, err := fmt.Fprintf(w, "%s  %-22s %-6s %+.2f  %s  (alert %s, article %d)\n", a.Fired.UTC().Format(time.DateTime),
		a.Rule.ID, a.Ticker, a.Values.Sentiment, clip(a.Article.Title, 80), a.ID, a.Article.ID)
	return err
}

// tailStore prints alerts as they are stored, from now on, until ctx ends.
func tailStore(ctx context.Context, e *env, st store.Store, f alertFlags) error {
	latest, err := st.Alerts(ctx, store.AlertQuery{Limit: 1})
	if err != nil {
		return err
	}
	var after int64
	if len(latest) == 1 {
		after = latest[0].Seq
	}
	tick := time.NewTicker(max(f.interval, 10*time.Millisecond))
	defer tick.Stop()
	for {
		list, err := st.Alerts(ctx, store.AlertQuery{After: after, Oldest: true, Limit: store.MaxLimit})
		if err != nil && ctx.Err() == nil {
			return err
		}
		for _, a := range list {
			if err := printAlert(e.stdout, a.Data, f.format); err != nil {
				return err
			}
			after = a.Seq
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// tailStream prints the alerts of a server's /v1/alerts/stream.
func tailStream(ctx context.Context, e *env, f alertFlags) error {
	url := strings.TrimRight(f.url, "/") + "/v1/alerts/stream"
	var last string
	wait := time.Second
	for attempt := 0; ; attempt++ {
		got, err := tailOnce(ctx, e, f, url, &last)
		switch {
		case ctx.Err() != nil:
			return nil
		case attempt == 0 && !got && err != nil:
			return err // the first connection fails: a wrong URL or key
		case errors.As(err, new(tailFatal)):
			return err
		}
		if got {
			wait = time.Second
		}
		e.log.Warn("alert stream lost; reconnecting", "url", url, "in", wait, "last_event_id", last, "err", err)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// tailFatal is an error that reconnecting cannot cure (a refused key, a
// closed output).
type tailFatal struct{ error }

// tailOnce follows the alert stream once, resuming after *last, until it
// ends; it reports whether it received anything.
func tailOnce(ctx context.Context, e *env, f alertFlags, url string, last *string) (bool, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false, usagef("--url %q: %v", f.url, err)
	}
	if f.key != "" {
		req.Header.Set("Authorization", "Bearer "+f.key)
	}
	if *last != "" {
		req.Header.Set("Last-Event-ID", *last)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false, fmt.Errorf("connect to %s: %w", f.url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		err := fmt.Errorf("%s answered %s: %s", req.URL, resp.Status, strings.TrimSpace(string(body)))
		if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != http.StatusTooManyRequests {
			return false, tailFatal{err}
		}
		return false, err
	}
	got := false
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	var data strings.Builder
	id := ""
	for sc.Scan() {
		got = true
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "id:"):
			id = strings.TrimSpace(strings.TrimPrefix(line, "id:"))
		case strings.HasPrefix(line, "data:"):
			data.WriteString(strings.TrimPrefix(strings.TrimPrefix(line, "data:"), " "))
		case line == "" && data.Len() > 0:
			if err := printAlert(e.stdout, []byte(data.String()), f.format); err != nil {
				return got, tailFatal{err}
			}
			data.Reset()
			if id != "" {
				*last = id
			}
		}
	}
	if err := sc.Err(); err != nil {
		return got, err
	}
	return got, errors.New("the server closed the stream")
}
