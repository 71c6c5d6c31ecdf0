package fetch

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestParseURLAcceptsAndNormalizes(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"https URL unchanged", "https://www.example.com/markets/story?id=7", "https://www.example.com/markets/story?id=7"},
		{"scheme case folded", "HTTPS://example.com/", "https://example.com/"},
		{"surrounding space trimmed", "  http://example.com/a  ", "http://example.com/a"},
		{"fragment dropped", "http://example.com/a#comments", "http://example.com/a"},
		{"decimal IPv4 host rewritten", "http://2130706433/", "http://127.0.0.1/"},
		{"octal IPv4 host rewritten", "http://0177.0.0.1:8080/x", "http://127.0.0.1:8080/x"},
		{"hex IPv4 host rewritten", "http://0x7f.1/", "http://127.0.0.1/"},
		{"short IPv4 host rewritten", "http://10.1/", "http://10.0.0.1/"},
		{"leading-zero dotted host rewritten", "http://169.254.169.0254/", "http://169.254.169.172/"},
		{"trailing dot IPv4 rewritten", "http://8.8.8.8./", "http://8.8.8.8/"},
		{"IPv6 literal kept", "http://[2606:4700::1111]:8443/", "http://[2606:4700::1111]:8443/"},
		{"name with digits kept", "http://8k.example.com/", "http://8k.example.com/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, err := parseURL(tt.in)
			if err != nil {
				t.Fatalf("parseURL(%q): %v", tt.in, err)
			}
			if got := u.String(); got != tt.want {
				t.Errorf("parseURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseURLRefusesBadURLs(t *testing.T) {
	tests := []struct {
		name, in, msg string
	}{
		{"empty", "", "empty URL"},
		{"blank", "  ", "empty URL"},
		{"no scheme", "example.com/news", "no scheme"},
		{"ftp", "ftp://example.com/file", `scheme "ftp"`},
		{"file", "file:///etc/passwd", `scheme "file"`},
		{"javascript", "javascript:alert(1)", `scheme "javascript"`},
		{"gopher", "gopher://127.0.0.1:6379/_INFO", `scheme "gopher"`},
		{"data", "data:text/html,<p>hi</p>", `scheme "data"`},
		{"opaque http", "http:example.com", "missing //"},
		{"no host", "http://", "no host"},
		{"no host with path", "http:///etc/passwd", "no host"},
		{"port only", "http://:8080/", "no host"},
		{"credentials", "http://user:secret@example.com/", "user name or password"},
		{"user before loopback", "http://example.com@127.0.0.1/", "user name or password"},
		{"empty user", "http://@example.com/", "user name or password"},
		{"backslash trick", `http://example.com\@127.0.0.1/`, "invalid"},
		{"space in host", "http://exa mple.com/", "invalid"},
		{"port zero", "http://example.com:0/", "port"},
		{"port too large", "http://example.com:99999/", "port"},
		{"five numeric parts", "http://1.2.3.4.5/", "looks like an IPv4"},
		{"part over 255", "http://256.1.1.1/", "looks like an IPv4"},
		{"decimal over 32 bits", "http://4294967296/", "looks like an IPv4"},
		{"bad octal digit", "http://example.09/", "looks like an IPv4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseURL(tt.in)
			if !errors.Is(err, ErrBadURL) {
				t.Fatalf("parseURL(%q) error = %v, want ErrBadURL", tt.in, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("parseURL(%q) error %q does not mention %q", tt.in, err, tt.msg)
			}
		})
	}
}

func TestParseLegacyIPv4(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" = not an address
	}{
		{"127.0.0.1", "127.0.0.1"},
		{"2130706433", "127.0.0.1"},
		{"017700000001", "127.0.0.1"},
		{"0x7f000001", "127.0.0.1"},
		{"0x7F.0.0.1", "127.0.0.1"},
		{"127.1", "127.0.0.1"},
		{"127.0.1", "127.0.0.1"},
		{"0", "0.0.0.0"},
		{"0x", "0.0.0.0"},
		{"169.254.43518", "169.254.169.254"},
		{"0xa9.0xfe.0xa9.0xfe", "169.254.169.254"},
		{"255.255.255.255", "255.255.255.255"},
		{"4294967295", "255.255.255.255"},
		{"1.2.3.4.", "1.2.3.4"},
		{"4294967296", ""},
		{"1.2.65536", ""},
		{"1.256.1.1", ""},
		{"08", ""},
		{"0xg", ""},
		{"1..2", ""},
		{"", ""},
		{"+1", ""},
		{"1.2.3.4.5", ""},
	}
	for _, tt := range tests {
		got, ok := parseLegacyIPv4(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("parseLegacyIPv4(%q) = %v, want not an address", tt.in, got)
			}
			continue
		}
		if !ok || got != netip.MustParseAddr(tt.want) {
			t.Errorf("parseLegacyIPv4(%q) = %v, %v; want %s", tt.in, got, ok, tt.want)
		}
	}
}

// FuzzParseURL checks that whatever parseURL accepts is an http(s) URL with
// a host, no credentials, and a host that no resolver reads as a number
// other than the dotted-decimal address it shows.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{"http://example.com/", "http://2130706433/", "https://[::1]:443/x", "http://a@b/", "http://0x7f.1/", "ftp://x", "http://1.2.3.4.5/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := parseURL(raw)
		if err != nil {
			if !errors.Is(err, ErrBadURL) {
				t.Fatalf("parseURL(%q) error %v does not wrap ErrBadURL", raw, err)
			}
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" || u.User != nil {
			t.Fatalf("parseURL(%q) accepted %q", raw, u)
		}
		host := u.Hostname()
		if _, err := netip.ParseAddr(host); err != nil && endsInNumber(host) {
			t.Fatalf("parseURL(%q) left numeric host %q", raw, host)
		}
		if again, err := parseURL(u.String()); err != nil || again.String() != u.String() {
			t.Fatalf("parseURL not idempotent on %q: %v, %v", u, again, err)
		}
	})
}
