// Package fetch is Tickerwire's one HTTP client for outside content: pages
// given to `tickerwire analyze URL`, feeds, robots.txt. It fetches only
// http(s) URLs, refuses loopback, private, link-local and other non-public
// addresses at dial time (after DNS resolution, on every redirect hop), caps
// the time of the whole exchange and the size of the decoded body, and stops
// redirect loops.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Defaults for the zero fields of Client.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
)

// Client fetches URLs safely. The zero value is ready to use. A Client is
// safe for concurrent use; its fields must not change after the first
// request, and it must not be copied after first use (it keeps a
// connection pool).
type Client struct {
	// Timeout bounds the whole exchange: connection, redirects, headers and
	// the body read. Zero or negative means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes caps the decoded body. Zero or negative means
	// DefaultMaxBytes; longer bodies fail with ErrTooLarge.
	MaxBytes int64
	// MaxRedirects caps the redirects followed. Zero means
	// DefaultMaxRedirects, negative means none; more fail with
	// ErrTooManyRedirects.
	MaxRedirects int
	// AllowPrivate allows loopback, private, link-local, unspecified,
	// carrier-grade NAT, multicast and reserved addresses, which are refused
	// with ErrBlockedAddress by default.
	AllowPrivate bool
	// UserAgent is sent with every request; empty means DefaultUserAgent.
	UserAgent string
	// Logger receives Debug records of each fetch; nil means no logging.
	Logger *slog.Logger
	// Transport replaces the default transport (for tests). The dial-time
	// address guard belongs to the default transport only; IP-literal hosts
	// are refused with any Transport.
	Transport http.RoundTripper

	once sync.Once
	hc   *http.Client
}

// Response is what a fetch returned (see Get for what it holds with an
// error). Body is owned by the caller.
type Response struct {
	URL          string    // final URL after redirects
	ContentType  string    // Content-Type header, as sent
	Body         []byte    // decoded body, at most MaxBytes
	Fetched      time.Time // when the body was read
	Status       int       // HTTP status code
	ETag         string    // ETag header, for GetConditional
	LastModified string    // Last-Modified header, for GetConditional
}

// DefaultUserAgent names Tickerwire, its version (from the build
// information, "dev" when unknown) and its home page.
var DefaultUserAgent = "Tickerwire/" + buildVersion() + " (+https://github.com/tickerwire/tickerwire)"

const accept = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"

// errTimeout is the cancellation cause of Client.Timeout.
var errTimeout = errors.New("client timeout")

// Get fetches rawURL with GET and returns the decoded body of a 2xx answer.
// Errors wrap ErrBadURL, ErrBlockedAddress, ErrTooLarge, ErrTooManyRedirects,
// ErrStatus (a *StatusError), context.DeadlineExceeded when Timeout or the
// context's deadline passes, or a network error. With ErrStatus the Response
// holds the metadata but no body; with ErrTooLarge it holds the first MaxBytes
// bytes of the body, or none when the server announced a larger
// Content-Length. Otherwise on error it is zero.
func (c *Client) Get(ctx context.Context, rawURL string) (Response, error) {
	resp, _, err := c.do(ctx, rawURL, nil)
	return resp, err
}

// GetConditional is Get with If-None-Match (etag) and If-Modified-Since
// (lastModified) headers, each sent only when non-empty. A 304 answer gives
// notModified true, a Response without body and a nil error.
func (c *Client) GetConditional(ctx context.Context, rawURL, etag, lastModified string) (resp Response, notModified bool, err error) {
	h := http.Header{}
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		h.Set("If-Modified-Since", lastModified)
	}
	return c.do(ctx, rawURL, h)
}

func (c *Client) do(ctx context.Context, rawURL string, extra http.Header) (Response, bool, error) {
	start := time.Now()
	u, err := c.target(rawURL)
	if err != nil {
		return Response{}, false, err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.timeout(), errTimeout)
	defer cancel()
	req, err := c.newRequest(ctx, u, extra)
	if err != nil {
		return Response{}, false, fmt.Errorf("fetch %s: %w", u, err)
	}
	hresp, err := c.client().Do(req)
	if err != nil {
		return Response{}, false, c.fail(ctx, u, err, start)
	}
	defer hresp.Body.Close()
	resp, notModified, err := c.read(hresp, extra != nil)
	if err != nil && !errors.Is(err, ErrStatus) && !errors.Is(err, ErrTooLarge) {
		return Response{}, false, c.fail(ctx, u, err, start)
	}
	c.logger().Debug("fetch", "url", u.String(), "final", resp.URL, "status", resp.Status,
		"bytes", len(resp.Body), "redirects", redirects(hresp), "elapsed", time.Since(start), "err", err)
	if err != nil {
		return resp, false, fmt.Errorf("fetch %s: %w", u, err)
	}
	return resp, notModified, nil
}

// read turns hresp into a Response: the metadata always, the body only for
// a 2xx status. A 304 answer to a conditional request is notModified.
func (c *Client) read(hresp *http.Response, conditional bool) (resp Response, notModified bool, err error) {
	resp = Response{
		URL:          hresp.Request.URL.String(),
		ContentType:  hresp.Header.Get("Content-Type"),
		Status:       hresp.StatusCode,
		ETag:         hresp.Header.Get("ETag"),
		LastModified: hresp.Header.Get("Last-Modified"),
	}
	switch code := hresp.StatusCode; {
	case conditional && code == http.StatusNotModified:
		notModified = true
	case code < 200 || code > 299:
		err = &StatusError{Code: code, RetryAfter: parseRetryAfter(hresp.Header.Get("Retry-After"), time.Now())}
	default:
		resp.Body, err = readBody(hresp, c.maxBytes())
	}
	resp.Fetched = time.Now()
	return resp, notModified, err
}

// Check reports, without any network access, whether rawURL could be
// fetched by c: a valid http(s) URL, and unless AllowPrivate neither a
// non-public IP literal nor localhost. A host name that resolves to a
// private address is still refused at connection time.
func (c *Client) Check(rawURL string) error {
	u, err := c.target(rawURL)
	if err != nil {
		return err
	}
	if h := strings.ToLower(strings.TrimSuffix(u.Hostname(), ".")); !c.AllowPrivate && (h == "localhost" || strings.HasSuffix(h, ".localhost")) {
		return fmt.Errorf("fetch %s: %w", rawURL, &blockedError{addr: netip.MustParseAddr("127.0.0.1"), class: ClassLoopback})
	}
	return nil
}

// target parses rawURL and refuses non-public IP literals up front.
func (c *Client) target(rawURL string) (*url.URL, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %q: %w", rawURL, err)
	}
	if !c.AllowPrivate {
		if err := checkLiteral(u); err != nil {
			return nil, fmt.Errorf("fetch %s: %w", strings.TrimSpace(rawURL), err)
		}
	}
	return u, nil
}

func (c *Client) newRequest(ctx context.Context, u *url.URL, extra http.Header) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	for k, v := range extra {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.userAgent())
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	return req, nil
}

// fail turns a transport or body error into one message: the URL, then the
// cause without net/http's repetition of method and URL, and for the address
// guard without the dialer's "dial tcp" prefix.
func (c *Client) fail(ctx context.Context, u *url.URL, err error, start time.Time) error {
	c.logger().Debug("fetch failed", "url", u.String(), "elapsed", time.Since(start), "err", err)
	if ctx.Err() != nil && context.Cause(ctx) == errTimeout {
		return fmt.Errorf("fetch %s: no complete response within %s (--timeout): %w", u, c.timeout(), context.DeadlineExceeded)
	}
	hop := u.String()
	var ue *url.Error
	if errors.As(err, &ue) {
		err, hop = ue.Err, ue.URL
	}
	var be *blockedError
	var oe *net.OpError
	var dns *net.DNSError
	switch {
	case errors.As(err, &oe) && errors.As(err, &be):
		err = be
		if hop != u.String() {
			err = fmt.Errorf("redirected to %s: %w", hop, be)
		}
	case errors.As(err, &dns), errors.As(err, &oe) && oe.Op == "dial":
		host := u.Hostname()
		if h, perr := url.Parse(hop); perr == nil && h.Hostname() != "" {
			host = h.Hostname()
		}
		err = &unreachableError{host: host, err: err}
	}
	return fmt.Errorf("fetch %s: %w", u, err)
}

func (c *Client) client() *http.Client {
	c.once.Do(func() {
		t := c.Transport
		if t == nil {
			t = newTransport(c.AllowPrivate)
		}
		c.hc = &http.Client{Transport: t, CheckRedirect: c.checkRedirect}
	})
	return c.hc
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Client) maxBytes() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultMaxBytes
}

func (c *Client) maxRedirects() int {
	switch {
	case c.MaxRedirects < 0:
		return 0
	case c.MaxRedirects == 0:
		return DefaultMaxRedirects
	}
	return c.MaxRedirects
}

func (c *Client) userAgent() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	return DefaultUserAgent
}

func (c *Client) logger() *slog.Logger {
	if c.Logger != nil {
		return c.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// buildVersion is the main module's version without its "v", or "dev".
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return strings.TrimPrefix(info.Main.Version, "v")
}
