package fetch

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// serve starts a loopback test server; handlers that wait should select on
// r.Context().Done() so Close does not block.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zlibbed(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	return buf.Bytes()
}

// endless writes bytes until the client goes away.
func endless(w http.ResponseWriter, r *http.Request) {
	chunk := bytes.Repeat([]byte("x"), 4096)
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// trickle sends headers, then one byte every 20ms, forever.
func trickle(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
	for {
		w.Write([]byte("."))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// silentAfterHeaders sends headers and a little body, then nothing.
func silentAfterHeaders(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", "1000")
	w.Write([]byte("<html>"))
	w.(http.Flusher).Flush()
	<-r.Context().Done()
}

func silent(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

func TestGetReturnsBodyAndMetadata(t *testing.T) {
	var gotUA, gotAE string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		gotUA, gotAE = r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 08:00:00 GMT")
		fmt.Fprint(w, "<html><title>Copper hits a record</title></html>")
	})
	c := &Client{AllowPrivate: true}
	resp, err := c.Get(t.Context(), srv.URL+"/story")
	if err != nil {
		t.Fatal(err)
	}
	want := Response{URL: srv.URL + "/story", ContentType: "text/html; charset=utf-8", Status: 200,
		ETag: `"v1"`, LastModified: "Mon, 02 Mar 2026 08:00:00 GMT", Fetched: resp.Fetched,
		Body: []byte("<html><title>Copper hits a record</title></html>")}
	if fmt.Sprint(resp) != fmt.Sprint(want) {
		t.Errorf("Get = %+v\nwant %+v", resp, want)
	}
	if resp.Fetched.IsZero() {
		t.Error("Fetched is zero")
	}
	if !strings.HasPrefix(gotUA, "Tickerwire/") || !strings.Contains(gotUA, "github.com/tickerwire/tickerwire") {
		t.Errorf("User-Agent = %q", gotUA)
	}
	if gotAE != acceptEncoding {
		t.Errorf("Accept-Encoding = %q, want %q", gotAE, acceptEncoding)
	}
}

func TestGetLimitsAndFailures(t *testing.T) {
	page := []byte(strings.Repeat("Glencore raised its copper guidance. ", 200))
	tests := []struct {
		name     string
		client   *Client // nil: the zero Client
		handler  http.HandlerFunc
		wantErr  error
		wantBody []byte
		wantIn   string // substring of the error message
	}{
		{
			name:     "body at the cap is read",
			client:   &Client{MaxBytes: int64(len(page))},
			handler:  func(w http.ResponseWriter, r *http.Request) { w.Write(page) },
			wantBody: page,
		},
		{
			name:   "announced body over the cap is refused unread",
			client: &Client{MaxBytes: 100},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", fmt.Sprint(len(page)))
				w.Write(page)
			},
			wantErr: ErrTooLarge,
			wantIn:  fmt.Sprintf("body of %d bytes exceeds the 100 byte limit (--max-bytes)", len(page)),
		},
		{
			name:   "chunked body over the cap is cut at the cap",
			client: &Client{MaxBytes: 100},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Write(page[:50])
				w.(http.Flusher).Flush()
				w.Write(page[50:])
			},
			wantErr:  ErrTooLarge,
			wantBody: page[:100],
		},
		{
			name:    "endless body is cut at the cap",
			client:  &Client{MaxBytes: 1 << 20},
			handler: endless,
			wantErr: ErrTooLarge,
		},
		{
			name: "gzip body is decoded",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(gzipped(t, page))
			},
			wantBody: page,
		},
		{
			name: "zlib deflate body is decoded",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "deflate")
				w.Write(zlibbed(t, page))
			},
			wantBody: page,
		},
		{
			name:   "gzip bomb is cut at the decoded cap",
			client: &Client{MaxBytes: 1 << 20},
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(gzipped(t, make([]byte, 8<<20)))
			},
			wantErr: ErrTooLarge,
		},
		{
			name: "unknown content coding is an error",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", "br")
				w.Write(page)
			},
			wantIn: `unsupported Content-Encoding "br"`,
		},
		{
			name:    "server that never answers times out",
			client:  &Client{Timeout: 150 * time.Millisecond},
			handler: silent,
			wantErr: context.DeadlineExceeded,
			wantIn:  "--timeout",
		},
		{
			name:    "body that stops after the headers times out",
			client:  &Client{Timeout: 150 * time.Millisecond},
			handler: silentAfterHeaders,
			wantErr: context.DeadlineExceeded,
		},
		{
			name:    "trickling body times out",
			client:  &Client{Timeout: 150 * time.Millisecond},
			handler: trickle,
			wantErr: context.DeadlineExceeded,
		},
		{
			name:    "redirect loop stops",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) },
			wantErr: ErrTooManyRedirects,
			wantIn:  "loop",
		},
		{
			name:    "endless redirect chain stops at MaxRedirects",
			client:  &Client{MaxRedirects: 3},
			handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, r.URL.Path+"x", http.StatusFound) },
			wantErr: ErrTooManyRedirects,
			wantIn:  "more than 3 redirects",
		},
		{
			name:    "negative MaxRedirects follows none",
			client:  &Client{MaxRedirects: -1},
			handler: redirectChain(1),
			wantErr: ErrTooManyRedirects,
		},
		{
			name:     "redirect chain within the limit is followed",
			handler:  redirectChain(5),
			wantBody: []byte("arrived"),
		},
		{
			name: "redirect to another scheme is refused",
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
			},
			wantErr: ErrBadURL,
		},
		{
			name:    "not found is a status error",
			handler: http.NotFound,
			wantErr: ErrStatus,
			wantIn:  "HTTP 404",
		},
		{
			name: "unavailable carries Retry-After",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Retry-After", "120")
				w.WriteHeader(http.StatusServiceUnavailable)
			},
			wantErr: ErrStatus,
			wantIn:  "HTTP 503 (retry after 2m0s)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, tt.handler)
			c := tt.client
			if c == nil {
				c = &Client{}
			}
			c.AllowPrivate = true
			resp, err := c.Get(t.Context(), srv.URL+"/a")
			checkErr(t, err, tt.wantErr, tt.wantIn)
			if tt.wantBody != nil && !bytes.Equal(resp.Body, tt.wantBody) {
				t.Errorf("body = %d bytes %.40q, want %d bytes %.40q", len(resp.Body), resp.Body, len(tt.wantBody), tt.wantBody)
			}
			if max := c.maxBytes(); int64(len(resp.Body)) > max {
				t.Errorf("body of %d bytes exceeds MaxBytes %d", len(resp.Body), max)
			}
		})
	}
}

// redirectChain redirects /a -> /a1 -> /a2 ... n times, then answers "arrived".
func redirectChain(n int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if hops := len(r.URL.Path) - len("/a"); hops < n {
			http.Redirect(w, r, fmt.Sprintf("%s%d", r.URL.Path, hops), http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, "arrived")
	}
}

// checkErr fails unless err matches want (nil means no sentinel is
// expected) and contains the substring in (empty: anything).
func checkErr(t *testing.T, err, want error, in string) {
	t.Helper()
	switch {
	case want == nil && in == "" && err != nil:
		t.Fatalf("unexpected error: %v", err)
	case want != nil && !errors.Is(err, want):
		t.Fatalf("error = %v, want %v", err, want)
	case in != "" && (err == nil || !strings.Contains(err.Error(), in)):
		t.Fatalf("error = %v, want it to contain %q", err, in)
	}
}

func TestGetStatusErrorCarriesCode(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	resp, err := (&Client{AllowPrivate: true}).Get(t.Context(), srv.URL)
	var se *StatusError
	if !errors.As(err, &se) || se.Code != http.StatusGone {
		t.Fatalf("error = %v, want *StatusError with code 410", err)
	}
	if resp.Status != http.StatusGone || resp.Body != nil {
		t.Errorf("response = %+v, want status 410 and no body", resp)
	}
}

func TestGetConditional(t *testing.T) {
	const etag, lastMod = `"feed-42"`, "Tue, 03 Mar 2026 06:30:00 GMT"
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, "<rss/>")
	})
	tests := []struct {
		name, etag, lastMod string
		notModified         bool
	}{
		{"no validators fetches", "", "", false},
		{"stale etag fetches", `"feed-41"`, "", false},
		{"matching etag is not modified", etag, "", true},
		{"matching Last-Modified is not modified", "", lastMod, true},
	}
	c := &Client{AllowPrivate: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, nm, err := c.GetConditional(t.Context(), srv.URL, tt.etag, tt.lastMod)
			if err != nil {
				t.Fatal(err)
			}
			if nm != tt.notModified {
				t.Errorf("notModified = %v, want %v", nm, tt.notModified)
			}
			if resp.ETag != etag || resp.LastModified != lastMod {
				t.Errorf("validators = %q, %q", resp.ETag, resp.LastModified)
			}
			if wantBody := !tt.notModified; (len(resp.Body) > 0) != wantBody {
				t.Errorf("body = %q", resp.Body)
			}
		})
	}
}

// siteTransport answers requests for one made-up public host with handler
// and sends everything else through next (the guarded default transport),
// so a test can redirect from an allowed site to a loopback server.
type siteTransport struct {
	host    string
	handler http.HandlerFunc
	next    http.RoundTripper
}

func (s siteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != s.host {
		return s.next.RoundTrip(req)
	}
	rec := httptest.NewRecorder()
	s.handler(rec, req)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

func TestDefaultClientRefusesLoopback(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, "secret")
	})
	port := srv.Listener.Addr().(interface{ String() string }).String()
	port = port[strings.LastIndexByte(port, ':')+1:]
	redirectTo := func(target string) *Client {
		return &Client{Transport: siteTransport{
			host:    "news.example",
			handler: func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target, http.StatusFound) },
			next:    newTransport(false),
		}}
	}
	tests := []struct {
		name   string
		client *Client
		url    string
		want   string
	}{
		{"IPv4 literal", &Client{}, srv.URL, "refusing to fetch 127.0.0.1 (loopback); pass --allow-private"},
		{"name resolving to loopback is caught at dial time", &Client{}, "http://localhost:" + port + "/", "(loopback)"},
		{"decimal IPv4", &Client{}, "http://2130706433:" + port + "/", "2130706433:" + port + "/: refusing to fetch 127.0.0.1 (loopback)"},
		{"octal IPv4", &Client{}, "http://0177.0.0.1:" + port + "/", "127.0.0.1 (loopback)"},
		{"IPv6 loopback", &Client{}, "http://[::1]:" + port + "/", "::1 (loopback)"},
		{"IPv4-mapped IPv6", &Client{}, "http://[::ffff:127.0.0.1]:" + port + "/", "(loopback)"},
		{"unspecified", &Client{}, "http://0.0.0.0:" + port + "/", "(unspecified address)"},
		{"cloud metadata", &Client{}, "http://169.254.169.254/latest/meta-data/", "(link-local)"},
		{"private network", &Client{}, "http://10.0.0.1/", "(private network)"},
		{"redirect to a loopback literal", redirectTo(srv.URL + "/"), "http://news.example/story", "redirected to http://127.0.0.1:"},
		{"redirect to a loopback name is caught at dial time", redirectTo("http://localhost:" + port + "/"), "http://news.example/story", "redirected to http://localhost:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.client.Get(t.Context(), tt.url)
			checkErr(t, err, ErrBlockedAddress, tt.want)
		})
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("loopback server got %d requests, want 0", n)
	}
	if _, err := (&Client{AllowPrivate: true}).Get(t.Context(), "http://localhost:"+port+"/"); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}
}

func TestGetRefusesBadURLs(t *testing.T) {
	for _, raw := range []string{"", "ftp://example.com/", "http://user:pw@example.com/", "http:///x", "example.com"} {
		_, err := (&Client{}).Get(t.Context(), raw)
		checkErr(t, err, ErrBadURL, "")
	}
}

func TestGetLogsAtDebug(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	var buf bytes.Buffer
	c := &Client{AllowPrivate: true, Logger: newDebugLogger(&buf)}
	if _, err := c.Get(t.Context(), srv.URL); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"level=DEBUG", "msg=fetch", "status=200", "bytes=2", "redirects=0", "elapsed="} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log %q lacks %q", buf.String(), want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"30", 30 * time.Second},
		{"-5", 0},
		{"soon", 0},
		{"Mon, 02 Mar 2026 08:01:30 GMT", 90 * time.Second},
		{"Mon, 02 Mar 2026 07:00:00 GMT", 0},
		{"999999999", 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGetReportsFinalURLAndRedirectCount(t *testing.T) {
	srv := serve(t, redirectChain(3))
	var log bytes.Buffer
	c := &Client{AllowPrivate: true, Logger: newDebugLogger(&log)}
	resp, err := c.Get(t.Context(), srv.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	if want := srv.URL + "/a012"; resp.URL != want {
		t.Errorf("URL = %q, want %q", resp.URL, want)
	}
	if !strings.Contains(log.String(), "redirects=3") {
		t.Errorf("log %q lacks redirects=3", log.String())
	}
}

func TestGetSaysWhenAHostIsUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now: the connection is refused
	c := &Client{AllowPrivate: true, Timeout: 5 * time.Second}
	_, err = c.Get(context.Background(), "http://"+addr+"/feed")
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "127.0.0.1 is unreachable") {
		t.Fatalf("err = %v, want ErrUnreachable naming the host", err)
	}
	robots, err := c.GetRobots(context.Background(), "http://"+addr+"/feed")
	if !errors.Is(err, ErrUnreachable) || robots == nil || robots.Allowed("tickerwire", "/feed") {
		t.Errorf("GetRobots: %v, robots %+v; want ErrUnreachable and a robots that disallows", err, robots)
	}
}
