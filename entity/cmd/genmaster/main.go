// Command genmaster builds the security master of the entity package,
// entity/data/securities.tsv, from the SEC's company_tickers.json and the
// S&P 500 constituents list (see SOURCE.md in the data directory):
//
//	go run ./entity/cmd/genmaster -data ../shared/data/securities -out entity/data/securities.tsv
//
// or `go generate ./entity`. The output is deterministic for given inputs
// and release.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

func main() {
	dataDir := flag.String("data", "", "directory with sec_company_tickers.json and sp500_constituents.csv (required)")
	out := flag.String("out", "data/securities.tsv", "output file")
	release := flag.String("release", time.Now().UTC().Format("2006.01"), "release label written to the file (year.month)")
	flag.Parse()
	if err := run(*dataDir, *out, *release); err != nil {
		fmt.Fprintln(os.Stderr, "genmaster:", err)
		os.Exit(1)
	}
}

func run(dataDir, out, release string) error {
	if dataDir == "" {
		return fmt.Errorf("-data is required: the directory holding sec_company_tickers.json and sp500_constituents.csv")
	}
	secPath := filepath.Join(dataDir, "sec_company_tickers.json")
	spPath := filepath.Join(dataDir, "sp500_constituents.csv")
	sec, err := readSEC(secPath)
	if err != nil {
		return err
	}
	sp, err := readSP500(spPath)
	if err != nil {
		return err
	}
	rows := build(sec, sp)
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	if err := write(f, release, rows); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("replace %s: %w", out, err)
	}
	slog.Info("security master written", "file", out, "rows", len(rows), "release", release)
	return nil
}
