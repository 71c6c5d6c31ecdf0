// Package ingest turns what a user points Tickerwire at (a file, a URL,
// standard input, pasted text) into an article.Article, using the safe
// fetcher for URLs and the extractor for pages and text.
package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/extract"
	"github.com/tickerwire/tickerwire/fetch"
)

// DefaultMaxBytes caps what is read from a file or standard input.
const DefaultMaxBytes = 10 << 20

// ErrTooLarge reports input over the size cap.
var ErrTooLarge = errors.New("input too large")

// Loader reads articles from files, URLs and readers. The zero value reads
// files of up to DefaultMaxBytes and fetches URLs with a default fetch.Client.
type Loader struct {
	// Fetcher fetches URLs; nil means a default client (which refuses
	// private and loopback addresses).
	Fetcher *fetch.Client
	// MaxBytes caps files and readers; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
}

// Load reads spec: "-" for standard input (given as stdin), an http or https
// URL, or a file path. HTML is extracted as a page, anything else as text.
func (l *Loader) Load(ctx context.Context, spec string, stdin io.Reader) (article.Article, error) {
	switch {
	case spec == "-":
		raw, err := l.readCapped(stdin)
		if err != nil {
			return article.Article{}, fmt.Errorf("standard input: %w", err)
		}
		return l.FromBytes(ctx, raw, extract.Options{Fetched: l.now()})
	case isURL(spec):
		return l.fromURL(ctx, spec)
	}
	return l.fromFile(ctx, spec)
}

// FromBytes extracts an article from raw input that may be HTML or text.
func (l *Loader) FromBytes(ctx context.Context, raw []byte, opt extract.Options) (article.Article, error) {
	if opt.Fetched.IsZero() {
		opt.Fetched = l.now()
	}
	if isGzip(raw) {
		var err error
		if raw, err = l.gunzip(raw); err != nil {
			return article.Article{}, err
		}
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return article.Article{}, errors.New("empty input: nothing to analyse")
	}
	if LooksLikeHTML(raw) {
		return extract.HTML(ctx, raw, opt)
	}
	return extract.Text(ctx, string(raw), opt)
}

// FromText builds an article from text given directly (a flag, a JSON field).
func (l *Loader) FromText(ctx context.Context, s string) (article.Article, error) {
	if strings.TrimSpace(s) == "" {
		return article.Article{}, errors.New("empty text: nothing to analyse")
	}
	return extract.Text(ctx, s, extract.Options{})
}

func (l *Loader) fromURL(ctx context.Context, spec string) (article.Article, error) {
	client := l.Fetcher
	if client == nil {
		client = &fetch.Client{}
	}
	resp, err := client.Get(ctx, spec)
	if err != nil {
		return article.Article{}, err
	}
	a, err := l.FromBytes(ctx, resp.Body, extract.Options{URL: resp.URL, ContentType: resp.ContentType, Fetched: resp.Fetched})
	if err != nil {
		return article.Article{}, fmt.Errorf("%s: %w", spec, err)
	}
	return a, nil
}

func (l *Loader) fromFile(ctx context.Context, path string) (article.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return article.Article{}, fmt.Errorf("open %s: %w", path, errors.Unwrap(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return article.Article{}, fmt.Errorf("%s: %w", path, err)
	}
	if info.IsDir() {
		return article.Article{}, fmt.Errorf("%s is a folder: give one file, or use 'tickerwire ingest' for folders", path)
	}
	if max := l.maxBytes(); info.Size() > max {
		return article.Article{}, fmt.Errorf("%s: %d bytes exceeds the %d byte limit (--max-bytes): %w", path, info.Size(), max, ErrTooLarge)
	}
	raw, err := l.readCapped(f)
	if err != nil {
		return article.Article{}, fmt.Errorf("%s: %w", path, err)
	}
	opt := extract.Options{Fetched: info.ModTime()}
	if ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(path, ".gz"))); ext == ".html" || ext == ".htm" {
		opt.ContentType = "text/html"
	}
	a, err := l.FromBytes(ctx, raw, opt)
	if err != nil {
		return article.Article{}, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

func isGzip(raw []byte) bool { return len(raw) > 2 && raw[0] == 0x1f && raw[1] == 0x8b }

// gunzip decompresses gzip input, failing once it inflates past the cap, so
// a decompression bomb costs no more than an oversized file.
func (l *Loader) gunzip(raw []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("gzip input: %w", err)
	}
	defer zr.Close()
	out, err := l.readCapped(zr)
	if err != nil {
		return nil, fmt.Errorf("gzip input: %w", err)
	}
	return out, nil
}

// readCapped reads all of r, failing once more than the cap has arrived.
func (l *Loader) readCapped(r io.Reader) ([]byte, error) {
	max := l.maxBytes()
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(raw)) > max {
		return nil, fmt.Errorf("more than %d bytes (--max-bytes): %w", max, ErrTooLarge)
	}
	return raw, nil
}

func (l *Loader) maxBytes() int64 {
	if l.MaxBytes > 0 {
		return l.MaxBytes
	}
	return DefaultMaxBytes
}

func (l *Loader) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func isURL(spec string) bool {
	u, err := url.Parse(spec)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// LooksLikeHTML reports whether raw starts like markup: a doctype, a comment
// or a common HTML element within its first kilobyte.
func LooksLikeHTML(raw []byte) bool {
	head := raw
	if len(head) > 1024 {
		head = head[:1024]
	}
	head = bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"))
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"), []byte("<!--"), []byte("<meta"), []byte("<article"), []byte("<div"), []byte("<p>"), []byte("<?xml")} {
		if bytes.HasPrefix(head, p) {
			return true
		}
	}
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<body"))
}
