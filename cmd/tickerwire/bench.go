package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/extract"
	"github.com/tickerwire/tickerwire/ingest"
	"github.com/tickerwire/tickerwire/pipeline"
)

// benchCorpus is what `bench` measures on, read from the shared data.
type benchCorpus struct {
	pages     [][]byte // raw HTML pages
	texts     []string // ground-truth article texts of those pages
	headlines [][]byte // JSON lines {"id","text","targets"} for score
}

func runBench(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "service" {
		return runBenchService(ctx, e, args[1:])
	}
	if len(args) > 0 && args[0] == "alerts" {
		return runBenchAlerts(ctx, e, args[1:])
	}
	fs := newFlags(e, "bench")
	data := fs.String("data", defaultData, "folder of the shared data sets")
	cpus := fs.Int("cpus", 1, "cores to use (GOMAXPROCS); figures are per run, so 1 gives per-core figures")
	minTime := fs.Duration("time", 2*time.Second, "minimum time per measurement")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := needDir(*data); err != nil {
		return err
	}
	corpus, err := loadBenchCorpus(*data)
	if err != nil {
		return err
	}
	prev := runtime.GOMAXPROCS(*cpus)
	defer runtime.GOMAXPROCS(prev)
	engine := pipeline.Default()
	fmt.Fprintf(e.stdout, "tickerwire bench: %d pages, %d article texts, %d headlines; GOMAXPROCS=%d\n",
		len(corpus.pages), len(corpus.texts), len(corpus.headlines), *cpus)

	pages, err := measure(ctx, *minTime, len(corpus.pages), func(i int) (int, error) {
		a, err := extract.HTML(ctx, corpus.pages[i], extract.Options{})
		if err != nil {
			return 0, nil // pages without an article still cost their time
		}
		an, err := engine.Analyze(ctx, a)
		return len(an.Sentences), err
	})
	if err != nil {
		return fmt.Errorf("pages: %w", err)
	}
	loader := &ingest.Loader{}
	texts, err := measure(ctx, *minTime, len(corpus.texts), func(i int) (int, error) {
		a, err := loader.FromText(ctx, corpus.texts[i])
		if err != nil {
			return 0, err
		}
		an, err := engine.Analyze(ctx, a)
		return len(an.Sentences), err
	})
	if err != nil {
		return fmt.Errorf("texts: %w", err)
	}
	headlines, err := measure(ctx, *minTime, 1, func(int) (int, error) {
		stats, err := scoreStream(ctx, engine, bytes.NewReader(bytes.Join(corpus.headlines, nil)), io.Discard, 1)
		return stats.lines, err
	})
	if err != nil {
		return fmt.Errorf("headlines: %w", err)
	}
	perCore := float64(*cpus)
	fmt.Fprintf(e.stdout, "%-44s %10.0f /s  (%.0f per core)\n", "pages, HTML to analysis (pages/s)", pages.itemsPerSec(), pages.itemsPerSec()/perCore)
	fmt.Fprintf(e.stdout, "%-44s %10.0f /s  (%.0f per core)\n", "articles, plain text to analysis (articles/s)", texts.itemsPerSec(), texts.itemsPerSec()/perCore)
	fmt.Fprintf(e.stdout, "%-44s %10.0f /s  (%.0f per core)\n", "sentences analysed in articles (sentences/s)", texts.unitsPerSec(), texts.unitsPerSec()/perCore)
	fmt.Fprintf(e.stdout, "%-44s %10.0f /s  (%.0f per core)\n", "score, JSON headline lines (headlines/s)", headlines.unitsPerSec(), headlines.unitsPerSec()/perCore)
	fmt.Fprintf(e.stdout, "%-44s %10.1f MB\n", "peak memory (VmHWM)", peakMemoryMB())
	return nil
}

// measurement counts what a measured loop got through.
type measurement struct {
	items, units int
	elapsed      time.Duration
}

func (m measurement) itemsPerSec() float64 { return float64(m.items) / m.elapsed.Seconds() }
func (m measurement) unitsPerSec() float64 { return float64(m.units) / m.elapsed.Seconds() }

// measure calls f over 0..n-1 repeatedly until minTime has passed; f returns
// how many units (sentences, lines) it processed.
func measure(ctx context.Context, minTime time.Duration, n int, f func(i int) (int, error)) (measurement, error) {
	var m measurement
	start := time.Now()
	for m.elapsed < minTime {
		for i := 0; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return m, err
			}
			u, err := f(i)
			if err != nil {
				return m, err
			}
			m.items++
			m.units += u
		}
		m.elapsed = time.Since(start)
	}
	return m, nil
}

func loadBenchCorpus(data string) (benchCorpus, error) {
	var c benchCorpus
	dir := filepath.Join(data, "extraction")
	files, err := filepath.Glob(filepath.Join(dir, "html", "*.html.gz"))
	if err != nil || len(files) == 0 {
		return c, fmt.Errorf("no pages in %s/html: is the shared data complete?", dir)
	}
	sort.Strings(files)
	for _, f := range files {
		page, err := readGzip(f)
		if err != nil {
			return c, err
		}
		c.pages = append(c.pages, page)
	}
	if c.texts, err = readGroundTruth(filepath.Join(dir, "ground-truth.json")); err != nil {
		return c, err
	}
	c.headlines, err = readHeadlines(filepath.Join(data, "sentfin", "sentfin_train.csv"))
	return c, err
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return io.ReadAll(zr)
}

func readGroundTruth(path string) ([]string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		Body string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if strings.TrimSpace(gt[id].Body) != "" {
			out = append(out, gt[id].Body)
		}
	}
	return out, nil
}

// readHeadlines turns the SEntFiN titles into score input lines; the
// entities it labels become the targets, as in research use.
func readHeadlines(path string) ([][]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out [][]byte
	for i, row := range rows {
		if i == 0 || len(row) < 3 {
			continue
		}
		line, _ := json.Marshal(scoreRequest{ID: json.RawMessage(strconv.Quote(row[0])), Text: row[1], Targets: decisionEntities(row[2])})
		out = append(out, append(line, '\n'))
	}
	return out, nil
}

// decisionEntities pulls the entity names out of a SEntFiN Decisions cell
// ("{'Gold': 'positive', 'Osian's Art': 'neutral'}"); labels are ignored.
func decisionEntities(cell string) []string {
	var out []string
	for _, part := range strings.Split(strings.Trim(cell, "{}"), "', '") {
		if k := strings.LastIndex(part, "': '"); k > 0 {
			out = append(out, strings.Trim(part[:k], "'\" "))
		}
	}
	return out
}

// peakMemoryMB reads the process's peak resident set size.
func peakMemoryMB() float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
