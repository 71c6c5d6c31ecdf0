package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
)

func TestPostSendsBodyAndHeaders(t *testing.T) {
	var got, sig string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got, sig = string(b), r.Header.Get("X-Signature")
		w.WriteHeader(http.StatusNoContent)
	})
	c := &Client{AllowPrivate: true}
	if err := c.Post(context.Background(), srv.URL+"/hook", http.Header{"X-Signature": {"abc"}}, []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	if got != `{"a":1}` || sig != "abc" {
		t.Errorf("received %q with signature %q", got, sig)
	}
}

func TestPostFailures(t *testing.T) {
	failing := serve(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	moved := serve(t, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/elsewhere", http.StatusFound) })
	for _, tc := range []struct {
		name string
		c    *Client
		url  string
		want error
		code int
	}{
		{"status 500", &Client{AllowPrivate: true}, failing.URL, ErrStatus, 500},
		{"redirect not followed", &Client{AllowPrivate: true}, moved.URL, ErrStatus, 302},
		{"loopback refused by default", &Client{}, failing.URL, ErrBlockedAddress, 0},
		{"not http", &Client{}, "ftp://hooks.example/", ErrBadURL, 0},
	} {
		err := tc.c.Post(context.Background(), tc.url, nil, []byte("{}"))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
			continue
		}
		var se *StatusError
		if tc.code != 0 && (!errors.As(err, &se) || se.Code != tc.code) {
			t.Errorf("%s: error %v, want HTTP %d", tc.name, err, tc.code)
		}
	}
}
