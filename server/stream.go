package server

import (
	"bytes"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tickerwire/tickerwire/bus"
)

// streamWriteTimeout bounds each write to an SSE client, so that a client
// that stopped reading does not hold its stream open for ever.
const streamWriteTimeout = 30 * time.Second

// streamFilter keeps the events about any of tickers (when given) and any
// of topics (when given).
type streamFilter struct{ tickers, topics []string }

func (f streamFilter) match(e bus.Event) bool {
	return anyOf(f.tickers, e.Tickers) && anyOf(f.topics, e.Topics)
}

// anyOf reports whether want is empty or shares an item with have.
func anyOf(want, have []string) bool {
	return len(want) == 0 || slices.ContainsFunc(have, func(h string) bool { return slices.Contains(want, h) })
}

// stream answers GET /v1/stream: Server-Sent Events, one "article" event
// per analysed article as it is published, its id the bus Seq. A client
// resumes after an event with the Last-Event-ID header (browsers send it
// when they reconnect) or ?last_event_id=. Comments keep an idle stream
// open. The stream ends when the client leaves, the bus closes or this
// client falls too far behind (it may then resume).
func (s *server) stream(w http.ResponseWriter, r *http.Request) error {
	if s.bus == nil {
		return errorf(http.StatusServiceUnavailable, codeUnavailable, "this server does not stream (no event bus configured)")
	}
	f, after, err := s.streamParams(r)
	if err != nil {
		return err
	}
	return s.serveEvents(w, r, s.bus, "article", f.match, after)
}

// serveEvents streams the events of sub after the given Seq that match,
// as SSE events of the given name, until the client leaves, the bus
// closes or the client falls too far behind.
func (s *server) serveEvents(w http.ResponseWriter, r *http.Request, sub bus.Subscriber, name string, match func(bus.Event) bool, after uint64) error {
	events, err := sub.Subscribe(r.Context(), after)
	if err != nil {
		return errorf(http.StatusServiceUnavailable, codeUnavailable, "streaming unavailable: %v", err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	s.metrics.stream(1)
	defer s.metrics.stream(-1)
	sse := &sseWriter{w: w, rc: http.NewResponseController(w)}
	sse.send([]byte("retry: 3000\n: connected\n\n"))
	heartbeat := time.NewTicker(s.heartbeat)
	defer heartbeat.Stop()
	for sse.err == nil {
		select {
		case <-r.Context().Done():
			return nil
		case e, ok := <-events:
			if !ok {
				return nil
			}
			if match(e) {
				sse.send(eventBytes(e, name))
			}
		case <-heartbeat.C:
			sse.send([]byte(": heartbeat\n\n"))
		}
	}
	s.log.DebugContext(r.Context(), "stream ended by a write error", "err", sse.err)
	return nil
}

// streamParams reads the filters and the resume point of a stream.
func (s *server) streamParams(r *http.Request) (streamFilter, uint64, error) {
	p, err := readParams(r, "tickers", "topics", "last_event_id")
	if err != nil {
		return streamFilter{}, 0, err
	}
	var f streamFilter
	if p.has("tickers") {
		if f.tickers, err = parseList(p.get("tickers"), parseTicker); err != nil {
			return streamFilter{}, 0, badParam("tickers", "%v", err)
		}
	}
	if p.has("topics") {
		if f.topics, err = parseList(p.get("topics"), s.tax.topicID); err != nil {
			return streamFilter{}, 0, badParam("topics", "%v", err)
		}
	}
	after, err := lastEventID(r, p)
	if err != nil {
		return streamFilter{}, 0, err
	}
	return f, after, nil
}

// lastEventID reads the resume point of a stream: the Last-Event-ID
// header, else the last_event_id parameter; 0 when neither is given.
func lastEventID(r *http.Request, p params) (uint64, error) {
	name, last := "Last-Event-ID header", r.Header.Get("Last-Event-ID")
	if last == "" && p.has("last_event_id") {
		name, last = "parameter last_event_id", p.get("last_event_id")
	}
	if last == "" {
		return 0, nil
	}
	after, err := strconv.ParseUint(last, 10, 64)
	if err != nil {
		return 0, errorf(http.StatusBadRequest, codeBadParameter,
			"%s: %q is not the id of an event of this stream", name, last)
	}
	return after, nil
}

// eventBytes formats e as one SSE event of the given name.
func eventBytes(e bus.Event, name string) []byte {
	var b bytes.Buffer
	b.WriteString("id: ")
	b.WriteString(strconv.FormatUint(e.Seq, 10))
	b.WriteString("\nevent: ")
	b.WriteString(name)
	b.WriteByte('\n')
	for line := range bytes.Lines(e.Data) {
		b.WriteString("data: ")
		b.Write(bytes.TrimRight(line, "\r\n"))
		b.WriteByte('\n')
	}
	if len(e.Data) == 0 {
		b.WriteString("data: \n")
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// sseWriter writes and flushes SSE frames under a write deadline; after
// the first error it writes nothing more and keeps the error.
type sseWriter struct {
	w   http.ResponseWriter
	rc  *http.ResponseController
	err error
}

func (s *sseWriter) send(p []byte) {
	if s.err != nil {
		return
	}
	if err := s.rc.SetWriteDeadline(time.Now().Add(streamWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
		s.err = err
		return
	}
	if _, err := s.w.Write(p); err != nil {
		s.err = err
		return
	}
	s.err = s.rc.Flush()
}
