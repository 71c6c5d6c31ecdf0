package entity

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sync"

	"github.com/tickerwire/tickerwire/entity/internal/names"
)

//go:embed data/aliases/*.txt
var aliasFS embed.FS

//go:embed data/context.txt
var contextTXT string

// Linker finds the securities an article mentions. It is immutable once
// built and safe for concurrent use.
type Linker struct {
	secs    []Security
	named   []bool           // by company: links by every name (S&P 500 or alias block)
	tickers map[string]int32 // every known ticker (canonical), classes included -> company
	keys    map[string]int32 // names.Key of every form -> company, for Lookup
	trie    *trie
	ctx     *contextData
	version string
}

// Options configure New. The zero value gives the embedded data only.
type Options struct {
	// Extra are further alias files in the embedded files' format (the
	// --aliases flag). They are read in order after the embedded files;
	// a block for a ticker that is not in the security master adds it and
	// must give a name. New reads each reader to its end.
	Extra []io.Reader
}

// New builds a linker from the embedded security master and alias files
// plus opt.Extra. An error names the file and line of a malformed alias
// file ("aliases line 12: unknown key \"brand\""); nothing is half-built.
func New(opt Options) (*Linker, error) {
	return newLinker("data/aliases/*.txt", opt)
}

// newLinker builds a linker with the embedded alias files that match
// pattern; tests pin it to one file.
func newLinker(pattern string, opt Options) (*Linker, error) {
	sum := sha256.New()
	io.WriteString(sum, securitiesTSV)
	io.WriteString(sum, contextTXT)
	io.WriteString(sum, names.Data())
	var blocks []aliasBlock
	files, err := fs.Glob(aliasFS, pattern)
	if err != nil {
		return nil, fmt.Errorf("list embedded alias files: %w", err)
	}
	for _, name := range files {
		data, err := aliasFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read embedded %s: %w", name, err)
		}
		sum.Write(data)
		b, err := parseAliases(bytes.NewReader(data), "aliases "+path.Base(name))
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b...)
	}
	for i, r := range opt.Extra {
		data, err := io.ReadAll(r)
		if err != nil {
			return nil, fmt.Errorf("read extra aliases %d: %w", i+1, err)
		}
		sum.Write(data)
		b, err := parseAliases(bytes.NewReader(data), extraName(i, len(opt.Extra)))
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, b...)
	}
	ctx, err := parseContext(contextTXT)
	if err != nil {
		return nil, err
	}
	l, release, err := build(blocks, ctx)
	if err != nil {
		return nil, err
	}
	l.version = release + "-" + hex.EncodeToString(sum.Sum(nil))[:8]
	return l, nil
}

// extraName names the i-th of n extra alias files in error messages.
func extraName(i, n int) string {
	if n == 1 {
		return "aliases"
	}
	return fmt.Sprintf("aliases %d", i+1)
}

var defaultLinker = sync.OnceValue(func() *Linker {
	l, err := New(Options{})
	if err != nil {
		// The embedded data is checked by the package tests.
		panic("entity: embedded data: " + err.Error())
	}
	return l
})

// Default returns the linker of the embedded security master and alias
// files, built on first use and shared afterwards. It is safe for
// concurrent use.
func Default() *Linker { return defaultLinker() }

// Version names the data the linker was built from: the master's release
// and a short hash of every data file (master, alias files including
// Options.Extra, context and word lists), e.g. "2026.11-3fa9c2d1". Linkers
// built from the same data have the same version.
func (l *Linker) Version() string { return l.version }
