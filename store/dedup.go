package store

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"

	"github.com/tickerwire/tickerwire/article"
)

// URLKey returns the key under which an article's address is deduplicated:
// its CanonicalURL, else its URL, with scheme and host lower-cased, default
// port, fragment, tracking parameters (utm_*, fbclid, gclid) and a trailing
// slash removed and the remaining query parameters sorted. It returns ""
// when the article has no absolute http(s) address, which is never a
// duplicate of anything.
func URLKey(a article.Article) string {
	raw := a.CanonicalURL
	if raw == "" {
		raw = a.URL
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Hostname() == "" {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 address
	}
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	return scheme + "://" + host + path + cleanQuery(u.Query())
}

// cleanQuery drops tracking parameters and encodes the rest sorted, with a
// leading "?" when any remain.
func cleanQuery(q url.Values) string {
	for k := range q {
		l := strings.ToLower(k)
		if strings.HasPrefix(l, "utm_") || l == "fbclid" || l == "gclid" {
			q.Del(k)
		}
	}
	if len(q) == 0 {
		return ""
	}
	for _, v := range q {
		sort.Strings(v)
	}
	return "?" + q.Encode()
}

// ContentHash returns the hex SHA-256 of the article's title and body after
// normalisation (lower case, runs of white space folded to one space), so
// copies that differ only in case or spacing share a hash.
func ContentHash(a article.Article) string {
	h := sha256.New()
	h.Write([]byte(normalise(a.Title)))
	h.Write([]byte{0})
	h.Write([]byte(normalise(a.Body)))
	return hex.EncodeToString(h.Sum(nil))
}

func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
