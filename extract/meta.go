package extract

import (
	"net/url"
	"strings"
)

// metaValue returns the content of the first head <meta> whose key is one
// of keys, trying the keys in order of preference.
func (d *document) metaValue(keys ...string) string {
	for _, k := range keys {
		for _, m := range d.metas {
			if m.key == k && !m.body {
				if v := strings.TrimSpace(m.content); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

// linkHref returns the href of the first <link> with rel.
func (d *document) linkHref(rel string) string {
	for _, l := range d.links {
		for _, r := range strings.Fields(l.key) {
			if r == rel && strings.TrimSpace(l.val) != "" {
				return strings.TrimSpace(l.val)
			}
		}
	}
	return ""
}

// canonicalURL returns rel=canonical, else og:url, resolved against base.
// Relative addresses without a base, and addresses that are not http(s),
// are dropped.
func canonicalURL(d *document, base string) string {
	ref := firstNonEmpty(d.linkHref("canonical"), d.metaValue("og:url"))
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		u = b.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// siteName returns the publication's name: og:site_name, the JSON-LD
// publisher, application-name, else the host of the page without "www.".
func siteName(d *document, ld linkedData, pageURL, canonical string) string {
	if s := firstNonEmpty(d.metaValue("og:site_name"), ld.publisher, d.metaValue("application-name")); s != "" && !strings.Contains(s, "://") {
		return strings.TrimPrefix(collapseSpace(s), "@")
	}
	for _, raw := range []string{pageURL, canonical} {
		if u, err := url.Parse(raw); err == nil && u.Hostname() != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return ""
}

// language returns the primary language subtag (lower-case, "en" for
// "en-US") from <html lang>, a content-language meta, og:locale or JSON-LD.
func language(d *document, ld linkedData) string {
	tag := firstNonEmpty(d.lang, d.metaValue("content-language", "language", "dc.language", "og:locale"), ld.language)
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) < 2 || len(tag) > 3 {
		return ""
	}
	for i := 0; i < len(tag); i++ {
		if tag[i] < 'a' || tag[i] > 'z' {
			return ""
		}
	}
	return tag
}

// metaAuthor returns the author named by JSON-LD or head meta tags.
func metaAuthor(d *document, ld linkedData) string {
	if ld.author != "" {
		return cleanAuthor(ld.author)
	}
	for _, k := range []string{"author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author", "dcterms.creator"} {
		if a := cleanAuthor(d.metaValue(k)); a != "" {
			return a
		}
	}
	return ""
}

// cleanAuthor strips "By" and whitespace from a byline and refuses values
// that are addresses, handles or too long to be names.
func cleanAuthor(s string) string {
	s = collapseSpace(s)
	for _, p := range []string{"By ", "by ", "BY ", "Von ", "Par "} {
		s = strings.TrimPrefix(s, p)
	}
	s = stripDateTail(strings.TrimSpace(s))
	if s == "" || len(s) > 120 || strings.Contains(s, "://") || strings.HasPrefix(s, "@") || strings.HasPrefix(s, "www.") {
		return ""
	}
	return s
}

// collapseSpace trims s and replaces runs of whitespace with one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
