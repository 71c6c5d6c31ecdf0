package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tickerwire/tickerwire/extract"
	"github.com/tickerwire/tickerwire/sentiment"
	"github.com/tickerwire/tickerwire/topic"
)

// defaultData is where the shared evaluation data sits beside a checkout.
const defaultData = "../shared/data"

func runEval(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "eval")
	data := fs.String("data", defaultData, "folder of the shared data sets")
	file := fs.String("file", "", "sentiment: a CSV or JSONL file with gold labels instead of the shared development parts")
	model := fs.String("model", "", "sentiment: a model file written by train --out instead of the embedded model")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("say what to evaluate: extraction, sentiment or topics")
	}
	switch pos[0] {
	case "extraction":
		dir := filepath.Join(*data, "extraction")
		if err := needDir(dir); err != nil {
			return err
		}
		rep, err := extract.Evaluate(ctx, dir)
		if err != nil {
			return err
		}
		rep.Print(e.stdout)
		return nil
	case "sentiment":
		if *file == "" {
			if err := needDir(*data); err != nil {
				return err
			}
		}
		return sentiment.Evaluate(ctx, sentiment.EvalOptions{DataDir: *data, File: *file, Model: *model}, e.stdout)
	case "topics":
		if err := needDir(*data); err != nil {
			return err
		}
		return topic.Evaluate(ctx, topic.EvalOptions{DataDir: *data}, e.stdout)
	}
	return usagef("unknown evaluation %q: use extraction, sentiment or topics", pos[0])
}

func runTrain(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "train")
	data := fs.String("data", defaultData, "folder of the shared data sets")
	out := fs.String("out", "", "where to write the model (default: the embedded model file in the source tree)")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same model")
	without := fs.String("without", "", "sentiment: leave out the training part of one shared set (sentfin or tweets) to measure cross-domain transfer")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("say what to train: sentiment or topics")
	}
	if err := needDir(*data); err != nil {
		return err
	}
	switch pos[0] {
	case "sentiment":
		return sentiment.Train(ctx, sentiment.TrainOptions{DataDir: *data, Out: *out, Seed: *seed, Without: *without}, e.stdout)
	case "topics":
		if *without != "" {
			return usagef("--without applies to sentiment only")
		}
		return topic.Train(ctx, topic.TrainOptions{DataDir: *data, Out: *out, Seed: *seed}, e.stdout)
	}
	return usagef("unknown model %q: use sentiment or topics", pos[0])
}

// needDir fails with advice when the shared data folder is missing.
func needDir(dir string) error {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s not found: these commands need the shared data sets; run from the repository root with ../shared beside it, or pass --data DIR", dir)
	}
	return nil
}
