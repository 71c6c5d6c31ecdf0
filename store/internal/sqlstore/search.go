package sqlstore

import (
	"context"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/tickerwire/tickerwire/store"
)

// Search implements store.Store. Articles are ordered by seq, which sorts
// them by Time; the cursor is the seq of the last article of a page.
func (s *DB) Search(ctx context.Context, q store.Query) (store.Page, error) {
	limit, err := checkLimit(q.Limit)
	if err != nil {
		return store.Page{}, err
	}
	var b builder
	src, err := s.source(&b, q)
	if err != nil {
		return store.Page{}, err
	}
	b.and(`a.state = 'analysed'`)
	filter(&b, q, src)
	order, err := page(&b, q, src.seq)
	if err != nil {
		return store.Page{}, err
	}
	sqlText := `SELECT ` + articleCols + `, ` + src.seq + ` FROM ` + src.from + b.whereClause() + order +
		` LIMIT ` + b.arg(limit+1)
	list, last, err := s.searchRows(ctx, sqlText, b.args, limit)
	if err != nil {
		return store.Page{}, err
	}
	p := store.Page{Articles: list}
	if last != 0 {
		p.Next = encodeCursor(last)
	}
	return p, nil
}

// plan is where a search reads its rows.
type plan struct {
	from string // the FROM clause, naming articles a
	seq  string // the column holding a.seq, which orders the rows
	// joined tells that the ticker rows t of the one ticker asked for are
	// joined to a.
	joined bool
	// topicJoined tells that the topic rows o of the one topic asked for
	// are joined to a.
	topicJoined bool
}

// source returns the plan of a search, with the text condition added to b. The index that orders the rows drives the
// search: the text index for a text query, a ticker's rows for one ticker
// (so a rare ticker is not looked for among all articles), a topic's rows
// for one topic, else articles.
func (s *DB) source(b *builder, q store.Query) (plan, error) {
	words := queryWords(q.Text)
	switch {
	case len(words) > 0:
		from, where, seq := s.d.TextSearch(b.arg(s.d.TextValue(words)))
		b.and(where)
		return plan{from: from, seq: seq}, nil
	case strings.TrimSpace(q.Text) != "":
		return plan{}, fmt.Errorf("%w: text %q has no words", store.ErrBadQuery, q.Text)
	case len(q.Tickers) == 1:
		return plan{from: "ticker_sentiment t JOIN articles a ON a.id = t.article_id", seq: "t.seq", joined: true}, nil
	case len(q.Topics) == 1 && len(q.Tickers) == 0:
		return plan{from: "article_topics o JOIN articles a ON a.id = o.article_id", seq: "o.seq", topicJoined: true}, nil
	}
	return plan{from: "articles a", seq: "a.seq"}, nil
}

// searchRows reads up to limit articles and returns the seq of the last
// one when more follow, else 0.
func (s *DB) searchRows(ctx context.Context, q string, args []any, limit int) ([]store.Stored, int64, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: search: %w", s.d.Name, err)
	}
	defer rows.Close()
	var out []store.Stored
	var seqs []int64
	for rows.Next() {
		var seq int64
		st, err := scanArticle(rows, false, &seq)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: search: %w", s.d.Name, err)
		}
		out, seqs = append(out, st), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("%s: search: %w", s.d.Name, err)
	}
	rows.Close()
	var last int64
	if len(out) > limit {
		out, last = out[:limit], seqs[limit-1]
	}
	return out, last, s.addNovelty(ctx, out)
}

func checkLimit(n int) (int, error) {
	switch {
	case n == 0:
		return store.DefaultLimit, nil
	case n < 0 || n > store.MaxLimit:
		return 0, fmt.Errorf("%w: limit %d outside [1, %d]", store.ErrBadQuery, n, store.MaxLimit)
	}
	return n, nil
}

// filter adds the conditions of q except text and cursor.
func filter(b *builder, q store.Query, p plan) {
	tickerFilter(b, q, p.joined)
	switch {
	case p.topicJoined:
		b.and(`o.topic = ` + b.arg(q.Topics[0]))
	case len(q.Topics) > 0:
		b.and(`EXISTS (SELECT 1 FROM article_topics o WHERE o.article_id = a.id AND o.topic IN (` +
			b.list(q.Topics) + `))`)
	}
	if q.Source != 0 {
		b.and(`a.source_id = ` + b.arg(q.Source))
	}
	if q.Site != "" {
		b.and(`a.site = ` + b.arg(q.Site))
	}
	if !q.From.IsZero() {
		b.and(p.seq + ` >= ` + b.arg(q.From.UnixMilli()<<16))
	}
	if !q.To.IsZero() {
		b.and(p.seq + ` < ` + b.arg(q.To.UnixMilli()<<16))
	}
	if r := q.Sentiment; r != nil {
		b.and(`a.sentiment BETWEEN ` + b.arg(r.Min) + ` AND ` + b.arg(r.Max))
	}
}

// tickerFilter adds the ticker, relevance and novelty conditions, which
// must hold for one and the same ticker row: the joined row t when joined.
func tickerFilter(b *builder, q store.Query, joined bool) {
	var conds []string
	if len(q.Tickers) > 0 {
		conds = append(conds, `t.ticker IN (`+b.list(q.Tickers)+`)`)
	}
	if q.MinRelevance > 0 {
		conds = append(conds, `t.relevance >= `+b.arg(q.MinRelevance))
	}
	if q.MinNovelty > 0 {
		conds = append(conds, `t.novelty >= `+b.arg(q.MinNovelty))
	}
	switch {
	case len(conds) == 0:
		return
	case joined:
		b.and(strings.Join(conds, " AND "))
		return
	}
	b.and(`EXISTS (SELECT 1 FROM ticker_sentiment t WHERE t.article_id = a.id AND ` +
		strings.Join(conds, " AND ") + `)`)
}

// page adds the cursor condition and returns the ORDER BY clause.
func page(b *builder, q store.Query, seq string) (string, error) {
	cmp, order := " < ", ` ORDER BY `+seq+` DESC`
	switch q.Sort {
	case store.Newest:
	case store.Oldest:
		cmp, order = " > ", ` ORDER BY `+seq
	default:
		return "", fmt.Errorf("%w: unknown sort %q", store.ErrBadQuery, string(q.Sort))
	}
	if q.Cursor == "" {
		return order, nil
	}
	after, err := decodeCursor(q.Cursor)
	if err != nil {
		return "", err
	}
	b.and(seq + cmp + b.arg(after))
	return order, nil
}

func encodeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(seq, 10)))
}

func decodeCursor(c string) (int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, fmt.Errorf("%w: malformed cursor %q", store.ErrBadQuery, c)
	}
	seq, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: malformed cursor %q", store.ErrBadQuery, c)
	}
	return seq, nil
}

// queryWords splits a text query into lower-case words of letters and
// digits; everything else separates words.
func queryWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
