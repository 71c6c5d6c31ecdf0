package server

import (
	"cmp"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/store"
	"github.com/tickerwire/tickerwire/topic"
)

// Limits of NEWS_SENTIMENT.
const (
	avDefaultLimit = 50
	avMaxLimit     = 1000
	// avMaxScan bounds the articles read to answer one call whose filters
	// the store cannot apply by itself (several tickers or topics, which
	// must all be present): the newest avMaxScan candidates are checked.
	avMaxScan = 20_000
)

// avQuery is a parsed NEWS_SENTIMENT call.
type avQuery struct {
	tickers []string // all must be mentioned
	topics  []string // Alpha Vantage topic names; all must be covered
	store   store.Query
	sort    string // LATEST, EARLIEST or RELEVANCE
	limit   int
	// none is set when a topic asked for maps to no topic of the taxonomy,
	// so that nothing can match.
	none bool
}

// alphaVantage answers GET /query as Alpha Vantage does: HTTP 200 with
// the data, or with {"Error Message": ...} for an invalid call and
// {"Information": ...} for a key or rate-limit problem. Only
// function=NEWS_SENTIMENT is served.
func (s *server) alphaVantage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	switch fn := q.Get("function"); {
	case fn == "":
		return badParam("function", "missing; this server supports function=NEWS_SENTIMENT")
	case fn != "NEWS_SENTIMENT":
		return badParam("function", "%q is not supported; this server supports function=NEWS_SENTIMENT", fn)
	}
	aq, err := s.avParse(q.Get)
	if err != nil {
		return err
	}
	list, err := s.avSearch(r.Context(), aq)
	if err != nil {
		return storeError(err, "search")
	}
	writeJSON(w, http.StatusOK, avResponseOf(list))
	return nil
}

// avParse reads the parameters of NEWS_SENTIMENT. Parameters it does not
// know are ignored, as Alpha Vantage ignores them.
func (s *server) avParse(get func(string) string) (avQuery, error) {
	aq := avQuery{sort: "LATEST", limit: avDefaultLimit}
	var err error
	if v := get("tickers"); v != "" {
		if aq.tickers, err = parseList(v, parseTicker); err != nil {
			return avQuery{}, badParam("tickers", "%v", err)
		}
		aq.store.Tickers = aq.tickers[:1]
	}
	if v := get("topics"); v != "" {
		if aq.topics, err = parseList(v, parseAVTopic); err != nil {
			return avQuery{}, badParam("topics", "%v", err)
		}
		for _, name := range aq.topics {
			aq.none = aq.none || len(s.tax.avIDs[name]) == 0
		}
		aq.store.Topics = s.tax.avIDs[aq.topics[0]]
	}
	if aq.store.From, err = avTime(get, "time_from"); err != nil {
		return avQuery{}, err
	}
	if aq.store.To, err = avTime(get, "time_to"); err != nil {
		return avQuery{}, err
	}
	if !aq.store.To.IsZero() && !aq.store.From.Before(aq.store.To) {
		return avQuery{}, badParam("time_from", "must be before time_to")
	}
	if err := aq.parseSortLimit(get); err != nil {
		return avQuery{}, err
	}
	return aq, nil
}

// avTime reads time_from or time_to: YYYYMMDDTHHMM (or with seconds), UTC.
func avTime(get func(string) string, name string) (t time.Time, err error) {
	v := get(name)
	if v == "" {
		return t, nil
	}
	if strings.ContainsAny(v, "-:") || len(v) < len("20060102T1504") {
		return t, badParam(name, "%q is not in the form YYYYMMDDTHHMM (for example 20260302T1430)", v)
	}
	if t, err = parseTime(v); err != nil {
		return t, badParam(name, "%v", err)
	}
	return t, nil
}

func (aq *avQuery) parseSortLimit(get func(string) string) error {
	switch v := strings.ToUpper(get("sort")); v {
	case "", "LATEST":
	case "EARLIEST":
		aq.sort, aq.store.Sort = v, store.Oldest
	case "RELEVANCE":
		aq.sort = v
	default:
		return badParam("sort", "%q is not LATEST, EARLIEST or RELEVANCE", get("sort"))
	}
	if v := get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return badParam("limit", "%q is not a positive integer", v)
		}
		aq.limit = min(n, avMaxLimit) // Alpha Vantage caps larger limits
	}
	return nil
}

// avSearch returns the articles of aq: the newest (or oldest) matches, or
// for RELEVANCE the most relevant among the newest avMaxLimit matches.
func (s *server) avSearch(ctx context.Context, aq avQuery) ([]store.Stored, error) {
	if aq.none {
		return nil, nil
	}
	want := aq.limit
	if aq.sort == "RELEVANCE" {
		want = avMaxLimit
	}
	var keep func(store.Stored) bool
	if len(aq.tickers) > 1 || len(aq.topics) > 1 {
		keep = aq.keep // the store applied only the first ticker and topic
	}
	list, err := s.collect(ctx, aq.store, keep, want)
	if err != nil || aq.sort != "RELEVANCE" {
		return list, err
	}
	slices.SortStableFunc(list, func(a, b store.Stored) int {
		return cmp.Compare(aq.relevance(b), aq.relevance(a))
	})
	return list[:min(len(list), aq.limit)], nil
}

// collect pages through the matches of q until it has want articles that
// keep accepts (nil: all), the matches end or avMaxScan articles were read.
func (s *server) collect(ctx context.Context, q store.Query, keep func(store.Stored) bool, want int) ([]store.Stored, error) {
	q.Limit = want
	if keep != nil {
		q.Limit = store.MaxLimit
	}
	var out []store.Stored
	for scanned := 0; scanned < avMaxScan; {
		page, err := s.store.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, st := range page.Articles {
			if st.Analysis != nil && (keep == nil || keep(st)) {
				out = append(out, st)
				if len(out) == want {
					return out, nil
				}
			}
		}
		scanned += len(page.Articles)
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	return out, nil
}

// keep reports whether st mentions every ticker and covers every topic of
// aq.
func (aq avQuery) keep(st store.Stored) bool {
	for _, t := range aq.tickers {
		if !slices.ContainsFunc(st.Analysis.Tickers, func(x article.TickerSentiment) bool { return x.Ticker == t }) {
			return false
		}
	}
	if len(aq.topics) == 0 {
		return true
	}
	covered := topic.Default().AlphaVantage(st.Analysis.Topics)
	for _, name := range aq.topics {
		if !slices.ContainsFunc(covered, func(x topic.AVTopic) bool { return x.Topic == name }) {
			return false
		}
	}
	return true
}

// relevance ranks st for sort=RELEVANCE: the mean relevance of the tickers
// asked for, else of the topics asked for, else the highest ticker
// relevance.
func (aq avQuery) relevance(st store.Stored) float64 {
	an := st.Analysis
	switch {
	case len(aq.tickers) > 0:
		sum := 0.0
		for _, t := range an.Tickers {
			if slices.Contains(aq.tickers, t.Ticker) {
				sum += t.Relevance
			}
		}
		return sum / float64(len(aq.tickers))
	case len(aq.topics) > 0:
		sum := 0.0
		for _, t := range topic.Default().AlphaVantage(an.Topics) {
			if slices.Contains(aq.topics, t.Topic) {
				sum += t.Relevance
			}
		}
		return sum / float64(len(aq.topics))
	}
	best := 0.0
	for _, t := range an.Tickers {
		best = max(best, t.Relevance)
	}
	return best
}

// writeAVError answers err in Alpha Vantage's style, always with HTTP 200:
// {"Information": ...} for key and rate-limit problems, {"Error Message":
// ...} for everything else.
func (s *server) writeAVError(w http.ResponseWriter, r *http.Request, err error) {
	ae := s.clientError(w, r, err)
	key, msg := "Error Message", "Invalid API call. "+ae.message+". See /v1/openapi.json for NEWS_SENTIMENT."
	switch ae.status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusTooManyRequests:
		key, msg = "Information", ae.message
	case http.StatusInternalServerError, http.StatusServiceUnavailable:
		msg = "The request failed: " + ae.message + "."
	}
	writeJSON(w, http.StatusOK, map[string]string{key: msg})
}
