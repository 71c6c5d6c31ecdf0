package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/tickerwire/tickerwire/store"
)

// searchParams are the parameters of GET /v1/articles.
var searchParams = []string{"q", "tickers", "topics", "source", "site", "from", "to",
	"min_sentiment", "max_sentiment", "min_relevance", "min_novelty", "sort", "limit", "cursor"}

// searchResult is the answer of GET /v1/articles.
type searchResult struct {
	Count      int           `json:"count"`
	Articles   []articleView `json:"articles"`
	NextCursor string        `json:"next_cursor,omitempty"`
}

func (s *server) searchArticles(w http.ResponseWriter, r *http.Request) error {
	p, err := readParams(r, searchParams...)
	if err != nil {
		return err
	}
	q, err := s.searchQuery(p)
	if err != nil {
		return err
	}
	page, err := s.store.Search(r.Context(), q)
	if err != nil {
		return storeError(err, "search")
	}
	res := searchResult{Count: len(page.Articles), Articles: make([]articleView, len(page.Articles)), NextCursor: page.Next}
	for i, st := range page.Articles {
		res.Articles[i] = viewOf(st, false)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

// searchQuery turns the parameters of GET /v1/articles into a store query.
func (s *server) searchQuery(p params) (store.Query, error) {
	var q store.Query
	steps := []func(params, *store.Query) error{s.queryFilters, queryTimes, queryScores, queryPaging}
	for _, step := range steps {
		if err := step(p, &q); err != nil {
			return store.Query{}, err
		}
	}
	return q, nil
}

// maxTextLen bounds the q and site parameters.
const maxTextLen = 500

func (s *server) queryFilters(p params, q *store.Query) error {
	q.Text = strings.TrimSpace(p.get("q"))
	if len(q.Text) > maxTextLen {
		return badParam("q", "longer than %d bytes", maxTextLen)
	}
	if q.Text != "" && !strings.ContainsFunc(q.Text, isWordRune) {
		return badParam("q", "%q has no letters or digits to search for", q.Text)
	}
	var err error
	if p.has("tickers") {
		if q.Tickers, err = parseList(p.get("tickers"), parseTicker); err != nil {
			return badParam("tickers", "%v", err)
		}
	}
	if p.has("topics") {
		if q.Topics, err = parseList(p.get("topics"), s.tax.topicID); err != nil {
			return badParam("topics", "%v", err)
		}
	}
	if p.has("source") {
		if q.Source, err = parseID(p.get("source")); err != nil {
			return badParam("source", "%v", err)
		}
	}
	if p.has("site") {
		q.Site = strings.TrimSpace(p.get("site"))
		if q.Site == "" || len(q.Site) > maxTextLen {
			return badParam("site", "want a site name of 1 to %d bytes", maxTextLen)
		}
	}
	return nil
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func queryTimes(p params, q *store.Query) error {
	var err error
	if p.has("from") {
		if q.From, err = parseTime(p.get("from")); err != nil {
			return badParam("from", "%v", err)
		}
	}
	if p.has("to") {
		if q.To, err = parseTime(p.get("to")); err != nil {
			return badParam("to", "%v", err)
		}
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return badParam("from", "must be before to (the range is [from, to))")
	}
	return nil
}

func queryScores(p params, q *store.Query) error {
	lo, hasLo, err := p.float("min_sentiment", -1, 1)
	if err != nil {
		return err
	}
	hi, hasHi, err := p.float("max_sentiment", -1, 1)
	if err != nil {
		return err
	}
	if hasLo || hasHi {
		if !hasHi {
			hi = 1
		}
		if !hasLo {
			lo = -1
		}
		if lo > hi {
			return badParam("min_sentiment", "%v is above max_sentiment %v", lo, hi)
		}
		q.Sentiment = &store.Range{Min: lo, Max: hi}
	}
	if q.MinRelevance, _, err = p.float("min_relevance", 0, 1); err != nil {
		return err
	}
	q.MinNovelty, _, err = p.float("min_novelty", 0, 1)
	return err
}

func queryPaging(p params, q *store.Query) error {
	switch sort := p.get("sort"); sort {
	case "", "newest":
		q.Sort = store.Newest
	case "oldest":
		q.Sort = store.Oldest
	default:
		return badParam("sort", "%q is not newest or oldest", sort)
	}
	var err error
	if q.Limit, err = p.int("limit", 1, store.MaxLimit, store.DefaultLimit); err != nil {
		return err
	}
	if p.has("cursor") {
		q.Cursor = p.get("cursor")
		if q.Cursor == "" || len(q.Cursor) > 100 {
			return badParam("cursor", "give the next_cursor of the previous page")
		}
	}
	return nil
}

// storeError turns a store error into the answer to the client.
func storeError(err error, what string) error {
	switch {
	case errors.Is(err, store.ErrBadQuery):
		msg := strings.TrimPrefix(err.Error(), store.ErrBadQuery.Error()+": ")
		return errorf(http.StatusBadRequest, codeBadParameter, "%s: %s", what, msg)
	case errors.Is(err, store.ErrNotFound):
		return errorf(http.StatusNotFound, codeNotFound, "%s: not found", what)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return errorf(http.StatusServiceUnavailable, codeUnavailable, "%s: %v", what, err)
	}
	return err
}

func (s *server) getArticle(w http.ResponseWriter, r *http.Request) error {
	if _, err := readParams(r); err != nil {
		return err
	}
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		return errorf(http.StatusBadRequest, codeBadParameter, "article id: %v", err)
	}
	st, err := s.store.Get(r.Context(), id)
	if err != nil {
		return storeError(err, "article "+strconv.FormatInt(id, 10))
	}
	writeJSON(w, http.StatusOK, viewOf(st, true))
	return nil
}
