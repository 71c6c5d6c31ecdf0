package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// latencyBuckets are the upper bounds, in seconds, of the latency
// histograms.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Metrics counts what the service does, for GET /metrics in the Prometheus
// exposition format (github.com/prometheus/client_golang, on a registry of
// its own, with the Go runtime and process collectors). The ingest side
// reports through ArticleIngested, ArticleAnalysed and FeedError; the server
// counts requests itself. Every method is safe for concurrent use and does
// nothing on a nil *Metrics.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	ingested   prometheus.Counter
	analysed   prometheus.Counter
	analysis   prometheus.Histogram
	feedErrors *prometheus.CounterVec
	streams    prometheus.Gauge
	build      *prometheus.GaugeVec
	alerts     *prometheus.CounterVec
	webhooks   *prometheus.CounterVec
}

// NewMetrics returns metrics with every count at zero.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tickerwire_http_requests_total",
			Help: "HTTP requests answered, by method, route and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "tickerwire_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by method and route.",
			Buckets: latencyBuckets,
		}, []string{"method", "route"}),
		ingested: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tickerwire_articles_ingested_total",
			Help: "Articles stored and analysed, published to the stream.",
		}),
		analysed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "tickerwire_articles_analysed_total",
			Help: "Articles analysed.",
		}),
		analysis: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "tickerwire_analysis_duration_seconds",
			Help:    "Time to analyse one article.",
			Buckets: latencyBuckets,
		}),
		feedErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tickerwire_feed_errors_total",
			Help: "Failed polls of a source, by source.",
		}, []string{"source"}),
		streams: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "tickerwire_stream_clients",
			Help: "Clients connected to GET /v1/stream.",
		}),
		build: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "tickerwire_build_info",
			Help: "Version of the running server (value 1).",
		}, []string{"version"}),
		alerts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tickerwire_alerts_fired_total",
			Help: "Alerts fired, by rule.",
		}, []string{"rule"}),
		webhooks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "tickerwire_webhook_attempts_total",
			Help: "Webhook delivery attempts, by outcome: delivered, retry (failed, will retry) or failed (given up).",
		}, []string{"outcome"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.ingested, m.analysed, m.analysis, m.feedErrors, m.streams, m.build, m.alerts, m.webhooks,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Register adds collectors of other parts of the service (alerts,
// webhooks) to the metrics served at /metrics.
func (m *Metrics) Register(cs ...prometheus.Collector) error {
	if m == nil {
		return nil
	}
	for _, c := range cs {
		if err := m.reg.Register(c); err != nil {
			return err
		}
	}
	return nil
}

// ArticleIngested counts one article stored for analysis.
func (m *Metrics) ArticleIngested() {
	if m == nil {
		return
	}
	m.ingested.Inc()
}

// ArticleAnalysed counts one analysed article that took d to analyse.
func (m *Metrics) ArticleAnalysed(d time.Duration) {
	if m == nil {
		return
	}
	m.analysed.Inc()
	m.analysis.Observe(d.Seconds())
}

// FeedError counts one failed poll of source (its URL or name; keep the
// set of values small, one per configured source).
func (m *Metrics) FeedError(source string) {
	if m == nil {
		return
	}
	m.feedErrors.WithLabelValues(source).Inc()
}

// AlertFired counts one alert of rule.
func (m *Metrics) AlertFired(rule string) {
	if m == nil {
		return
	}
	m.alerts.WithLabelValues(rule).Inc()
}

// WebhookAttempt counts one webhook delivery attempt by its outcome.
func (m *Metrics) WebhookAttempt(outcome string) {
	if m == nil {
		return
	}
	m.webhooks.WithLabelValues(outcome).Inc()
}

// request counts one answered request of route (the route pattern, not
// the path, to bound the label values).
func (m *Metrics) request(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(method, route).Observe(d.Seconds())
}

// stream counts an SSE client connecting (+1) or leaving (-1).
func (m *Metrics) stream(delta int64) {
	if m == nil {
		return
	}
	m.streams.Add(float64(delta))
}

// handler serves the metrics, labelled with the server's version.
func (m *Metrics) handler(version string) http.Handler {
	m.build.Reset()
	m.build.WithLabelValues(version).Set(1)
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
