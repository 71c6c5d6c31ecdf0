package fetch

import (
	"strings"
	"time"
)

// Allowed reports whether a crawler whose User-Agent is userAgent (a header
// value or a bare product token) may fetch path, the path and query of a URL
// ("/markets?page=2"; empty means "/"). It applies the groups naming the
// crawler's product token, or else the "*" groups; among matching rules the
// longest pattern wins, Allow on a tie. /robots.txt is always allowed.
func (r *Robots) Allowed(userAgent, path string) bool {
	if path == "" {
		path = "/"
	}
	path = normalizeRobotsPath(path)
	if r == nil || path == "/robots.txt" {
		return true
	}
	if r.disallowAll {
		return false
	}
	allowed, best := true, -1
	for _, g := range r.groupsFor(userAgent) {
		for _, rule := range g.rules {
			n := len(rule.pattern)
			if n < best || !matchRobots(rule.pattern, path) {
				continue
			}
			if n > best {
				allowed, best = rule.allow, n
			} else if rule.allow {
				allowed = true
			}
		}
	}
	return allowed
}

// CrawlDelay returns the Crawl-delay that applies to userAgent, the largest
// if several groups match, or zero when none is set.
func (r *Robots) CrawlDelay(userAgent string) time.Duration {
	if r == nil {
		return 0
	}
	var d time.Duration
	for _, g := range r.groupsFor(userAgent) {
		d = max(d, g.delay)
	}
	return d
}

// groupsFor returns the groups naming the product token of userAgent, or,
// when there are none, the groups for "*". Groups naming the same crawler
// are combined, as RFC 9309 asks.
func (r *Robots) groupsFor(userAgent string) []*robotsGroup {
	token := productToken(userAgent)
	var named, star []*robotsGroup
	for i := range r.groups {
		g := &r.groups[i]
		if token != "*" && g.names(token) {
			named = append(named, g)
		}
		if g.names("*") {
			star = append(star, g)
		}
	}
	if len(named) > 0 {
		return named
	}
	return star
}

func (g *robotsGroup) names(token string) bool {
	for _, a := range g.agents {
		if a == token {
			return true
		}
	}
	return false
}

// matchRobots reports whether pattern matches a prefix of path: '*' matches
// any run of bytes and a final '$' requires the match to reach the end of
// path. Each '*' costs one scan of path, so no pattern is slow.
func matchRobots(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, mid)
		if i < 0 {
			return false
		}
		rest = rest[i+len(mid):]
	}
	last := parts[len(parts)-1]
	if anchored {
		return strings.HasSuffix(rest, last)
	}
	return strings.Contains(rest, last)
}

// normalizeRobotsPath percent-encodes bytes outside printable ASCII and
// upper-cases the hex digits of existing escapes, so "/café", "/caf%c3%a9"
// and "/caf%C3%A9" compare equal.
func normalizeRobotsPath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(p))
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '%' && i+2 < len(p) && isHex(p[i+1]) && isHex(p[i+2]):
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(p[i+1 : i+3]))
			i += 2
		case c <= ' ' || c >= 0x7f:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0x0f])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
