package ingest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/extract"
	"github.com/tickerwire/tickerwire/fetch"
	"github.com/tickerwire/tickerwire/store"
)

// Poller defaults.
const (
	DefaultInterval     = 5 * time.Minute
	DefaultHostInterval = 2 * time.Second
	maxBackoff          = 2 * time.Hour
	// teaserChars is the text length under which a feed entry is taken for
	// a teaser and its page is fetched for the full text.
	teaserChars = 700
	// maxSeen bounds the remembered entry ids per source.
	maxSeen = 5000
)

// Submitter stores and analyses an article; *Processor implements it.
type Submitter interface {
	Submit(ctx context.Context, a article.Article, raw []byte, source int64) (id int64, duplicate bool, err error)
}

// Poller reads the feed sources of a store on a schedule: conditional GET
// (ETag, Last-Modified), exponential backoff after errors, a minimum gap
// between requests to one host, robots.txt respected, and each entry's page
// fetched for the full text when the feed holds only a teaser. A failing
// feed is reported on its source (LastError) and never stops the others.
type Poller struct {
	Store   store.Store
	Fetcher *fetch.Client
	Sink    Submitter
	// Loader reads the files of folder sources; nil means a default one.
	Loader *Loader
	// Interval between polls of one feed; 0 means DefaultInterval.
	Interval time.Duration
	// HostInterval is the least time between two requests to one host; 0
	// means DefaultHostInterval.
	HostInterval time.Duration
	Logger       *slog.Logger
	// FeedError, when set, is called with each failed poll's source.
	FeedError func(source int64)

	mu       sync.Mutex
	state    map[int64]*feedState
	lastHit  map[string]time.Time
	robots   map[string]*robotsEntry
	hostLock sync.Mutex
}

type feedState struct {
	next     time.Time
	failures int
	seen     map[string]struct{}
	order    []string
}

type robotsEntry struct {
	rules   *fetch.Robots
	fetched time.Time
}

// Run polls due sources until ctx ends. Sources added, paused or removed in
// the store are picked up at the next round.
func (p *Poller) Run(ctx context.Context) error {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if err := p.PollDue(ctx, time.Now()); err != nil && ctx.Err() == nil {
			p.logger().Error("list sources", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// PollDue polls, concurrently, every feed source that is due at now.
func (p *Poller) PollDue(ctx context.Context, now time.Time) error {
	sources, err := p.Store.Sources(ctx)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	for _, s := range sources {
		if s.Paused || !(isFeedKind(s.Kind) || s.Kind == "folder") || !p.due(s.ID, now) {
			continue
		}
		p.schedule(s.ID, now.Add(p.interval()))
		wg.Add(1)
		go func(s store.Source) {
			defer wg.Done()
			p.Poll(ctx, s)
		}(s)
	}
	wg.Wait()
	return nil
}

func isFeedKind(kind string) bool {
	switch kind {
	case "", "rss", "atom", "json", "feed":
		return true
	}
	return false
}

// Poll reads one feed now, submits its new entries and records the outcome
// on the source. It returns the number of new articles stored.
func (p *Poller) Poll(ctx context.Context, s store.Source) int {
	n, err := p.poll(ctx, &s)
	s.LastPoll = time.Now().UTC()
	s.Items += int64(n)
	s.LastError = ""
	st := p.stateOf(s.ID)
	p.mu.Lock()
	if err != nil {
		s.LastError = err.Error()
		st.failures++
		backoff := time.Duration(math.Min(float64(p.interval())*math.Pow(2, float64(st.failures)), float64(maxBackoff)))
		st.next = time.Now().Add(backoff)
	} else {
		st.failures = 0
	}
	p.mu.Unlock()
	if err != nil {
		p.logger().Warn("feed poll failed", "source", s.ID, "url", s.URL, "err", err)
		if p.FeedError != nil {
			p.FeedError(s.ID)
		}
	} else {
		p.logger().Info("feed polled", "source", s.ID, "url", s.URL, "new", n)
	}
	if uerr := p.Store.UpdateSource(ctx, s); uerr != nil && ctx.Err() == nil {
		p.logger().Error("record feed status", "source", s.ID, "err", uerr)
	}
	return n
}

func (p *Poller) poll(ctx context.Context, s *store.Source) (int, error) {
	if s.Kind == "folder" {
		return p.pollFolder(ctx, s)
	}
	if err := p.allowedByRobots(ctx, s.URL); err != nil {
		return 0, err
	}
	p.waitHost(ctx, s.URL)
	resp, notModified, err := p.Fetcher.GetConditional(ctx, s.URL, s.ETag, s.LastModified)
	if err != nil {
		return 0, err
	}
	if notModified {
		return 0, nil
	}
	doc, err := ParseFeed(resp.Body, resp.URL)
	if err != nil {
		return 0, err
	}
	// Validators are kept only for a feed that parsed, so a broken feed
	// is fetched again in full at the next poll.
	s.ETag, s.LastModified = resp.ETag, resp.LastModified
	if s.Title == "" {
		s.Title = doc.Title
	}
	n := 0
	for _, e := range doc.Entries {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		if !p.markSeen(s.ID, e.ID) {
			continue
		}
		a, raw, err := p.articleOf(ctx, doc, e)
		if err != nil {
			p.logger().Warn("feed entry skipped", "source", s.ID, "entry", e.ID, "err", err)
			continue
		}
		_, dup, err := p.Sink.Submit(ctx, a, raw, s.ID)
		if err != nil {
			return n, fmt.Errorf("entry %s: %w", e.ID, err)
		}
		if !dup {
			n++
		}
	}
	return n, nil
}

// articleOf builds the article of a feed entry: from the entry's content
// when it is the full text, else from its page.
func (p *Poller) articleOf(ctx context.Context, doc FeedDoc, e Entry) (article.Article, []byte, error) {
	content := []byte(e.Content)
	var a article.Article
	var err error
	if e.Link != "" && textLen(e.Content) < teaserChars {
		if rerr := p.allowedByRobots(ctx, e.Link); rerr == nil {
			p.waitHost(ctx, e.Link)
			resp, ferr := p.Fetcher.Get(ctx, e.Link)
			if ferr == nil {
				a, err = extract.HTML(ctx, resp.Body, extract.Options{URL: resp.URL, ContentType: resp.ContentType, Fetched: resp.Fetched})
				if err == nil {
					return mergeEntry(a, doc, e), resp.Body, nil
				}
			}
			p.logger().Debug("entry page not used; keeping the feed text", "link", e.Link, "err", errors.Join(ferr, err))
		}
	}
	a, err = extract.HTML(ctx, wrapEntry(e), extract.Options{URL: e.Link, Fetched: time.Now()})
	if err != nil {
		return article.Article{}, nil, err
	}
	return mergeEntry(a, doc, e), content, nil
}

// mergeEntry prefers the feed's own title, author and date, which the
// publisher states explicitly, over what was extracted from the page.
func mergeEntry(a article.Article, doc FeedDoc, e Entry) article.Article {
	if e.Title != "" {
		a.Title = e.Title
	}
	if e.Author != "" && a.Author == "" {
		a.Author = e.Author
	}
	if !e.Published.IsZero() && (a.Published.IsZero() || a.PublishedFrom == "text" || a.PublishedFrom == "url") {
		if a.Fetched.IsZero() || !e.Published.After(a.Fetched) {
			a.Published, a.PublishedFrom = e.Published, "feed"
		}
	}
	if a.URL == "" {
		a.URL = e.Link
	}
	if a.Site == "" {
		a.Site = doc.Title
	}
	return a
}

// wrapEntry makes a small HTML page of a feed entry for the extractor.
func wrapEntry(e Entry) []byte {
	var b strings.Builder
	b.WriteString("<!doctype html><html><head><title>")
	b.WriteString(htmlEscape(e.Title))
	b.WriteString("</title></head><body><article><h1>")
	b.WriteString(htmlEscape(e.Title))
	b.WriteString("</h1>")
	if LooksLikeHTML([]byte(e.Content)) || strings.Contains(e.Content, "</p>") {
		b.WriteString(e.Content)
	} else {
		for _, para := range strings.Split(e.Content, "\n\n") {
			b.WriteString("<p>")
			b.WriteString(htmlEscape(para))
			b.WriteString("</p>")
		}
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }

// textLen is the length of s without its markup.
func textLen(s string) int {
	n, inTag := 0, false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case !inTag && r != ' ' && r != '\n' && r != '\t':
			n++
		}
	}
	return n
}

func (p *Poller) stateOf(id int64) *feedState {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.state == nil {
		p.state = make(map[int64]*feedState)
	}
	st := p.state[id]
	if st == nil {
		st = &feedState{seen: make(map[string]struct{})}
		p.state[id] = st
	}
	return st
}

func (p *Poller) due(id int64, now time.Time) bool {
	st := p.stateOf(id)
	p.mu.Lock()
	defer p.mu.Unlock()
	return !now.Before(st.next)
}

func (p *Poller) schedule(id int64, at time.Time) {
	st := p.stateOf(id)
	p.mu.Lock()
	st.next = at
	p.mu.Unlock()
}

// markSeen remembers entry id of source and reports whether it was new.
func (p *Poller) markSeen(source int64, id string) bool {
	st := p.stateOf(source)
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := st.seen[id]; ok {
		return false
	}
	st.seen[id] = struct{}{}
	st.order = append(st.order, id)
	if len(st.order) > maxSeen {
		delete(st.seen, st.order[0])
		st.order = st.order[1:]
	}
	return true
}

// waitHost keeps HostInterval between two requests to the same host.
func (p *Poller) waitHost(ctx context.Context, raw string) {
	host := hostOf(raw)
	gap := p.HostInterval
	if gap == 0 {
		gap = DefaultHostInterval
	}
	p.hostLock.Lock()
	if p.lastHit == nil {
		p.lastHit = make(map[string]time.Time)
	}
	now := time.Now()
	at := p.lastHit[host].Add(gap)
	if at.Before(now) {
		at = now
	}
	p.lastHit[host] = at
	p.hostLock.Unlock()
	if wait := time.Until(at); wait > 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
}

// allowedByRobots checks raw against its host's robots.txt, fetched at most
// once a day per host. A missing or unreadable robots.txt allows everything.
func (p *Poller) allowedByRobots(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("bad URL %q: %w", raw, err)
	}
	key := u.Scheme + "://" + u.Host
	p.mu.Lock()
	if p.robots == nil {
		p.robots = make(map[string]*robotsEntry)
	}
	entry := p.robots[key]
	p.mu.Unlock()
	if entry == nil || time.Since(entry.fetched) > 24*time.Hour {
		p.waitHost(ctx, raw)
		rules, err := p.Fetcher.GetRobots(ctx, key)
		if err != nil {
			// Unreachable or failing: per RFC 9309 nothing may be fetched
			// now; not cached, so the next poll asks again.
			if errors.Is(err, fetch.ErrUnreachable) {
				return unreachable(err)
			}
			return fmt.Errorf("robots.txt of %s: %w", u.Host, err)
		}
		entry = &robotsEntry{rules: rules, fetched: time.Now()}
		p.mu.Lock()
		p.robots[key] = entry
		p.mu.Unlock()
	}
	if !entry.rules.Allowed(p.userAgent(), u.EscapedPath()) {
		return fmt.Errorf("robots.txt of %s disallows %s", u.Host, u.EscapedPath())
	}
	return nil
}

// userAgent is the product token robots.txt rules are matched against.
func (p *Poller) userAgent() string {
	ua := p.Fetcher.UserAgent
	if ua == "" {
		ua = fetch.DefaultUserAgent
	}
	name, _, _ := strings.Cut(ua, "/")
	return name
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return DefaultInterval
}

func (p *Poller) logger() *slog.Logger {
	if p.Logger != nil {
		return p.Logger
	}
	return slog.Default()
}

// unreachable shortens a fetch error that says a host is unreachable to
// that statement: the URL and the robots.txt step add nothing for a
// reader of the source's status.
func unreachable(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if errors.Is(e, fetch.ErrUnreachable) && !strings.HasPrefix(e.Error(), "fetch ") {
			return e
		}
	}
	return err
}
