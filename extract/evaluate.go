package extract

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"time"
	"unicode"
)

// Report is the outcome of Evaluate.
type Report struct {
	Dir   string // the evaluated folder
	Pages int    // pages scored
	// Precision and Recall are per-page shares of 4-word shingles averaged
	// over pages, in [0, 1]; F1 is their harmonic mean.
	Precision, Recall, F1 float64
	// Errors counts pages for which HTML returned an error; they score 0.
	Errors int
	// PagesPerSecond is the throughput of HTML alone on the calling
	// goroutine; Bytes is the size of the pages. Run with GOMAXPROCS=1 for
	// a single-core figure (the garbage collector otherwise runs beside).
	PagesPerSecond float64
	Bytes          int64
	GOMAXPROCS     int
	// Worst are the lowest-scoring pages, worst first (at most worstPages).
	Worst []PageScore
}

// PageScore is the score of one page.
type PageScore struct {
	ID, URL               string
	Precision, Recall, F1 float64
}

// worstPages is how many pages a Report lists.
const worstPages = 10

// minTiming is how long pages are extracted again to measure throughput.
const minTiming = time.Second

// truth is one entry of ground-truth.json.
type truth struct {
	Body string `json:"articleBody"`
	URL  string `json:"url"`
}

// Evaluate extracts every page of dir (the layout of the article
// extraction benchmark: html/ID.html.gz and ground-truth.json mapping ID to
// {"articleBody", "url"}) and scores the bodies against the truth by
// 4-word shingles of \w+ tokens. It fails with an error naming the path
// when the folder or a file is missing, and with ctx's error when
// cancelled. It takes a few seconds.
func Evaluate(ctx context.Context, dir string) (Report, error) {
	gold, err := readTruth(dir)
	if err != nil {
		return Report{}, err
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	pages := make([][]byte, len(ids))
	rep := Report{Dir: dir, GOMAXPROCS: runtime.GOMAXPROCS(0)}
	for i, id := range ids {
		if pages[i], err = readPage(filepath.Join(dir, "html", id+".html.gz")); err != nil {
			return Report{}, err
		}
		rep.Bytes += int64(len(pages[i]))
	}
	var scores []PageScore
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		a, err := HTML(ctx, pages[i], Options{URL: gold[id].URL})
		if err != nil {
			rep.Errors++
		}
		p, r := ShingleScore(gold[id].Body, a.Body)
		scores = append(scores, PageScore{ID: id, URL: gold[id].URL, Precision: p, Recall: r, F1: f1(p, r)})
	}
	rep.summarise(scores)
	if rep.PagesPerSecond, err = throughput(ctx, pages, ids, gold); err != nil {
		return Report{}, err
	}
	return rep, nil
}

func (r *Report) summarise(scores []PageScore) {
	r.Pages = len(scores)
	for _, s := range scores {
		r.Precision += s.Precision
		r.Recall += s.Recall
	}
	if r.Pages > 0 {
		r.Precision /= float64(r.Pages)
		r.Recall /= float64(r.Pages)
	}
	r.F1 = f1(r.Precision, r.Recall)
	sort.SliceStable(scores, func(i, j int) bool { return scores[i].F1 < scores[j].F1 })
	r.Worst = scores[:min(worstPages, len(scores))]
}

// throughput extracts the pages repeatedly for at least minTiming and
// returns pages per second.
func throughput(ctx context.Context, pages [][]byte, ids []string, gold map[string]truth) (float64, error) {
	if len(pages) == 0 {
		return 0, nil
	}
	n := 0
	var spent time.Duration
	for spent < minTiming {
		start := time.Now()
		for i, page := range pages {
			HTML(ctx, page, Options{URL: gold[ids[i]].URL})
		}
		spent += time.Since(start)
		n += len(pages)
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
	return float64(n) / spent.Seconds(), nil
}

func readTruth(dir string) (map[string]truth, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("extraction data %s: %w (give the folder holding ground-truth.json and html/)", dir, err)
	}
	path := filepath.Join(dir, "ground-truth.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("extraction ground truth: %w", err)
	}
	var gold map[string]truth
	if err := json.Unmarshal(raw, &gold); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("%s: no pages", path)
	}
	return gold, nil
}

func readPage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("extraction page missing: %w", err)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	page, err := io.ReadAll(z)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return page, nil
}

// Print writes the report for people: the worst pages, the throughput, and
// last the summary line "F1 0.968 precision 0.970 recall 0.966 on 131
// pages".
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "extraction benchmark: %d pages from %s\n", r.Pages, r.Dir)
	if len(r.Worst) > 0 {
		fmt.Fprintln(w, "worst pages (F1 precision recall id url):")
	}
	for _, s := range r.Worst {
		id := s.ID
		if len(id) > 12 {
			id = id[:12]
		}
		fmt.Fprintf(w, "  %.3f %.3f %.3f %s %s\n", s.F1, s.Precision, s.Recall, id, s.URL)
	}
	if r.Errors > 0 {
		fmt.Fprintf(w, "%d pages gave no article\n", r.Errors)
	}
	mb := float64(r.Bytes) / 1e6
	fmt.Fprintf(w, "speed: %.0f pages/s (%.1f MB/s) with GOMAXPROCS=%d\n", r.PagesPerSecond, r.PagesPerSecond*mb/float64(max(r.Pages, 1)), r.GOMAXPROCS)
	fmt.Fprintf(w, "F1 %.3f precision %.3f recall %.3f on %d pages\n", r.F1, r.Precision, r.Recall, r.Pages)
}

// ShingleScore compares an extracted text with the true text by their sets
// of 4-word shingles, words being runs of letters, digits and '_' as \w+
// matches them. It returns precision (the share of extracted shingles that
// are true) and recall (the share of true shingles extracted), both in
// [0, 1]. Two empty texts score 1, 1; an empty extraction of a non-empty
// truth scores 0, 0.
func ShingleScore(truth, extracted string) (precision, recall float64) {
	t, e := shingles(truth), shingles(extracted)
	switch {
	case len(t) == 0 && len(e) == 0:
		return 1, 1
	case len(t) == 0 || len(e) == 0:
		return 0, 0
	}
	common := 0
	for s := range e {
		if t[s] {
			common++
		}
	}
	return float64(common) / float64(len(e)), float64(common) / float64(len(t))
}

// shingleSize is the number of words in a shingle.
const shingleSize = 4

// shingles returns the set of word 4-grams of s (the whole word sequence
// when it is shorter).
func shingles(s string) map[[shingleSize]string]bool {
	words := wordsOf(s)
	out := make(map[[shingleSize]string]bool, len(words))
	if len(words) > 0 && len(words) < shingleSize {
		var g [shingleSize]string
		copy(g[:], words)
		out[g] = true
	}
	for i := 0; i+shingleSize <= len(words); i++ {
		out[[shingleSize]string(words[i:i+shingleSize])] = true
	}
	return out
}

func wordsOf(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
