package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"time"
)

// Errors returned by Client.Get, wrapped with the URL and a message that says
// what to do next. Test for them with errors.Is.
var (
	// ErrBadURL: the URL is not an http or https URL Tickerwire will fetch
	// (other scheme, no host, credentials in the URL, bad port).
	ErrBadURL = errors.New("bad URL")
	// ErrBlockedAddress: the host is, or resolves to, an address that is not
	// on the public internet and Client.AllowPrivate is false.
	ErrBlockedAddress = errors.New("blocked address")
	// ErrTooLarge: the (decompressed) body is longer than Client.MaxBytes.
	ErrTooLarge = errors.New("response too large")
	// ErrTooManyRedirects: the redirect chain is longer than
	// Client.MaxRedirects, or loops.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrStatus: the final response has a status outside 2xx. The error is a
	// *StatusError carrying the code.
	ErrStatus = errors.New("unexpected HTTP status")
	// ErrUnreachable: the host could not be reached at all: its name does
	// not resolve, or no connection could be made (no network, refused).
	ErrUnreachable = errors.New("host unreachable")
)

// unreachableError is a failure to resolve or connect to a host, with the
// underlying cause.
type unreachableError struct {
	host string
	err  error
}

func (e *unreachableError) Error() string {
	var dns *net.DNSError
	if errors.As(e.err, &dns) {
		return fmt.Sprintf("%s is unreachable: its name does not resolve (%s); check the network or the address", e.host, dns.Err)
	}
	return fmt.Sprintf("%s is unreachable: %v", e.host, e.err)
}

func (e *unreachableError) Is(target error) bool { return target == ErrUnreachable }
func (e *unreachableError) Unwrap() error        { return e.err }

// StatusError reports a final response outside 2xx. errors.Is(err, ErrStatus)
// holds for it; use errors.As to read the code.
type StatusError struct {
	Code int
	// RetryAfter is the server's Retry-After delay (429 and 503 responses),
	// or zero when absent or unparsable.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	msg := fmt.Sprintf("HTTP %d", e.Code)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return msg
}

// Is makes errors.Is(err, ErrStatus) true.
func (e *StatusError) Is(target error) bool { return target == ErrStatus }

// blockedError reports an address refused by the guard.
type blockedError struct {
	addr  netip.Addr
	class Class
}

func (e *blockedError) Error() string {
	return fmt.Sprintf("refusing to fetch %s (%s); pass --allow-private (Client.AllowPrivate) to allow", e.addr, e.class)
}

// Is makes errors.Is(err, ErrBlockedAddress) true.
func (e *blockedError) Is(target error) bool { return target == ErrBlockedAddress }

// parseRetryAfter reads a Retry-After value, delay-seconds or an HTTP date
// (relative to now); it returns zero when absent, past or unparsable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(min(secs, 86400)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now).Round(time.Second)
	}
	return 0
}
