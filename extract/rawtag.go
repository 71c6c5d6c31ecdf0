package extract

import (
	"bytes"
	"html"
	"strings"

	"golang.org/x/net/html/atom"
)

// The builder reads tag names and attributes from the tokenizer's raw bytes
// instead of through TagName and TagAttr, which copy every name and value:
// on news pages most attributes (srcset, data-*, style) are never read.
// The rules follow the tokenizer's: a name ends at whitespace, '/' or '>';
// a value is quoted or runs to whitespace or '>'.

// maxTagName is the longest tag name looked up; longer names are custom.
const maxTagName = 32

// tagOf returns the tag of raw ("<Div a=b>" or "</DIV>") and the bytes after
// its name.
func tagOf(raw []byte) (atom.Atom, []byte) {
	i := 1
	if i < len(raw) && raw[i] == '/' {
		i++
	}
	start := i
	for i < len(raw) && !isTagSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	name := raw[start:i]
	if len(name) > maxTagName {
		return 0, raw[i:]
	}
	var buf [maxTagName]byte
	n := copy(buf[:], name)
	return atom.Lookup(asciiLower(buf[:n])), raw[i:]
}

func isTagSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
}

// attrScanner walks the attributes of a raw start tag.
type attrScanner struct {
	s []byte
	i int
}

// next returns the next attribute's key (as written) and raw value; ok is
// false at the end of the tag.
func (a *attrScanner) next() (key, val []byte, ok bool) {
	s, i := a.s, a.i
	for i < len(s) && (isTagSpace(s[i]) || s[i] == '/') {
		i++
	}
	if i >= len(s) || s[i] == '>' {
		return nil, nil, false
	}
	k := i
	i++ // a key may start with '='
	for i < len(s) && !isTagSpace(s[i]) && s[i] != '/' && s[i] != '=' && s[i] != '>' {
		i++
	}
	key = s[k:i]
	for i < len(s) && isTagSpace(s[i]) {
		i++
	}
	if i < len(s) && s[i] == '=' {
		i++
		for i < len(s) && isTagSpace(s[i]) {
			i++
		}
		if i < len(s) && (s[i] == '"' || s[i] == '\'') {
			q := s[i]
			i++
			v := i
			for i < len(s) && s[i] != q {
				i++
			}
			val = s[v:i]
			if i < len(s) {
				i++
			}
		} else {
			v := i
			for i < len(s) && !isTagSpace(s[i]) && s[i] != '>' {
				i++
			}
			val = s[v:i]
		}
	}
	a.i = i
	return key, val, true
}

// attrString returns an attribute value as text, character references
// decoded.
func attrString(val []byte) string {
	if bytes.IndexByte(val, '&') < 0 {
		return string(val)
	}
	return html.UnescapeString(string(val))
}

// isHiddenStyle reports whether a style attribute hides its element.
func isHiddenStyle(style []byte) bool {
	var buf [256]byte
	n := 0
	for _, c := range style {
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if n == len(buf) {
			break
		}
		buf[n] = c
		n++
	}
	s := asciiLower(buf[:n])
	return bytes.Contains(s, []byte("display:none")) || bytes.Contains(s, []byte("visibility:hidden"))
}

// lowerString returns b as a string with ASCII letters lower-cased.
func lowerString(b []byte) string {
	for _, c := range b {
		if c >= 'A' && c <= 'Z' {
			return strings.ToLower(string(b))
		}
	}
	return string(b)
}
