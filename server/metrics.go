package server

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics counts what the service does, for GET /metrics in the
// Prometheus text format. The ingest side reports through ArticleIngested,
// ArticleAnalysed and FeedError; the server counts requests itself. Every
// method is safe for concurrent use and does nothing on a nil *Metrics.
type Metrics struct {
	mu         sync.Mutex
	requests   map[requestKey]uint64
	latency    map[routeKey]*histogram
	ingested   uint64
	analysed   uint64
	analysis   *histogram
	feedErrors map[string]uint64
	streams    int64
}

type routeKey struct{ method, route string }

type requestKey struct {
	routeKey
	status int
}

// NewMetrics returns metrics with every count at zero.
func NewMetrics() *Metrics {
	return &Metrics{
		requests:   map[requestKey]uint64{},
		latency:    map[routeKey]*histogram{},
		analysis:   newHistogram(),
		feedErrors: map[string]uint64{},
	}
}

// ArticleIngested counts one article stored for analysis.
func (m *Metrics) ArticleIngested() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.ingested++
	m.mu.Unlock()
}

// ArticleAnalysed counts one analysed article that took d to analyse.
func (m *Metrics) ArticleAnalysed(d time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.analysed++
	m.analysis.observe(d.Seconds())
	m.mu.Unlock()
}

// FeedError counts one failed poll of source (its URL or name; keep the
// set of values small, one per configured source).
func (m *Metrics) FeedError(source string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.feedErrors[source]++
	m.mu.Unlock()
}

// request counts one answered request of route (the route pattern, not
// the path, to bound the label values).
func (m *Metrics) request(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	rk := routeKey{method, route}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[requestKey{rk, status}]++
	h := m.latency[rk]
	if h == nil {
		h = newHistogram()
		m.latency[rk] = h
	}
	h.observe(d.Seconds())
}

// stream counts an SSE client connecting (+1) or leaving (-1).
func (m *Metrics) stream(delta int64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.streams += delta
	m.mu.Unlock()
}

// histogram is a Prometheus histogram over latencyBuckets.
type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

func newHistogram() *histogram { return &histogram{counts: make([]uint64, len(latencyBuckets))} }

func (h *histogram) observe(v float64) {
	h.sum += v
	h.count++
	if i, _ := slices.BinarySearch(latencyBuckets, v); i < len(latencyBuckets) {
		h.counts[i]++
	}
}

// write writes every metric in the Prometheus text exposition format
// (version 0.0.4), series sorted so the output is stable.
func (m *Metrics) write(w io.Writer, version string) error {
	bw := bufio.NewWriter(w)
	m.mu.Lock()
	m.writeRequests(bw)
	m.writeIngest(bw)
	m.mu.Unlock()
	family(bw, "tickerwire_build_info", "gauge", "Version of the running server (value 1).")
	fmt.Fprintf(bw, "tickerwire_build_info{version=%s} 1\n", quote(version))
	return bw.Flush()
}

func (m *Metrics) writeRequests(w io.Writer) {
	family(w, "tickerwire_http_requests_total", "counter", "HTTP requests answered, by method, route and status.")
	keys := sortedKeys(m.requests, func(a, b requestKey) int {
		return cmp.Or(cmpRoute(a.routeKey, b.routeKey), cmp.Compare(a.status, b.status))
	})
	for _, k := range keys {
		fmt.Fprintf(w, "tickerwire_http_requests_total{method=%s,route=%s,status=\"%d\"} %d\n",
			quote(k.method), quote(k.route), k.status, m.requests[k])
	}
	family(w, "tickerwire_http_request_duration_seconds", "histogram", "Time to answer HTTP requests, by method and route.")
	for _, k := range sortedKeys(m.latency, cmpRoute) {
		labels := "method=" + quote(k.method) + ",route=" + quote(k.route)
		m.latency[k].write(w, "tickerwire_http_request_duration_seconds", labels)
	}
	family(w, "tickerwire_stream_clients", "gauge", "Clients connected to GET /v1/stream.")
	fmt.Fprintf(w, "tickerwire_stream_clients %d\n", m.streams)
}

func (m *Metrics) writeIngest(w io.Writer) {
	family(w, "tickerwire_articles_ingested_total", "counter", "Articles stored for analysis.")
	fmt.Fprintf(w, "tickerwire_articles_ingested_total %d\n", m.ingested)
	family(w, "tickerwire_articles_analysed_total", "counter", "Articles analysed.")
	fmt.Fprintf(w, "tickerwire_articles_analysed_total %d\n", m.analysed)
	family(w, "tickerwire_analysis_duration_seconds", "histogram", "Time to analyse one article.")
	m.analysis.write(w, "tickerwire_analysis_duration_seconds", "")
	family(w, "tickerwire_feed_errors_total", "counter", "Failed polls of a source, by source.")
	for _, src := range sortedKeys(m.feedErrors, strings.Compare) {
		fmt.Fprintf(w, "tickerwire_feed_errors_total{source=%s} %d\n", quote(src), m.feedErrors[src])
	}
}

// write writes h's buckets, sum and count; labels ("a=\"b\"") may be "".
func (h *histogram) write(w io.Writer, name, labels string) {
	sep := ""
	if labels != "" {
		sep = ","
	}
	var cum uint64
	for i, le := range latencyBuckets {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s%sle=\"%s\"} %d\n", name, labels, sep, strconv.FormatFloat(le, 'g', -1, 64), cum)
	}
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, labels, sep, h.count)
	if labels != "" {
		labels = "{" + labels + "}"
	}
	fmt.Fprintf(w, "%s_sum%s %s\n", name, labels, strconv.FormatFloat(h.sum, 'g', -1, 64))
	fmt.Fprintf(w, "%s_count%s %d\n", name, labels, h.count)
}

func family(w io.Writer, name, typ, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// quote quotes a label value: backslash, double quote and newline escaped.
func quote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

func sortedKeys[K comparable, V any](m map[K]V, cmp func(a, b K) int) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp)
	return keys
}

func cmpRoute(a, b routeKey) int {
	return cmp.Or(strings.Compare(a.route, b.route), strings.Compare(a.method, b.method))
}
