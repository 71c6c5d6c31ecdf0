package extract

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// maxInput caps the bytes of a page that are read; the rest is cut so that
// work stays linear and bounded on giant inputs.
const maxInput = 8 << 20

// metaScan is how far into a page a <meta charset> declaration is looked
// for. Browsers stop at 1024 bytes, but pages with long heads declare it
// later and are still meant to be read in that charset.
const metaScan = 64 << 10

// decode returns raw as UTF-8. The charset comes from, in order: a byte
// order mark, the Content-Type header, a <meta> declaration in the first
// metaScan bytes, valid UTF-8, and windows-1252 as the web's default.
// Invalid UTF-8 is repaired with U+FFFD. Binary input (images, archives,
// PDF, control bytes) is refused with ErrNoArticle. The result may share
// memory with raw.
func decode(raw []byte, contentType string) ([]byte, error) {
	if len(raw) > maxInput {
		raw = raw[:maxInput]
	}
	if kind := binaryKind(raw); kind != "" {
		return nil, fmt.Errorf("%w: input is binary (%s), not a page", ErrNoArticle, kind)
	}
	name := charsetName(raw, contentType)
	if name == "utf-8" {
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
		if utf8.Valid(raw) {
			return raw, nil
		}
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), nil
	}
	enc, _ := charset.Lookup(name)
	if enc == nil {
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), nil
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		// A decoder only fails on input it cannot map at all; keep what
		// is readable rather than losing the page.
		return bytes.ToValidUTF8(raw, []byte("\uFFFD")), nil
	}
	return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")), nil
}

// charsetName returns the canonical WHATWG name of raw's encoding.
func charsetName(raw []byte, contentType string) string {
	if _, name, certain := charset.DetermineEncoding(raw, contentType); certain {
		return name
	}
	if label := metaCharset(raw); label != "" {
		if _, name := charset.Lookup(label); name != "" {
			return name
		}
	}
	if utf8.Valid(raw) {
		return "utf-8"
	}
	return "windows-1252"
}

// metaCharset returns the charset label of the first <meta> tag in the
// first metaScan bytes that declares one (charset="..." or http-equiv
// content="text/html; charset=..."), or "".
func metaCharset(raw []byte) string {
	head := raw
	if len(head) > metaScan {
		head = head[:metaScan]
	}
	var tag [512]byte
	for pos := 0; pos < len(head); {
		i := bytes.IndexByte(head[pos:], '<')
		if i < 0 {
			return ""
		}
		start := pos + i
		pos = start + 1
		if !hasPrefixFold(head[pos:], "meta") {
			continue
		}
		end := bytes.IndexByte(head[pos:], '>')
		if end < 0 {
			return ""
		}
		n := copy(tag[:], head[pos:pos+end])
		if label := charsetParam(asciiLower(tag[:n])); label != "" {
			return label
		}
		pos += end
	}
	return ""
}

// hasPrefixFold reports whether b starts with the lower-case ASCII prefix,
// ignoring case.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if b[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

// asciiLower lower-cases ASCII letters of b in place and returns it.
func asciiLower(b []byte) []byte {
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// charsetParam returns the value following "charset=" in a tag, or "".
func charsetParam(tag []byte) string {
	i := bytes.Index(tag, []byte("charset"))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(tag[i+len("charset"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return ""
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n\"'")
	end := bytes.IndexAny(rest, " \t\r\n\"';/")
	if end >= 0 {
		rest = rest[:end]
	}
	return string(rest)
}

// binaryKind names the kind of binary data raw starts with, or returns ""
// for text. It looks at well-known file signatures and at the share of
// control bytes in the first 2 KB.
func binaryKind(raw []byte) string {
	for _, s := range signatures {
		if bytes.HasPrefix(raw, []byte(s.magic)) {
			return s.kind
		}
	}
	if bytes.HasPrefix(raw, []byte("\xfe\xff")) || bytes.HasPrefix(raw, []byte("\xff\xfe")) {
		return "" // UTF-16 text, decoded through its byte order mark
	}
	head := raw
	if len(head) > 2048 {
		head = head[:2048]
	}
	control := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7f {
			control++
		}
	}
	if control > 0 && control*20 > len(head) {
		return "control bytes"
	}
	return ""
}

var signatures = []struct{ magic, kind string }{
	{"%PDF", "PDF"},
	{"\x89PNG", "PNG image"},
	{"GIF8", "GIF image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"RIFF", "RIFF media"},
	{"PK\x03\x04", "ZIP archive"},
	{"\x1f\x8b", "gzip data"},
	{"\x7fELF", "executable"},
	{"OggS", "Ogg media"},
	{"ID3", "MP3 audio"},
	{"\x00\x00\x00", "binary data"},
}
