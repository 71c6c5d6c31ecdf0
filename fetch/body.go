package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// acceptEncoding is what the client asks for; it decodes these itself (not
// the transport), so the size cap applies to decoded bytes with any
// Transport.
const acceptEncoding = "gzip, deflate"

// maxCodings bounds stacked Content-Encodings (gzip of gzip ...).
const maxCodings = 2

// readBody reads the decoded body of resp, at most max bytes. When more
// arrive it returns the first max bytes and an error wrapping ErrTooLarge.
// It never buffers more than max+1 decoded bytes.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	codings := contentCodings(resp.Header)
	if len(codings) == 0 && resp.ContentLength > max {
		return nil, fmt.Errorf("body of %d bytes exceeds the %d byte limit (--max-bytes): %w", resp.ContentLength, max, ErrTooLarge)
	}
	r, err := decode(resp.Body, codings)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > max {
		return body[:max], fmt.Errorf("body exceeds the %d byte limit (--max-bytes): %w", max, ErrTooLarge)
	}
	return body, nil
}

// contentCodings lists the Content-Encoding codings in the order they were
// applied, without identity.
func contentCodings(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Content-Encoding") {
		for c := range strings.SplitSeq(v, ",") {
			c = strings.ToLower(strings.TrimSpace(c))
			if c != "" && c != "identity" {
				out = append(out, c)
			}
		}
	}
	return out
}

// decode undoes codings, last applied first.
func decode(r io.Reader, codings []string) (io.Reader, error) {
	if len(codings) > maxCodings {
		return nil, fmt.Errorf("%d stacked Content-Encodings %q; at most %d are decoded", len(codings), codings, maxCodings)
	}
	for i := len(codings) - 1; i >= 0; i-- {
		var err error
		switch codings[i] {
		case "gzip", "x-gzip":
			r, err = gzip.NewReader(r)
		case "deflate":
			r, err = newDeflateReader(r)
		default:
			return nil, fmt.Errorf("unsupported Content-Encoding %q", codings[i])
		}
		if err != nil {
			return nil, fmt.Errorf("decode %s body: %w", codings[i], err)
		}
	}
	return r, nil
}

// newDeflateReader reads "deflate" bodies, which servers send either with
// the zlib wrapper the standard asks for or as raw DEFLATE.
func newDeflateReader(r io.Reader) (io.Reader, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil {
		return nil, err
	}
	if head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
		return zlib.NewReader(br)
	}
	return flate.NewReader(br), nil
}
