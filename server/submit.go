package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
)

// Body limits of POST requests.
const (
	maxArticleBytes = 10 << 20
	maxSourceBytes  = 64 << 10
)

// submission is the JSON body of POST /v1/articles.
type submission struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Author    string `json:"author"`
	Published string `json:"published"`
	Site      string `json:"site"`
}

// submitted is the answer of POST /v1/articles.
type submitted struct {
	ID        int64  `json:"id"`
	Duplicate bool   `json:"duplicate"`
	Location  string `json:"location"`
}

// submitArticle answers 201 with the new article's id, or 200 with the id
// of the article already stored.
func (s *server) submitArticle(w http.ResponseWriter, r *http.Request) error {
	if s.submitter == nil {
		return errorf(http.StatusServiceUnavailable, codeUnavailable, "this server does not take articles (no analysis pipeline configured)")
	}
	a, raw, err := readSubmission(w, r)
	if err != nil {
		return err
	}
	id, dup, err := s.submitter.Submit(r.Context(), a, raw)
	switch {
	case errors.Is(err, ErrUnprocessable), errors.Is(err, store.ErrEmpty):
		return errorf(http.StatusUnprocessableEntity, codeUnprocessable, "%v", err)
	case err != nil:
		return storeError(err, "submit article")
	}
	loc := "/v1/articles/" + strconv.FormatInt(id, 10)
	w.Header().Set("Location", loc)
	status := http.StatusCreated
	if dup {
		status = http.StatusOK
	}
	writeJSON(w, status, submitted{ID: id, Duplicate: dup, Location: loc})
	return nil
}

// readSubmission reads the article of a POST /v1/articles: a JSON
// submission, or an HTML page with its address in ?url=.
func readSubmission(w http.ResponseWriter, r *http.Request) (article.Article, []byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		mt = ""
	}
	var known []string
	if mt == "text/html" || mt == "application/xhtml+xml" {
		known = []string{"url"}
	}
	p, err := readParams(r, known...)
	if err != nil {
		return article.Article{}, nil, err
	}
	raw, err := readBody(w, r, maxArticleBytes)
	if err != nil {
		return article.Article{}, nil, err
	}
	switch mt {
	case "application/json":
		a, err := decodeSubmission(raw)
		return a, raw, err
	case "text/html", "application/xhtml+xml":
		a, err := htmlSubmission(p, raw)
		return a, raw, err
	}
	return article.Article{}, nil, errorf(http.StatusUnsupportedMediaType, codeBadMediaType,
		"Content-Type %q: send application/json ({\"url\",\"title\",\"body\",\"author\",\"published\",\"site\"}) or text/html with ?url=", r.Header.Get("Content-Type"))
}

// readBody reads a request body of at most limit bytes.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return nil, errorf(http.StatusRequestEntityTooLarge, codeTooLarge, "the body is larger than %d bytes", limit)
	case err != nil:
		return nil, errorf(http.StatusBadRequest, codeBadBody, "reading the body: %v", err)
	}
	return body, nil
}

// decodeJSON decodes one JSON object into v, refusing unknown fields and
// trailing data.
func decodeJSON(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errorf(http.StatusBadRequest, codeBadBody, "the body is not the JSON object expected: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errorf(http.StatusBadRequest, codeBadBody, "the body has data after the JSON object")
	}
	return nil
}

// decodeSubmission reads and checks a JSON submission.
func decodeSubmission(raw []byte) (article.Article, error) {
	var sub submission
	if err := decodeJSON(raw, &sub); err != nil {
		return article.Article{}, err
	}
	a := article.Article{
		URL: strings.TrimSpace(sub.URL), Title: strings.TrimSpace(sub.Title), Body: strings.TrimSpace(sub.Body),
		Author: strings.TrimSpace(sub.Author), Site: strings.TrimSpace(sub.Site),
	}
	if a.Title == "" && a.Body == "" {
		return article.Article{}, errorf(http.StatusBadRequest, codeBadBody, "give the article's title, body or both")
	}
	if len(a.Title) > 2000 || len(a.Author) > 500 || len(a.Site) > 500 {
		return article.Article{}, errorf(http.StatusBadRequest, codeBadBody, "title (2000 bytes), author or site (500 bytes) too long")
	}
	if a.URL != "" {
		if err := checkWebURL(a.URL); err != nil {
			return article.Article{}, errorf(http.StatusBadRequest, codeBadBody, "url: %v", err)
		}
	}
	if sub.Published != "" {
		t, err := parseTime(sub.Published)
		if err != nil {
			return article.Article{}, errorf(http.StatusBadRequest, codeBadBody, "published: %v", err)
		}
		a.Published = t
	}
	return a, nil
}

// htmlSubmission checks an HTML page submission: the page in raw, its
// address in the url parameter.
func htmlSubmission(p params, raw []byte) (article.Article, error) {
	u := strings.TrimSpace(p.get("url"))
	if u == "" {
		return article.Article{}, badParam("url", "required with an HTML body: the address of the page")
	}
	if err := checkWebURL(u); err != nil {
		return article.Article{}, badParam("url", "%v", err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return article.Article{}, errorf(http.StatusBadRequest, codeBadBody, "the HTML body is empty")
	}
	return article.Article{URL: u, Fetched: time.Now().UTC()}, nil
}

// checkWebURL accepts an absolute http or https URL with a host.
func checkWebURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an absolute http or https URL", s)
	}
	if len(s) > 4096 {
		return fmt.Errorf("longer than 4096 bytes")
	}
	return nil
}
