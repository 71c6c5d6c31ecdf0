package server

import (
	"fmt"
	"net/http"
	"testing"
)

func TestSourcesLifecycle(t *testing.T) {
	f := newFixture(t, nil)
	resp, data := f.do("POST", "/v1/sources", `{"url":"https://feeds.example/markets.xml","title":"Markets"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("add: %d %s", resp.StatusCode, data)
	}
	var src sourceView
	mustJSON(t, data, &src)
	if src.Kind != "feed" || src.Status != "new" || src.Paused || resp.Header.Get("Location") != fmt.Sprintf("/v1/sources/%d", src.ID) {
		t.Errorf("added %+v, Location %q", src, resp.Header.Get("Location"))
	}
	one := fmt.Sprintf("/v1/sources/%d", src.ID)

	resp, data = f.do("PATCH", one, `{"paused":true}`)
	var patched sourceView
	mustJSON(t, data, &patched)
	if resp.StatusCode != http.StatusOK || !patched.Paused || patched.Status != "paused" || patched.Title != "Markets" {
		t.Errorf("pause: %d %+v", resp.StatusCode, patched)
	}
	var got sourceView
	f.getJSON(one, http.StatusOK, &got)
	if !got.Paused {
		t.Errorf("GET after pause: %+v", got)
	}
	resp, data = f.do("PATCH", one, `{"paused":false,"title":"Markets wire","kind":"rss"}`)
	mustJSON(t, data, &patched)
	if resp.StatusCode != http.StatusOK || patched.Paused || patched.Kind != "rss" || patched.Title != "Markets wire" {
		t.Errorf("resume: %d %+v", resp.StatusCode, patched)
	}

	var list struct{ Sources []sourceView }
	f.getJSON("/v1/sources", http.StatusOK, &list)
	if len(list.Sources) != 1 || list.Sources[0].ID != src.ID {
		t.Errorf("list %+v", list)
	}
	if resp, _ := f.do("DELETE", one, ""); resp.StatusCode != http.StatusNoContent {
		t.Errorf("delete: %d", resp.StatusCode)
	}
	f.getJSON(one, http.StatusNotFound, nil)
	if resp, _ := f.do("DELETE", one, ""); resp.StatusCode != http.StatusNotFound {
		t.Errorf("second delete: %d, want 404", resp.StatusCode)
	}
}

func TestSourceStatusReflectsLastPoll(t *testing.T) {
	f := newFixture(t, nil)
	id, err := f.store.AddSource(t.Context(), storeSource("https://feeds.example/a.xml"))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := f.store.Source(t.Context(), id)
	src.LastPoll, src.LastError, src.Items = day(4), "fetch: 503 Service Unavailable", 12
	if err := f.store.UpdateSource(t.Context(), src); err != nil {
		t.Fatal(err)
	}
	var got sourceView
	f.getJSON(fmt.Sprintf("/v1/sources/%d", id), http.StatusOK, &got)
	if got.Status != "failing" || got.LastError == "" || got.Items != 12 || got.LastPoll == nil || !got.LastPoll.Equal(day(4)) {
		t.Errorf("got %+v", got)
	}
}

func TestSourceErrors(t *testing.T) {
	f := newFixture(t, nil)
	if resp, data := f.do("POST", "/v1/sources", `{"url":"https://feeds.example/x.xml"}`); resp.StatusCode != http.StatusCreated {
		t.Fatalf("add: %d %s", resp.StatusCode, data)
	}
	tests := []struct {
		name, method, path, contentType, body string
		status                                int
		code                                  string
	}{
		{"same url twice", "POST", "/v1/sources", "application/json", `{"url":"https://feeds.example/x.xml"}`, 409, codeConflict},
		{"no url", "POST", "/v1/sources", "application/json", `{"title":"x"}`, 400, codeBadBody},
		{"bad url", "POST", "/v1/sources", "application/json", `{"url":"feeds.example/x"}`, 400, codeBadBody},
		{"unknown kind", "POST", "/v1/sources", "application/json", `{"url":"https://a.example/","kind":"twitter"}`, 400, codeBadBody},
		{"relative folder", "POST", "/v1/sources", "application/json", `{"url":"inbox","kind":"folder"}`, 400, codeBadBody},
		{"unknown field", "POST", "/v1/sources", "application/json", `{"url":"https://a.example/","interval":5}`, 400, codeBadBody},
		{"not JSON", "POST", "/v1/sources", "text/plain", `url=https://a.example/`, 415, codeBadMediaType},
		{"empty patch", "PATCH", "/v1/sources/1", "application/json", `{}`, 400, codeBadBody},
		{"paused not a bool", "PATCH", "/v1/sources/1", "application/json", `{"paused":"yes"}`, 400, codeBadBody},
		{"patch unknown source", "PATCH", "/v1/sources/999", "application/json", `{"paused":true}`, 404, codeNotFound},
		{"bad id", "DELETE", "/v1/sources/0", "", ``, 400, codeBadParameter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, data := f.do(tt.method, tt.path, tt.body, "Content-Type", tt.contentType)
			var e apiErr
			mustJSON(t, data, &e)
			if resp.StatusCode != tt.status || e.Code != tt.code {
				t.Errorf("status %d %+v, want %d %s", resp.StatusCode, e, tt.status, tt.code)
			}
		})
	}
	resp, data := f.do("POST", "/v1/sources", `{"url":"/srv/news/inbox","kind":"folder"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("folder source: %d %s", resp.StatusCode, data)
	}
}
