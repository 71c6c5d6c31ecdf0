package server

import (
	"context"
	"net/http"
	"time"
)

// healthTimeout bounds the store check of GET /v1/health.
const healthTimeout = 2 * time.Second

type healthView struct {
	Status        string  `json:"status"` // "ok" or "unavailable"
	Version       string  `json:"version"`
	UptimeSeconds float64 `json:"uptime_seconds"`
	Store         string  `json:"store"` // "ok" or the error
	AccessControl bool    `json:"access_control"`
	Streaming     bool    `json:"streaming"`
	Submissions   bool    `json:"submissions"`
}

// health answers 200 when the store answers, else 503; it is public so
// that load balancers and probes need no key.
func (s *server) health(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	v := healthView{Status: "ok", Version: s.version, Store: "ok",
		UptimeSeconds: time.Since(s.started).Round(time.Second).Seconds(),
		AccessControl: s.accessControl(), Streaming: s.bus != nil, Submissions: s.submitter != nil}
	status := http.StatusOK
	if _, err := s.store.Sources(ctx); err != nil {
		s.log.WarnContext(r.Context(), "health: store check failed", "err", err)
		v.Status, v.Store, status = "unavailable", err.Error(), http.StatusServiceUnavailable
	}
	writeJSON(w, status, v)
	return nil
}

// serveMetrics answers the metrics in the Prometheus text format.
func (s *server) serveMetrics(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	s.metricsHandler.ServeHTTP(w, r)
	return nil
}
