package demo

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tickerwire/tickerwire/article"
)

// ParseError reports a malformed article file. Line is 1-based.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("demo: %s:%d: %s", e.File, e.Line, e.Msg)
}

// header holds the values of an article file's header lines by key.
type header map[string]string

// The header keys; all but author are required.
var (
	headerKeys   = []string{"title", "source", "author", "url", "age"}
	requiredKeys = []string{"title", "source", "url", "age"}
)

// parse reads one article file (see the package comment for the format) and
// dates it relative to now. name is used only in errors.
func parse(name string, data []byte, now time.Time) (article.Article, error) {
	fail := func(line int, format string, args ...any) (article.Article, error) {
		return article.Article{}, &ParseError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	lines := splitLines(data)
	for i, l := range lines {
		if !utf8.ValidString(l) {
			return fail(i+1, "invalid UTF-8")
		}
	}
	h, end, err := parseHeader(lines)
	if err != nil {
		return fail(end, "%s", err)
	}
	age, err := parseAge(h["age"])
	if err != nil {
		return fail(end, "age %q: %s", h["age"], err)
	}
	if err := checkURL(h["url"]); err != nil {
		return fail(end, "url %q: %s", h["url"], err)
	}
	body := joinBody(lines[end:])
	if body == "" {
		return fail(len(lines), "empty body")
	}
	return article.Article{
		URL:           h["url"],
		Title:         h["title"],
		Body:          body,
		Author:        h["author"],
		Site:          h["source"],
		Language:      "en",
		Published:     now.UTC().Truncate(time.Minute).Add(-age),
		PublishedFrom: PublishedFrom,
	}, nil
}

// splitLines splits data into lines without their "\n" or "\r\n" endings,
// dropping a leading byte-order mark.
func splitLines(data []byte) []string {
	s := strings.TrimPrefix(string(data), "\uFEFF")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// parseHeader reads the "key: value" lines up to the first blank line. It
// returns the header and the 1-based number of the line that ended it (the
// blank line), or on error the number of the offending line.
func parseHeader(lines []string) (header, int, error) {
	h := header{}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			return h, i + 1, missingKey(h)
		}
		key, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, i + 1, fmt.Errorf("header line %q is not \"key: value\"", l)
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch {
		case !isKey(key):
			return nil, i + 1, fmt.Errorf("unknown header key %q (want one of %s)", key, strings.Join(headerKeys, ", "))
		case h[key] != "":
			return nil, i + 1, fmt.Errorf("duplicate header key %q", key)
		case value == "":
			return nil, i + 1, fmt.Errorf("empty value for header key %q", key)
		}
		h[key] = value
	}
	return nil, len(lines), fmt.Errorf("header is not followed by a blank line and a body")
}

func isKey(k string) bool {
	for _, want := range headerKeys {
		if k == want {
			return true
		}
	}
	return false
}

// missingKey returns an error naming the first required key h lacks, or nil.
func missingKey(h header) error {
	for _, k := range requiredKeys {
		if h[k] == "" {
			return fmt.Errorf("missing header key %q", k)
		}
	}
	return nil
}

// checkURL accepts absolute http and https URLs with a host.
func checkURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("scheme must be http or https")
	case u.Host == "":
		return fmt.Errorf("no host")
	}
	return nil
}

// joinBody turns body lines into paragraphs separated by "\n\n". Lines of one
// paragraph are joined with a space; surrounding spaces and extra blank
// lines are dropped.
func joinBody(lines []string) string {
	var paras, cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = cur[:0]
		}
	}
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return strings.Join(paras, "\n\n")
}
