package service

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/article"
	"github.com/tickerwire/tickerwire/bus/jetstream/jstest"
	"github.com/tickerwire/tickerwire/pipeline"
)

// Two services on one JetStream stream: what one analyses, the other
// streams, and a subscriber resumes by the event id it last saw.
func TestServicesShareTheJetStreamStream(t *testing.T) {
	url := jstest.URL(t)
	stream := jstest.Stream(t, url, "TW_SERVICE_TEST")
	open := func() *Service {
		cfg := Default()
		cfg.DataDir = t.TempDir()
		cfg.NATS, cfg.NATSStream = url, stream
		svc, err := Open(context.Background(), cfg, pipeline.Default(), quietLog(), "test")
		if err != nil {
			t.Fatal(err)
		}
		return svc
	}
	ingestSvc, apiSvc := open(), open()
	defer ingestSvc.Close()
	defer apiSvc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	events, err := apiSvc.Bus.Subscribe(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"nvda", "tgt"} {
		a := article.Article{Title: strings.SplitN(pages[p], ".", 2)[0], Body: pages[p], URL: "https://wire.example/" + p}
		if _, _, err := ingestSvc.Processor.Submit(ctx, a, []byte(pages[p]), 0); err != nil {
			t.Fatal(err)
		}
	}
	var seqs []uint64
	for len(seqs) < 2 {
		select {
		case e := <-events:
			if len(e.Tickers) == 0 || !strings.Contains(string(e.Data), `"analysis"`) {
				t.Errorf("event %d: tickers %v, data %.80s", e.Seq, e.Tickers, e.Data)
			}
			seqs = append(seqs, e.Seq)
		case <-ctx.Done():
			t.Fatalf("%d of 2 events through JetStream", len(seqs))
		}
	}
	again, err := apiSvc.Bus.Subscribe(ctx, seqs[0])
	if err != nil {
		t.Fatal(err)
	}
	select {
	case e := <-again:
		if e.Seq != seqs[1] {
			t.Errorf("resumed at %d, want %d", e.Seq, seqs[1])
		}
	case <-ctx.Done():
		t.Fatal("no event on resume")
	}
}
