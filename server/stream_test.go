package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// frame is one SSE event or comment.
type frame struct {
	id, event, data string
	comment         string
}

// openStream connects to path and returns its frames; the stream closes
// when the test ends.
func (f *fixture) openStream(path string, header ...string) (<-chan frame, *http.Response) {
	f.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	f.t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", f.url+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	f.t.Cleanup(func() { resp.Body.Close() })
	out := make(chan frame, 100)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var fr frame
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if fr != (frame{}) {
					out <- fr
				}
				fr = frame{}
			case strings.HasPrefix(line, ":"):
				out <- frame{comment: strings.TrimSpace(line[1:])}
			default:
				k, v, _ := strings.Cut(line, ": ")
				switch k {
				case "id":
					fr.id = v
				case "event":
					fr.event = v
				case "data":
					fr.data += v
				}
			}
		}
	}()
	return out, resp
}

// nextEvent returns the next event, skipping comments.
func nextEvent(t *testing.T, frames <-chan frame) frame {
	t.Helper()
	for {
		select {
		case fr, ok := <-frames:
			if !ok {
				t.Fatal("stream ended")
			}
			if fr.comment == "" {
				return fr
			}
		case <-time.After(3 * time.Second):
			t.Fatal("no event within 3s")
		}
	}
}

// waitComment waits for a comment frame with the given text.
func waitComment(t *testing.T, frames <-chan frame, text string) {
	t.Helper()
	deadline := time.After(3 * time.Second)
	for {
		select {
		case fr, ok := <-frames:
			if !ok {
				t.Fatalf("stream ended before %q", text)
			}
			if fr.comment == text {
				return
			}
		case <-deadline:
			t.Fatalf("no %q comment within 3s", text)
		}
	}
}

// publish publishes the stored seed articles in order and returns their
// event ids.
func (f *fixture) publish(names ...string) []string {
	f.t.Helper()
	var ids []string
	for _, name := range names {
		st, err := f.store.Get(context.Background(), f.ids[name])
		if err != nil {
			f.t.Fatal(err)
		}
		e, err := NewEvent(st)
		if err != nil {
			f.t.Fatal(err)
		}
		if err := f.bus.Publish(context.Background(), e); err != nil {
			f.t.Fatal(err)
		}
		ids = append(ids, fmt.Sprint(f.bus.Last()))
	}
	return ids
}

func TestStreamDeliversFilteredArticles(t *testing.T) {
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"nvda-beat", "aapl-fine", "fed-hold", "nvda-slip"}},
		{"?tickers=nvda", []string{"nvda-beat", "nvda-slip"}},
		{"?topics=interest_rates,antitrust", []string{"aapl-fine", "fed-hold"}},
		{"?tickers=NVDA&topics=earnings", []string{"nvda-beat"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			f := newFixture(t, nil)
			frames, resp := f.openStream("/v1/stream" + tt.query)
			if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			waitComment(t, frames, "connected")
			names := []string{"nvda-beat", "aapl-fine", "fed-hold", "nvda-slip"}
			eventID := map[string]string{}
			for i, id := range f.publish(names...) {
				eventID[names[i]] = id
			}
			for _, name := range tt.want {
				ev := nextEvent(t, frames)
				var a articleView
				if err := json.Unmarshal([]byte(ev.data), &a); err != nil {
					t.Fatalf("event data %q: %v", ev.data, err)
				}
				if a.ID != f.ids[name] || ev.event != "article" || a.Analysis == nil || a.Body != "" {
					t.Errorf("event %+v: article %d, want %s (%d)", ev, a.ID, name, f.ids[name])
				}
				if want := eventID[name]; ev.id != want {
					t.Errorf("event id %s, want %s", ev.id, want)
				}
			}
		})
	}
}

func TestStreamResumesAfterLastEventID(t *testing.T) {
	f := newFixture(t, nil)
	ids := f.publish("nvda-beat", "aapl-fine", "fed-hold")
	tests := []struct {
		name   string
		path   string
		header []string
		want   []string // article names
	}{
		{"header", "/v1/stream", []string{"Last-Event-ID", ids[0]}, []string{"aapl-fine", "fed-hold"}},
		{"query", "/v1/stream?last_event_id=" + ids[1], nil, []string{"fed-hold"}},
		{"header wins over query", "/v1/stream?last_event_id=" + ids[1], []string{"Last-Event-ID", ids[0]}, []string{"aapl-fine", "fed-hold"}},
		{"resume with a filter", "/v1/stream?tickers=AAPL", []string{"Last-Event-ID", "1"}, []string{"aapl-fine"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			frames, _ := f.openStream(tt.path, tt.header...)
			for _, name := range tt.want {
				var a articleView
				mustJSON(t, []byte(nextEvent(t, frames).data), &a)
				if a.ID != f.ids[name] {
					t.Errorf("replayed article %d, want %s", a.ID, name)
				}
			}
			f.publish("nvda-slip")
			if tt.name == "resume with a filter" {
				return
			}
			var a articleView
			mustJSON(t, []byte(nextEvent(t, frames).data), &a)
			if a.ID != f.ids["nvda-slip"] {
				t.Errorf("live article %d after the replay, want nvda-slip", a.ID)
			}
		})
	}
}

func TestStreamSendsHeartbeats(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Heartbeat = 20 * time.Millisecond })
	frames, _ := f.openStream("/v1/stream")
	waitComment(t, frames, "heartbeat")
}

func TestStreamEndsWithClientAndBus(t *testing.T) {
	f := newFixture(t, nil)
	frames, _ := f.openStream("/v1/stream")
	waitComment(t, frames, "connected")
	if !strings.Contains(f.metricsText(), "tickerwire_stream_clients 1\n") {
		t.Error("stream client not counted")
	}
	f.bus.Close()
	for range frames { // drained when the server ends the stream
	}
	deadline := time.Now().Add(3 * time.Second)
	for !strings.Contains(f.metricsText(), "tickerwire_stream_clients 0\n") {
		if time.Now().After(deadline) {
			t.Fatal("stream client still counted after the bus closed")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestStreamWithoutBusIsUnavailable(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.Bus = nil })
	var e apiErr
	f.getJSON("/v1/stream", http.StatusServiceUnavailable, &e)
	if e.Code != codeUnavailable {
		t.Errorf("error %+v", e)
	}
}

func (f *fixture) metricsText() string {
	_, data := f.do("GET", "/metrics", "")
	return string(data)
}

func TestEventBytesSplitsDataLines(t *testing.T) {
	got := string(eventBytes(busEvent(7, "a\nb"), "article"))
	if got != "id: 7\nevent: article\ndata: a\ndata: b\n\n" {
		t.Errorf("got %q", got)
	}
}
