package fetch

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"time"
)

// newTransport returns the default transport. Unless allowPrivate, its
// dialer refuses non-public addresses after DNS resolution (guardControl).
// It ignores HTTP_PROXY and friends: a proxy would hide the destination
// address from the guard.
func newTransport(allowPrivate bool) *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = guardControl
	}
	return &http.Transport{
		Proxy:                  nil,
		DialContext:            d.DialContext,
		ForceAttemptHTTP2:      true,
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    10 * time.Second,
		MaxIdleConns:           16,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        90 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
}

// checkRedirect is the http.Client redirect policy: every hop must be a URL
// parseURL accepts, must not be a non-public IP literal (which also covers
// custom Transports), must not revisit a URL of the chain, and the chain may
// hold at most maxRedirects hops.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	max := c.maxRedirects()
	if len(via) > max {
		return fmt.Errorf("more than %d redirects (Client.MaxRedirects), the next to %s: %w", max, req.URL.Redacted(), ErrTooManyRedirects)
	}
	u, err := parseURL(req.URL.String())
	if err != nil {
		return fmt.Errorf("redirected to %s: %w", req.URL.Redacted(), err)
	}
	if !c.AllowPrivate {
		if err := checkLiteral(u); err != nil {
			return fmt.Errorf("redirected to %s: %w", u, err)
		}
	}
	for _, prev := range via {
		if prev.URL.String() == u.String() {
			return fmt.Errorf("redirect loop: %s again after %d redirects: %w", u, len(via), ErrTooManyRedirects)
		}
	}
	req.URL = u
	return nil
}

// redirects counts the redirects that led to the final response.
func redirects(resp *http.Response) int {
	n := 0
	for r := resp.Request; r != nil && r.Response != nil; r = r.Response.Request {
		n++
	}
	return n
}
