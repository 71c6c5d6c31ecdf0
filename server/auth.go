package server

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// accessControl reports whether requests need an API key.
func (s *server) accessControl() bool { return s.requireKeys || s.keys.Len() > 0 }

// authorize checks the API key of r against need and takes a token from
// the key's rate limit. It returns the key's id ("" when access control is
// off or the route is public).
func (s *server) authorize(r *http.Request, need Scope) (string, error) {
	if need == "" || !s.accessControl() {
		return "", nil
	}
	plain, err := presentedKey(r)
	if err != nil {
		return "", err
	}
	if plain == "" {
		return "", errorf(http.StatusUnauthorized, codeUnauthorized,
			"an API key is required: send it as \"Authorization: Bearer KEY\", \"X-API-Key: KEY\" or ?apikey=KEY (create one with: tickerwire keys create NAME)")
	}
	key, ok := s.keys.lookup(plain)
	if !ok {
		return "", errorf(http.StatusUnauthorized, codeUnauthorized, "the API key is not valid (revoked, mistyped or from another server)")
	}
	if !key.Scope.allows(need) {
		return key.ID, errorf(http.StatusForbidden, codeForbidden,
			"key %q has scope %s; %s %s needs an %s key", key.Name, key.Scope, r.Method, r.URL.Path, need)
	}
	if ok, wait := s.limiter.allow(key.ID, time.Now()); !ok {
		return key.ID, &rateLimited{
			apiError: apiError{status: http.StatusTooManyRequests, code: codeRateLimited,
				message: "rate limit of this API key exceeded; retry after the time in the Retry-After header"},
			wait: wait,
		}
	}
	return key.ID, nil
}

// rateLimited is the error of a request over its key's rate limit.
type rateLimited struct {
	apiError
	wait time.Duration
}

func (e *rateLimited) Unwrap() error { return &e.apiError }

// retryAfter is the Retry-After value of wait: whole seconds, at least 1.
func retryAfter(wait time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(wait.Seconds()))))
}

// presentedKey returns the API key of r from the Authorization (Bearer)
// header, the X-API-Key header or the apikey query parameter, in that
// order; "" when there is none.
func presentedKey(r *http.Request) (string, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, key, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
			return "", errorf(http.StatusUnauthorized, codeUnauthorized,
				"the Authorization header must be \"Bearer KEY\"")
		}
		return strings.TrimSpace(key), nil
	}
	if k := r.Header.Get("X-API-Key"); k != "" {
		return strings.TrimSpace(k), nil
	}
	return r.URL.Query().Get(keyParam), nil
}

// Loopback reports whether a listen address (host:port, as for
// http.Server.Addr) accepts connections from this machine only. An empty
// host, an unspecified address (0.0.0.0, ::) and a name other than
// "localhost" are not loopback: such servers should set RequireKeys.
func Loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.IsLoopback()
}
