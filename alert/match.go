package alert

import (
	"context"
	"fmt"

	"github.com/tickerwire/tickerwire/store"
)

// Match is an article and ticker for which a condition holds.
type Match struct {
	Article ArticleRef `json:"article"`
	Ticker  string     `json:"ticker"`
	Values  Variables  `json:"values"`
}

// Test compiles the condition when and evaluates it, for every ticker, on
// the latest limit analysed articles (limit <= 0 means 200), returning the
// matches newest first. The aggregates are the current ones, not those of
// the article's time, so a test shows how a rule reads rather than what
// it would have fired. A *RuleError locates a problem of the condition.
func (e *Engine) Test(ctx context.Context, when string, limit int) ([]Match, error) {
	cond, err := compileCondition("test", when)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 200
	}
	page, err := e.o.Store.Search(ctx, store.Query{Limit: min(limit, store.MaxLimit)})
	if err != nil {
		return nil, fmt.Errorf("read recent articles: %w", err)
	}
	var out []Match
	for _, st := range page.Articles {
		if st.Analysis == nil {
			continue
		}
		topics, scores := topicsOf(st)
		for _, ts := range st.Analysis.Tickers {
			v := e.variables(st, ts, topics, scores)
			e.agg.peek(ts.Ticker, st.Time, ts.Sentiment.Value, v)
			if ok, _ := cond.eval(v); ok {
				out = append(out, Match{Article: articleRef(st), Ticker: ts.Ticker, Values: *v})
			}
		}
	}
	return out, nil
}
