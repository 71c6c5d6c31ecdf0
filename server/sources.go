package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

// sourceKinds are the kinds of source the ingest side reads; "feed" is any
// feed format, detected when read.
var sourceKinds = []string{"feed", "rss", "atom", "json", "folder"}

// sourceView is a source as the API returns it.
type sourceView struct {
	ID     int64  `json:"id"`
	URL    string `json:"url"`
	Kind   string `json:"kind"`
	Title  string `json:"title"`
	Paused bool   `json:"paused"`
	// Status is "paused", "new" (never read), "failing" (the last read
	// failed) or "ok".
	Status    string     `json:"status"`
	LastPoll  *time.Time `json:"last_poll,omitempty"`
	LastError string     `json:"last_error,omitempty"`
	Items     int64      `json:"items"`
}

func sourceViewOf(s store.Source) sourceView {
	v := sourceView{ID: s.ID, URL: s.URL, Kind: s.Kind, Title: s.Title, Paused: s.Paused,
		LastError: s.LastError, Items: s.Items}
	if !s.LastPoll.IsZero() {
		t := s.LastPoll.UTC()
		v.LastPoll = &t
	}
	switch {
	case s.Paused:
		v.Status = "paused"
	case s.LastPoll.IsZero():
		v.Status = "new"
	case s.LastError != "":
		v.Status = "failing"
	default:
		v.Status = "ok"
	}
	return v
}

// sourcePatch is the body of POST /v1/sources (url required) and of PATCH
// /v1/sources/{id} (fields absent stay as they are).
type sourcePatch struct {
	URL    *string `json:"url"`
	Kind   *string `json:"kind"`
	Title  *string `json:"title"`
	Paused *bool   `json:"paused"`
}

// apply sets the fields of p on src and checks them; fields p leaves out
// are not checked, so a source stored by other means stays patchable.
func (p sourcePatch) apply(src *store.Source) error {
	if p.URL != nil {
		src.URL = strings.TrimSpace(*p.URL)
	}
	if p.Kind != nil {
		src.Kind = strings.TrimSpace(*p.Kind)
		if !slices.Contains(sourceKinds, src.Kind) {
			return errorf(http.StatusBadRequest, codeBadBody, "kind %q: want one of %s", src.Kind, strings.Join(sourceKinds, ", "))
		}
	}
	if p.Title != nil {
		src.Title = strings.TrimSpace(*p.Title)
		if len(src.Title) > 500 {
			return errorf(http.StatusBadRequest, codeBadBody, "title longer than 500 bytes")
		}
	}
	if p.Paused != nil {
		src.Paused = *p.Paused
	}
	if p.URL != nil || p.Kind != nil {
		if err := checkSourceURL(src.Kind, src.URL); err != nil {
			return errorf(http.StatusBadRequest, codeBadBody, "url: %v", err)
		}
	}
	return nil
}

// checkSourceURL accepts a web URL for feeds and an absolute path or
// file:// URL for folders.
func checkSourceURL(kind, s string) error {
	if kind != "folder" {
		return checkWebURL(s)
	}
	if u, err := url.Parse(s); err == nil && u.Scheme == "file" && u.Path != "" {
		return nil
	}
	if !filepath.IsAbs(s) {
		return fmt.Errorf("%q: a folder source needs an absolute path or a file:// URL", s)
	}
	return nil
}

func (s *server) listSources(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	list, err := s.store.Sources(r.Context())
	if err != nil {
		return storeError(err, "sources")
	}
	views := make([]sourceView, len(list))
	for i, src := range list {
		views[i] = sourceViewOf(src)
	}
	writeJSON(w, http.StatusOK, struct {
		Sources []sourceView `json:"sources"`
	}{views})
	return nil
}

// readPatch reads the JSON body of a source request.
func readPatch(w http.ResponseWriter, r *http.Request) (sourcePatch, error) {
	if _, err := readParams(r); err != nil {
		return sourcePatch{}, err
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return sourcePatch{}, errorf(http.StatusUnsupportedMediaType, codeBadMediaType, "Content-Type %q: send application/json", ct)
	}
	raw, err := readBody(w, r, maxSourceBytes)
	if err != nil {
		return sourcePatch{}, err
	}
	var p sourcePatch
	return p, decodeJSON(raw, &p)
}

func (s *server) addSource(w http.ResponseWriter, r *http.Request) error {
	p, err := readPatch(w, r)
	if err != nil {
		return err
	}
	if p.URL == nil {
		return errorf(http.StatusBadRequest, codeBadBody, "url is required")
	}
	src := store.Source{Kind: "feed"}
	if err := p.apply(&src); err != nil {
		return err
	}
	id, err := s.store.AddSource(r.Context(), src)
	if errors.Is(err, store.ErrExists) {
		return errorf(http.StatusConflict, codeConflict, "a source with url %q exists; see GET /v1/sources", src.URL)
	}
	if err != nil {
		return storeError(err, "add source")
	}
	src, err = s.store.Source(r.Context(), id)
	if err != nil {
		return storeError(err, "add source")
	}
	w.Header().Set("Location", "/v1/sources/"+strconv.FormatInt(id, 10))
	writeJSON(w, http.StatusCreated, sourceViewOf(src))
	return nil
}

// sourceID reads the {id} of a source path.
func sourceID(r *http.Request) (int64, error) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return 0, errorf(http.StatusBadRequest, codeBadParameter, "source id: %v", err)
	}
	return id, nil
}

func (s *server) getSource(w http.ResponseWriter, r *http.Request) error {
	id, err := sourceID(r)
	if err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		return storeError(err, "source "+strconv.FormatInt(id, 10))
	}
	writeJSON(w, http.StatusOK, sourceViewOf(src))
	return nil
}

// updateSource changes the fields given, for example {"paused": true} to
// pause polling and {"paused": false} to resume it.
func (s *server) updateSource(w http.ResponseWriter, r *http.Request) error {
	id, err := sourceID(r)
	if err != nil {
		return err
	}
	p, err := readPatch(w, r)
	if err != nil {
		return err
	}
	if p == (sourcePatch{}) {
		return errorf(http.StatusBadRequest, codeBadBody, "nothing to change: give url, kind, title or paused")
	}
	what := "source " + strconv.FormatInt(id, 10)
	src, err := s.store.Source(r.Context(), id)
	if err != nil {
		return storeError(err, what)
	}
	if err := p.apply(&src); err != nil {
		return err
	}
	err = s.store.UpdateSource(r.Context(), src)
	if errors.Is(err, store.ErrExists) {
		return errorf(http.StatusConflict, codeConflict, "another source has url %q", src.URL)
	}
	if err != nil {
		return storeError(err, what)
	}
	writeJSON(w, http.StatusOK, sourceViewOf(src))
	return nil
}

func (s *server) deleteSource(w http.ResponseWriter, r *http.Request) error {
	id, err := sourceID(r)
	if err != nil {
		return err
	}
	if _, err := readParams(r); err != nil {
		return err
	}
	if err := s.store.DeleteSource(r.Context(), id); err != nil {
		return storeError(err, "source "+strconv.FormatInt(id, 10))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
