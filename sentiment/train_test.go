package sentiment

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyData writes a small shared-data folder with both training files.
func tinyData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var sf, tw strings.Builder
	sf.WriteString("S No.,Title,Decisions,Words\n")
	tw.WriteString("text,label\n")
	names := []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Hooli"}
	for i := 0; i < 120; i++ {
		a, b := names[i%len(names)], names[(i+3)%len(names)]
		fmt.Fprintf(&sf, "%d,%s profit rises %d%% while %s sales fall,\"{'%s': 'positive', '%s': 'negative'}\",8\n", 3*i, a, i, b, a, b)
		fmt.Fprintf(&sf, "%d,%s to hold board meeting on day %d,\"{'%s': 'neutral'}\",7\n", 3*i+1, a, i, a)
		fmt.Fprintf(&sf, "%d,%s shares slump %d%% on weak demand,\"{'%s': 'negative'}\",6\n", 3*i+2, b, i, b)
		fmt.Fprintf(&tw, "$%s beats estimates and raises outlook %d,1\n", strings.ToUpper(a), i)
		fmt.Fprintf(&tw, "%s misses estimates number %d,0\n", b, i)
		fmt.Fprintf(&tw, "%s files quarterly report %d,2\n", a, i)
	}
	writeFile(t, dir, sentfinFile, sf.String())
	writeFile(t, dir, tweetsFile, tw.String())
	return dir
}

func TestTrainIsDeterministicAndLoadable(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two models")
	}
	data := tinyData(t)
	var files [2][]byte
	for i := range files {
		out := filepath.Join(t.TempDir(), "model.bin")
		var log bytes.Buffer
		if err := Train(context.Background(), TrainOptions{DataDir: data, Out: out, Seed: 7}, &log); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(log.String(), "sentfin dev: entity accuracy") || !strings.Contains(log.String(), "tweets dev: accuracy") {
			t.Errorf("training log lacks development metrics:\n%s", log.String())
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		files[i] = b
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Error("two trainings with the same seed wrote different model files")
	}
	if _, err := Load(bytes.NewReader(files[0])); err != nil {
		t.Errorf("trained model does not load: %v", err)
	}
}

func TestTrainWithoutDataNamesTheMissingPath(t *testing.T) {
	dir := t.TempDir()
	err := Train(context.Background(), TrainOptions{DataDir: dir, Out: filepath.Join(dir, "m.bin")}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, sentfinFile)) {
		t.Errorf("Train: %v, want an error naming %s", err, filepath.Join(dir, sentfinFile))
	}
}

func TestTrainStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := tinyData(t)
	err := Train(ctx, TrainOptions{DataDir: dir, Out: filepath.Join(t.TempDir(), "m.bin")}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("Train: %v, want a cancellation error", err)
	}
}

func TestEvaluatePrintsMetricsForAGoldFile(t *testing.T) {
	var out bytes.Buffer
	err := Evaluate(context.Background(), EvalOptions{File: filepath.Join("testdata", "longform.jsonl")}, &out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"model: accuracy", "lexicon baseline: accuracy", "gold \\ predicted", "texts/s on one core", "longform.jsonl dev: accuracy"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestEvaluateOnSharedDataLayout(t *testing.T) {
	var out bytes.Buffer
	if err := Evaluate(context.Background(), EvalOptions{DataDir: tinyData(t)}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sentfin dev: entity accuracy", "tweets dev: accuracy", "headline level"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestEvaluateWithoutDataNamesTheMissingPath(t *testing.T) {
	dir := t.TempDir()
	err := Evaluate(context.Background(), EvalOptions{DataDir: dir}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, sentfinFile)) {
		t.Errorf("Evaluate: %v, want an error naming the missing file", err)
	}
}

func TestOtherModeCopiesAgreedHeadlinesAndCashtagPosts(t *testing.T) {
	xs := []example{
		{text: "Acme and Globex rally", target: "Acme", label: ClassPositive, group: 0},
		{text: "Acme and Globex rally", target: "Globex", label: ClassPositive, group: 0},
		{text: "Acme beats while Globex slips", target: "Acme", label: ClassPositive, group: 1},
		{text: "Acme beats while Globex slips", target: "Globex", label: ClassNegative, group: 1},
		{text: "$ACME - Acme cut at Broker", label: ClassNegative, group: 2},
		{text: "Markets wait for the Fed", label: ClassNeutral, group: 3},
	}
	got := otherMode(xs)
	want := []example{
		{text: "Acme and Globex rally", label: ClassPositive, group: 0},
		{text: "$ACME - Acme cut at Broker", target: "$ACME", label: ClassNegative, group: 2},
	}
	if len(got) != len(want) {
		t.Fatalf("otherMode = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("copy %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestTrainWithoutOneSet(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model")
	}
	data := tinyData(t)
	var log bytes.Buffer
	out := filepath.Join(t.TempDir(), "model.bin")
	if err := Train(context.Background(), TrainOptions{DataDir: data, Out: out, Seed: 7, Without: "tweets"}, &log); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"tweets: training part left out", "tweets dev: accuracy"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("training log lacks %q:\n%s", want, log.String())
		}
	}
	var eval bytes.Buffer
	if err := Evaluate(context.Background(), EvalOptions{DataDir: data, Model: out}, &eval); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(eval.String(), "scores by size") {
		t.Errorf("evaluation of the trained file lacks the score sizes:\n%s", eval.String())
	}
	err := Train(context.Background(), TrainOptions{DataDir: data, Out: out, Without: "reuters"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "sentfin, tweets") {
		t.Errorf("Train without an unknown set: %v, want an error naming the sets", err)
	}
}
