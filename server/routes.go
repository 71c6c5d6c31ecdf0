package server

import (
	"fmt"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"
)

// errorStyle is how a route answers errors: the JSON API's
// {"error", "code"} with an HTTP status, or Alpha Vantage's HTTP 200 with
// an "Error Message" or "Information" key.
type errorStyle int

const (
	styleJSON errorStyle = iota
	styleAV
)

// route is one endpoint. need is the scope a key must have when access
// control is on; "" makes the route public.
type route struct {
	method, path string
	need         Scope
	style        errorStyle
	handle       func(w http.ResponseWriter, r *http.Request) error
}

// routes lists every endpoint; the OpenAPI document must describe the
// same set (a test checks it).
func (s *server) routes() []route {
	return []route{
		{"GET", "/v1/health", "", styleJSON, s.health},
		{"GET", "/v1/openapi.json", "", styleJSON, openAPI},
		{"GET", "/metrics", ScopeRead, styleJSON, s.serveMetrics},
		{"GET", "/v1/articles", ScopeRead, styleJSON, s.searchArticles},
		{"POST", "/v1/articles", ScopeAdmin, styleJSON, s.submitArticle},
		{"GET", "/v1/articles/{id}", ScopeRead, styleJSON, s.getArticle},
		{"GET", "/v1/tickers/{ticker}/sentiment", ScopeRead, styleJSON, s.tickerSentiment},
		{"GET", "/v1/sources", ScopeRead, styleJSON, s.listSources},
		{"POST", "/v1/sources", ScopeAdmin, styleJSON, s.addSource},
		{"GET", "/v1/sources/{id}", ScopeRead, styleJSON, s.getSource},
		{"PATCH", "/v1/sources/{id}", ScopeAdmin, styleJSON, s.updateSource},
		{"DELETE", "/v1/sources/{id}", ScopeAdmin, styleJSON, s.deleteSource},
		{"GET", "/v1/stream", ScopeRead, styleJSON, s.stream},
		{"GET", "/v1/portfolios", ScopeRead, styleJSON, s.listPortfolios},
		{"PUT", "/v1/portfolios/{name}", ScopeAdmin, styleJSON, s.putPortfolio},
		{"GET", "/v1/portfolios/{name}", ScopeRead, styleJSON, s.getPortfolio},
		{"DELETE", "/v1/portfolios/{name}", ScopeAdmin, styleJSON, s.deletePortfolio},
		{"GET", "/v1/portfolios/{name}/analytics", ScopeRead, styleJSON, s.portfolioAnalytics},
		{"GET", "/v1/portfolios/{name}/report", ScopeRead, styleJSON, s.portfolioReport},
		{"GET", "/query", ScopeRead, styleAV, s.alphaVantage},
		{"GET", "/v1/alerts", ScopeRead, styleJSON, s.listAlerts},
		{"GET", "/v1/alerts/stream", ScopeRead, styleJSON, s.alertStream},
		{"POST", "/v1/alerts/{id}/ack", ScopeAdmin, styleJSON, s.ackAlert},
		{"GET", "/v1/rules", ScopeRead, styleJSON, s.listRules},
		{"POST", "/v1/rules", ScopeAdmin, styleJSON, s.addRule},
		{"DELETE", "/v1/rules/{id}", ScopeAdmin, styleJSON, s.deleteRule},
		{"POST", "/v1/rules:test", ScopeRead, styleJSON, s.testRule},
	}
}

// mux registers every route, a JSON 405 for other methods on a known path
// and a JSON 404 for everything else.
func (s *server) mux() *http.ServeMux {
	mux := http.NewServeMux()
	allowed := map[string][]string{}
	var paths []string
	for _, rt := range s.routes() {
		mux.Handle(rt.method+" "+rt.path, s.wrap(rt))
		if _, ok := allowed[rt.path]; !ok {
			paths = append(paths, rt.path)
		}
		allowed[rt.path] = append(allowed[rt.path], rt.method)
	}
	for _, p := range paths {
		methods := allowed[p]
		if slices.Contains(methods, "GET") {
			methods = append(methods, "HEAD")
		}
		mux.Handle(p, s.wrap(route{path: p, style: styleJSON, handle: notAllowed(methods)}))
	}
	mux.Handle("/", s.wrap(route{path: "unmatched", style: styleJSON, handle: notFound}))
	return mux
}

func notAllowed(methods []string) func(http.ResponseWriter, *http.Request) error {
	allow := strings.Join(methods, ", ")
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Allow", allow)
		return errorf(http.StatusMethodNotAllowed, codeMethod, "method %s not allowed on %s; use %s", r.Method, r.URL.Path, allow)
	}
}

func notFound(w http.ResponseWriter, r *http.Request) error {
	return errorf(http.StatusNotFound, codeNotFound, "no endpoint %s; the API is described at /v1/openapi.json", r.URL.Path)
}

// wrap runs rt's handler behind access control, answers its error in the
// route's style, recovers a panic as a 500, then logs and counts the
// request.
func (s *server) wrap(rt route) http.Handler {
	label := rt.path
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		keyID := s.serve(rt, rec, r)
		d := time.Since(start)
		method := rt.method
		if method == "" {
			method = "other"
		}
		s.metrics.request(method, label, rec.code(), d)
		s.log.InfoContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "route", label,
			"status", rec.code(), "bytes", rec.bytes, "duration", d, "key", keyID)
	})
}

// serve authorises and runs rt; it returns the id of the key used, if any.
func (s *server) serve(rt route, w *recorder, r *http.Request) (keyID string) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.ErrorContext(r.Context(), "handler panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if !w.wrote {
				s.answer(rt.style, w, r, fmt.Errorf("panic: %v", v))
			}
		}
	}()
	keyID, err := s.authorize(r, rt.need)
	if err == nil {
		err = rt.handle(w, r)
	}
	if err != nil {
		s.answer(rt.style, w, r, err)
	}
	return keyID
}

// answer writes err in the given style.
func (s *server) answer(style errorStyle, w http.ResponseWriter, r *http.Request, err error) {
	if style == styleAV {
		s.writeAVError(w, r, err)
		return
	}
	s.writeError(w, r, err)
}

// recorder remembers the status and size of a response. It passes Flush
// through and unwraps for http.ResponseController (SSE needs both).
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (rec *recorder) WriteHeader(code int) {
	if !rec.wrote {
		rec.status, rec.wrote = code, true
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if !rec.wrote {
		rec.status, rec.wrote = http.StatusOK, true
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

func (rec *recorder) Flush() {
	if f, ok := rec.ResponseWriter.(http.Flusher); ok {
		rec.wrote = true
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		f.Flush()
	}
}

func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// code is the status answered; 200 when the handler wrote nothing.
func (rec *recorder) code() int {
	if rec.status == 0 {
		return http.StatusOK
	}
	return rec.status
}
