package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// parseURL checks that raw is an absolute http or https URL without
// credentials and with a valid host and port. Hosts written as IPv4 numbers
// in the legacy forms some resolvers accept (2130706433, 0x7f.1, 0177.0.0.1,
// 127.1) are rewritten to dotted decimal, so the guard and every resolver read
// them alike. Errors wrap ErrBadURL.
func parseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("%w: %v", ErrBadURL, err)
	}
	if err := checkShape(u); err != nil {
		return nil, err
	}
	host, err := normalizeHost(u.Hostname())
	if err != nil {
		return nil, err
	}
	if host != u.Hostname() {
		u.Host = joinHostPort(host, u.Port())
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// checkShape rejects everything but http(s)://host[:port]/... without userinfo.
func checkShape(u *url.URL) error {
	switch {
	case u.String() == "":
		return fmt.Errorf("%w: empty URL", ErrBadURL)
	case u.Scheme == "":
		return fmt.Errorf("%w: no scheme; write the URL with https:// or http://", ErrBadURL)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%w: scheme %q is not fetched; only http and https URLs are", ErrBadURL, u.Scheme)
	case u.Opaque != "":
		return fmt.Errorf("%w: missing // after %s:; write %s://host/path", ErrBadURL, u.Scheme, u.Scheme)
	case u.User != nil:
		return fmt.Errorf("%w: URLs with a user name or password (user@host) are not fetched; remove the part before @", ErrBadURL)
	case u.Hostname() == "":
		return fmt.Errorf("%w: no host name", ErrBadURL)
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return fmt.Errorf("%w: port %q is not between 1 and 65535", ErrBadURL, p)
		}
	}
	return nil
}

// normalizeHost returns host unchanged unless it ends in a numeric label, in
// which case it must be an IPv4 address (in any legacy form) and is returned
// in dotted decimal, as WHATWG URL parsers do.
func normalizeHost(host string) (string, error) {
	if _, err := netip.ParseAddr(host); err == nil {
		return host, nil
	}
	if !endsInNumber(host) {
		return host, nil
	}
	addr, ok := parseLegacyIPv4(host)
	if !ok {
		return "", fmt.Errorf("%w: host %q looks like an IPv4 address but is not one", ErrBadURL, host)
	}
	return addr.String(), nil
}

// endsInNumber reports whether the last label of host (ignoring one trailing
// dot) is all digits or a 0x hexadecimal number.
func endsInNumber(host string) bool {
	host = strings.TrimSuffix(host, ".")
	last := host[strings.LastIndexByte(host, '.')+1:]
	if last == "" {
		return false
	}
	if _, ok := parseIPv4Part(last); ok {
		return true
	}
	return strings.Trim(last, "0123456789") == ""
}

// parseLegacyIPv4 parses the inet_aton forms of an IPv4 address: one to four
// dot-separated parts, each decimal, octal (leading 0) or hexadecimal (0x),
// the last part filling the remaining bytes. One trailing dot is allowed.
func parseLegacyIPv4(s string) (netip.Addr, bool) {
	parts := strings.Split(strings.TrimSuffix(s, "."), ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var n uint64
	for i, p := range parts {
		v, ok := parseIPv4Part(p)
		last := i == len(parts)-1
		if !ok || (!last && v > 255) || (last && v >= 1<<(8*(5-len(parts)))) {
			return netip.Addr{}, false
		}
		if last {
			n = n<<(8*(5-len(parts))) | v
		} else {
			n = n<<8 | v
		}
	}
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// parseIPv4Part parses one part of a legacy IPv4 address; values above
// 2^32-1 are refused.
func parseIPv4Part(p string) (uint64, bool) {
	base := 10
	switch {
	case len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X"):
		base, p = 16, p[2:]
		if p == "" {
			return 0, true
		}
	case len(p) > 1 && p[0] == '0':
		base, p = 8, p[1:]
	}
	v, err := strconv.ParseUint(p, base, 32)
	return v, err == nil
}

// checkLiteral refuses a URL whose host is a non-public IP literal before
// any connection is made. Named hosts are checked by the dialer instead.
func checkLiteral(u *url.URL) error {
	addr, err := netip.ParseAddr(u.Hostname())
	if err != nil {
		return nil
	}
	return checkAddr(addr)
}

func joinHostPort(host, port string) string {
	if port == "" {
		if strings.Contains(host, ":") {
			return "[" + host + "]"
		}
		return host
	}
	return net.JoinHostPort(host, port)
}
