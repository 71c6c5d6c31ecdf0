package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/tickerwire/tickerwire/pipeline"
)

// scoreRequest is one input line of `tickerwire score`.
type scoreRequest struct {
	ID      json.RawMessage `json:"id"`
	Text    string          `json:"text"`
	Targets []string        `json:"targets"`
}

// scoreLine is one output line: the result, or an error for that line.
type scoreLine struct {
	ID json.RawMessage `json:"id,omitempty"`
	*pipeline.ScoreResult
	Error string `json:"error,omitempty"`
}

const maxScoreLine = 4 << 20

func runScore(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "score")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "parallel scorers")
	aliases := fs.String("aliases", "", "file of extra aliases and tickers")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	in := e.stdin
	if len(pos) > 1 {
		return usagef("give at most one input FILE (default: standard input)")
	}
	if len(pos) == 1 && pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return fmt.Errorf("open input: %w", err)
		}
		defer f.Close()
		in = f
	}
	engine, err := newEngine(*aliases)
	if err != nil {
		return err
	}
	out := bufio.NewWriterSize(e.stdout, 1<<16)
	stats, err := scoreStream(ctx, engine, in, out, max(*workers, 1))
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	e.log.Info("score finished", "lines", stats.lines, "failed", stats.failed)
	if err != nil {
		return err
	}
	if stats.failed > 0 {
		return fmt.Errorf("%d of %d lines failed; each has an \"error\" field in the output", stats.failed, stats.lines)
	}
	return nil
}

type scoreStats struct{ lines, failed int }

// scoreJob is a batch of consecutive input lines: batching keeps the
// hand-offs between the reader, the scorers and the writer off the
// per-line cost.
type scoreJob struct {
	seq    int      // batch number
	first  int      // number of the batch's first line, from 1
	lines  [][]byte // the input lines
	out    []byte   // their output lines
	failed int
}

// Batch limits: lines and input bytes per job.
const (
	batchLines = 256
	batchBytes = 256 << 10
)

// scoreStream reads JSON lines from r, scores them on workers goroutines and
// writes one JSON line per input line to w, in input order.
func scoreStream(ctx context.Context, engine *pipeline.Engine, r io.Reader, w io.Writer, workers int) (scoreStats, error) {
	jobs := make(chan *scoreJob, workers*4)
	done := make(chan *scoreJob, workers*4)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				for k, line := range j.lines {
					out, failed := scoreOne(ctx, engine, line, j.first+k)
					j.out = append(j.out, out...)
					if failed {
						j.failed++
					}
				}
				done <- j
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		readErr <- readLines(ctx, r, jobs)
		close(jobs)
		wg.Wait()
		close(done)
	}()
	stats, werr := writeOrdered(w, done)
	if err := <-readErr; err != nil {
		return stats, err
	}
	return stats, werr
}

// readLines reads r into batches of lines.
func readLines(ctx context.Context, r io.Reader, jobs chan<- *scoreJob) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxScoreLine)
	n, seq, size := 0, 0, 0
	job := &scoreJob{first: 1}
	send := func() {
		jobs <- job
		seq++
		job, size = &scoreJob{seq: seq, first: n + 1}, 0
	}
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := append([]byte(nil), sc.Bytes()...)
		job.lines = append(job.lines, line)
		n++
		size += len(line)
		if len(job.lines) == batchLines || size >= batchBytes {
			send()
		}
	}
	if len(job.lines) > 0 {
		send()
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input line %d: %w", n+1, err)
	}
	return nil
}

// writeOrdered writes finished batches in sequence order.
func writeOrdered(w io.Writer, done <-chan *scoreJob) (scoreStats, error) {
	var stats scoreStats
	pending := make(map[int]*scoreJob)
	next := 0
	var werr error
	for j := range done {
		pending[j.seq] = j
		for p, ok := pending[next]; ok; p, ok = pending[next] {
			delete(pending, next)
			next++
			stats.lines += len(p.lines)
			stats.failed += p.failed
			if werr == nil {
				_, werr = w.Write(p.out)
			}
		}
	}
	return stats, werr
}

// scoreOne scores one input line and returns the output line and whether
// the line failed.
func scoreOne(ctx context.Context, engine *pipeline.Engine, line []byte, n int) ([]byte, bool) {
	var req scoreRequest
	var res scoreLine
	switch err := json.Unmarshal(line, &req); {
	case err != nil:
		res.Error = fmt.Sprintf("line %d: not a JSON object with \"text\": %v", n, err)
	case req.Text == "":
		res.ID, res.Error = req.ID, fmt.Sprintf("line %d: \"text\" is missing or empty", n)
	default:
		r := engine.Score(ctx, req.Text, req.Targets)
		res.ID, res.ScoreResult = req.ID, &r
	}
	b, err := json.Marshal(res)
	if err != nil {
		return []byte(fmt.Sprintf("{\"error\":\"line %d: cannot encode result\"}\n", n)), true
	}
	return append(b, '\n'), res.Error != ""
}
