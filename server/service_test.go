package server

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHealthReportsStoreAndFeatures(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Bus = nil })
	var h healthView
	f.getJSON("/v1/health", http.StatusOK, &h)
	if h.Status != "ok" || h.Store != "ok" || h.Version != "test" || h.Streaming || !h.Submissions || h.AccessControl {
		t.Errorf("health %+v", h)
	}
	f.store.Close()
	f.getJSON("/v1/health", http.StatusServiceUnavailable, &h)
	if h.Status != "unavailable" || h.Store == "ok" {
		t.Errorf("health with a closed store %+v", h)
	}
}

// sampleLine is one sample of the Prometheus text format.
var sampleLine = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?[0-9.]+(e[-+]?[0-9]+)?$`)

func TestMetricsCountRequestsAndIngest(t *testing.T) {
	f := newFixture(t, nil)
	f.getJSON("/v1/articles?limit=1", http.StatusOK, nil)
	f.getJSON("/v1/articles?limit=1", http.StatusOK, nil)
	f.getJSON("/v1/articles?limit=0", http.StatusBadRequest, nil)
	f.getJSON("/nowhere", http.StatusNotFound, nil)
	f.metrics.ArticleIngested()
	f.metrics.ArticleAnalysed(30 * time.Millisecond)
	f.metrics.FeedError(`https://feeds.example/a"b`)
	resp, data := f.do("GET", "/metrics", "")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", ct)
	}
	text := string(data)
	for _, want := range []string{
		`tickerwire_http_requests_total{method="GET",route="/v1/articles",status="200"} 2`,
		`tickerwire_http_requests_total{method="GET",route="/v1/articles",status="400"} 1`,
		`tickerwire_http_requests_total{method="other",route="unmatched",status="404"} 1`,
		`tickerwire_http_request_duration_seconds_count{method="GET",route="/v1/articles"} 3`,
		`tickerwire_http_request_duration_seconds_bucket{method="GET",route="/v1/articles",le="+Inf"} 3`,
		`tickerwire_articles_ingested_total 1`,
		`tickerwire_articles_analysed_total 1`,
		`tickerwire_analysis_duration_seconds_bucket{le="0.025"} 0`,
		`tickerwire_analysis_duration_seconds_bucket{le="0.05"} 1`,
		`tickerwire_feed_errors_total{source="https://feeds.example/a\"b"} 1`,
		`tickerwire_build_info{version="test"} 1`,
		`# TYPE tickerwire_http_request_duration_seconds histogram`,
	} {
		if !strings.Contains(text, want+"\n") {
			t.Errorf("metrics lack %s", want)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if !strings.HasPrefix(line, "# ") && !sampleLine.MatchString(line) {
			t.Errorf("malformed sample line %q", line)
		}
	}
}

func TestNilMetricsIgnoreCounts(t *testing.T) {
	var m *Metrics
	m.ArticleIngested()
	m.ArticleAnalysed(time.Second)
	m.FeedError("x")
}

// TestOpenAPIDescribesEveryRoute checks the embedded document against the
// route table, both ways, and that every reference resolves.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	f := newFixture(t, nil)
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components map[string]map[string]json.RawMessage `json:"components"`
	}
	f.getJSON("/v1/openapi.json", http.StatusOK, &doc)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q, want 3.1.0", doc.OpenAPI)
	}
	var served []string
	for _, rt := range (&server{}).routes() {
		served = append(served, strings.ToLower(rt.method)+" "+rt.path)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, method+" "+path)
		}
	}
	slices.Sort(served)
	slices.Sort(documented)
	if !slices.Equal(served, documented) {
		t.Errorf("documented operations\n%v\ndiffer from the routes\n%v", documented, served)
	}
	refs := regexp.MustCompile(`"\$ref":\s*"#/components/(\w+)/(\w+)"`).FindAllStringSubmatch(string(openAPIDoc), -1)
	for _, m := range refs {
		if _, ok := doc.Components[m[1]][m[2]]; !ok {
			t.Errorf("dangling reference #/components/%s/%s", m[1], m[2])
		}
	}
	if len(refs) < 50 {
		t.Errorf("only %d references: is the document complete?", len(refs))
	}
}
