package entity

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// aliasBlock is one [TICKER] block of an alias file (format in
// notes/ALIASES-FORMAT.md and the README).
type aliasBlock struct {
	Ticker string // canonical
	Source string // file name for error messages
	Line   int    // line of the [TICKER] header
	Name   string
	Sector string
	// Forms by kind: KindAlias, KindBrand, KindProduct, KindSubsidiary,
	// KindPerson.
	Forms     map[string][]string
	Ambiguous []string
	Exclude   []string
	Classes   []string
}

// listKeys maps the list keys of an alias file to the mention kind of
// their values; "ambiguous", "exclude" and "classes" are handled apart.
var listKeys = map[string]string{
	"aliases": KindAlias, "brands": KindBrand, "products": KindProduct,
	"subsidiaries": KindSubsidiary, "people": KindPerson,
}

// maxAliasLine bounds one line of an alias file.
const maxAliasLine = 64 << 10

// parseAliases reads an alias file. Errors name the source and line:
// "aliases line 12: unknown key \"brand\"". Blocks are returned in file
// order; a ticker given twice yields two blocks (merged by the builder).
func parseAliases(r io.Reader, src string) ([]aliasBlock, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxAliasLine)
	var out []aliasBlock
	n := 0
	for sc.Scan() {
		n++
		if err := parseAliasLine(sc.Text(), src, n, &out); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", src, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", src, n+1, err)
	}
	return out, nil
}

// parseAliasLine adds what one line says to the blocks read so far.
func parseAliasLine(line, src string, n int, out *[]aliasBlock) error {
	if !utf8.ValidString(line) {
		return fmt.Errorf("not UTF-8 text")
	}
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	switch {
	case line == "":
		return nil
	case strings.HasPrefix(line, "["):
		return openBlock(line, src, n, out)
	case len(*out) == 0:
		return fmt.Errorf("%q comes before the first [TICKER] block", line)
	}
	key, value, ok := strings.Cut(line, ":")
	if !ok {
		return fmt.Errorf("want \"key: value, value\" or \"[TICKER]\", got %q", line)
	}
	return addValues(&(*out)[len(*out)-1], strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(value))
}

func openBlock(line, src string, n int, out *[]aliasBlock) error {
	if !strings.HasSuffix(line, "]") {
		return fmt.Errorf("block header %q does not end with ']'", line)
	}
	t := canonicalTicker(line[1 : len(line)-1])
	if !validTicker(t) {
		return fmt.Errorf("block header %q: a ticker is 1-10 letters, digits or dashes", line)
	}
	*out = append(*out, aliasBlock{Ticker: t, Source: src, Line: n, Forms: map[string][]string{}})
	return nil
}

// addValues stores the values of one key line in block b.
func addValues(b *aliasBlock, key, value string) error {
	switch key {
	case "name", "sector":
		if value == "" {
			return fmt.Errorf("%s: empty value", key)
		}
		if key == "name" {
			b.Name = value
		} else {
			b.Sector = value
		}
		return nil
	}
	vals := splitValues(value)
	if _, known := listKeys[key]; !known && key != "ambiguous" && key != "exclude" && key != "classes" {
		return fmt.Errorf("unknown key %q (known: name, aliases, brands, products, subsidiaries, people, ambiguous, exclude, classes, sector)", key)
	}
	if len(vals) == 0 {
		return nil
	}
	switch key {
	case "ambiguous":
		b.Ambiguous = append(b.Ambiguous, vals...)
	case "exclude":
		b.Exclude = append(b.Exclude, vals...)
	case "classes":
		for _, v := range vals {
			t := canonicalTicker(v)
			if !validTicker(t) {
				return fmt.Errorf("classes: %q is not a ticker", v)
			}
			b.Classes = append(b.Classes, t)
		}
	default:
		b.Forms[listKeys[key]] = append(b.Forms[listKeys[key]], vals...)
	}
	return nil
}

// splitValues splits "a, b, c" and drops empty values.
func splitValues(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
