package fetch

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// MaxRobotsBytes is how much of a robots.txt ParseRobots reads; the rest is
// ignored (RFC 9309 asks parsers to read at least 500 KiB).
const MaxRobotsBytes = 512 << 10

// Robots holds the rules of one robots.txt (RFC 9309). A nil *Robots allows
// everything. It is safe for concurrent use.
type Robots struct {
	groups      []robotsGroup
	disallowAll bool
	// Sitemaps lists the Sitemap: URLs, in file order, as written.
	Sitemaps []string
}

type robotsGroup struct {
	agents []string // lower-cased product tokens; "*" matches any crawler
	rules  []robotsRule
	delay  time.Duration
}

type robotsRule struct {
	allow   bool
	pattern string // normalised; '*' wildcard, final '$' anchors
}

// ParseRobots reads a robots.txt. It accepts anything: lines it does not
// understand are skipped, rules before any User-agent line are ignored. The
// error is only ever a read error from r.
func ParseRobots(r io.Reader) (*Robots, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxRobotsBytes))
	if err != nil {
		return nil, fmt.Errorf("read robots.txt: %w", err)
	}
	raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	p := robotsParser{robots: &Robots{}}
	for _, line := range strings.FieldsFunc(string(raw), func(r rune) bool { return r == '\n' || r == '\r' }) {
		p.line(line)
	}
	return p.robots, nil
}

type robotsParser struct {
	robots *Robots
	cur    *robotsGroup // group being filled, nil before the first User-agent
	inBody bool         // a rule has been seen since the last User-agent line
}

func (p *robotsParser) line(line string) {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return
	}
	key, value = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value)
	switch key {
	case "user-agent":
		p.userAgent(value)
	case "allow", "disallow":
		p.rule(key == "allow", value)
	case "crawl-delay":
		p.crawlDelay(value)
	case "sitemap":
		if value != "" {
			p.robots.Sitemaps = append(p.robots.Sitemaps, value)
		}
	}
}

// userAgent starts a new group unless it continues a run of User-agent lines.
func (p *robotsParser) userAgent(value string) {
	if p.cur == nil || p.inBody {
		p.robots.groups = append(p.robots.groups, robotsGroup{})
		p.cur = &p.robots.groups[len(p.robots.groups)-1]
		p.inBody = false
	}
	p.cur.agents = append(p.cur.agents, productToken(value))
}

func (p *robotsParser) rule(allow bool, value string) {
	if p.cur == nil {
		return
	}
	p.inBody = true
	if value == "" {
		return // "Disallow:" with no path disallows nothing
	}
	if value[0] != '/' && value[0] != '*' {
		value = "/" + value
	}
	p.cur.rules = append(p.cur.rules, robotsRule{allow: allow, pattern: normalizeRobotsPath(value)})
}

// crawlDelay reads seconds, fractions allowed, capped at one day.
func (p *robotsParser) crawlDelay(value string) {
	if p.cur == nil {
		return
	}
	p.inBody = true
	secs, err := strconv.ParseFloat(value, 64)
	if err != nil || secs <= 0 || secs != secs {
		return
	}
	p.cur.delay = time.Duration(min(secs, 86400) * float64(time.Second))
}

// productToken reduces a User-agent value or header ("Tickerwire/1.2 (+url)")
// to its lower-cased product token ("tickerwire"); empty becomes "*".
func productToken(ua string) string {
	ua = strings.TrimSpace(ua)
	if i := strings.IndexAny(ua, "/ ;(\t"); i >= 0 {
		ua = ua[:i]
	}
	if ua == "" {
		return "*"
	}
	return strings.ToLower(ua)
}
