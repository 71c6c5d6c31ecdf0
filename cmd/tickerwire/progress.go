package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/tickerwire/tickerwire/service"
)

// progress shows a backfill's progress: a bar redrawn in place on a
// terminal, otherwise a log line every few seconds.
type progress struct {
	w        io.Writer
	log      *slog.Logger
	terminal bool
	last     time.Time
	shown    bool
}

func newProgress(w io.Writer, log *slog.Logger) *progress {
	f, ok := w.(*os.File)
	term := false
	if ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			term = true
		}
	}
	return &progress{w: w, log: log, terminal: term}
}

func (p *progress) update(s service.Progress) {
	now := time.Now()
	if p.terminal {
		if now.Sub(p.last) < 100*time.Millisecond && s.Done < s.Total {
			return
		}
		p.last, p.shown = now, true
		const width = 30
		fill := width
		if s.Total > 0 {
			fill = width * s.Done / s.Total
		}
		fmt.Fprintf(p.w, "\r[%s%s] %d/%d  stored %d  duplicates %d  failed %d ",
			strings.Repeat("#", fill), strings.Repeat(".", width-fill), s.Done, s.Total, s.Stored, s.Duplicate, s.Failed)
		return
	}
	if now.Sub(p.last) >= 5*time.Second || s.Done == s.Total {
		p.last = now
		p.log.Info("ingest progress", "done", s.Done, "total", s.Total, "stored", s.Stored, "duplicates", s.Duplicate, "failed", s.Failed)
	}
}

func (p *progress) finish() {
	if p.shown {
		fmt.Fprintln(p.w)
	}
}
