package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// keyParam is the query parameter that may carry an API key on any route.
const keyParam = "apikey"

// params are the query parameters of one request, each given at most once
// and each known to the route.
type params struct{ v url.Values }

// readParams returns the query parameters of r, or an error naming the
// first unknown or repeated one and listing the known ones.
func readParams(r *http.Request, known ...string) (params, error) {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return params{}, errorf(http.StatusBadRequest, codeBadParameter, "malformed query string: %v", err)
	}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		switch {
		case name != keyParam && !slices.Contains(known, name):
			if len(known) == 0 {
				return params{}, errorf(http.StatusBadRequest, codeUnknownParameter,
					"unknown parameter %q: this endpoint takes no parameters", name)
			}
			return params{}, errorf(http.StatusBadRequest, codeUnknownParameter,
				"unknown parameter %q (known: %s)", name, strings.Join(known, ", "))
		case len(v[name]) > 1:
			return params{}, errorf(http.StatusBadRequest, codeBadParameter,
				"parameter %s given %d times; give it once (lists are comma-separated)", name, len(v[name]))
		}
	}
	return params{v}, nil
}

// get returns the value of parameter name, "" when absent.
func (p params) get(name string) string { return p.v.Get(name) }

// has reports whether parameter name was given, even empty.
func (p params) has(name string) bool { return p.v.Has(name) }

// float returns parameter name as a number in [lo, hi], or ok false when
// it is absent.
func (p params) float(name string, lo, hi float64) (v float64, ok bool, err error) {
	if !p.has(name) {
		return 0, false, nil
	}
	v, err = parseFloatIn(p.get(name), lo, hi)
	if err != nil {
		return 0, false, badParam(name, "%v", err)
	}
	return v, true, nil
}

// int returns parameter name as an integer in [lo, hi], or def when it is
// absent.
func (p params) int(name string, lo, hi, def int) (int, error) {
	if !p.has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(p.get(name))
	if err != nil || n < lo || n > hi {
		return 0, badParam(name, "%q is not an integer in [%d, %d]", p.get(name), lo, hi)
	}
	return n, nil
}
