package entity

import (
	"fmt"
	"strings"

	"github.com/tickerwire/tickerwire/entity/internal/names"
	"github.com/tickerwire/tickerwire/text"
)

// Priorities of trie entries: an alias file's word beats the master's.
const (
	prioAlias uint8 = iota
	prioNamed
	prioSECOnly
)

// aliasData is the union of all alias blocks of one company.
type aliasData struct {
	names     []string            // name: values, in file order
	forms     map[string][]string // by kind
	ambiguous map[string]bool     // joined norms
	ambForms  []string            // the ambiguous forms as written
	exclude   []string
}

// builder assembles a Linker.
type builder struct {
	l        *Linker
	secNames []string // SEC filer name by company
	displays []string // the master's display name by company
	aliases  map[int32]*aliasData
}

// build loads the master, merges the alias blocks and indexes every form.
// Companies of the S&P 500 and companies with an alias block link by all
// their names; other SEC issuers only by their full name of two or more
// words, written with capitals.
func build(blocks []aliasBlock, ctx *contextData) (*Linker, string, error) {
	b := &builder{
		l: &Linker{
			tickers: make(map[string]int32, 11000), keys: make(map[string]int32, 16000),
			trie: newTrie(40000), ctx: ctx, secs: make([]Security, 0, 10000),
		},
		secNames: make([]string, 0, 10000), displays: make([]string, 0, 10000),
		aliases: map[int32]*aliasData{},
	}
	release, err := b.loadMaster()
	if err != nil {
		return nil, "", err
	}
	for i := range blocks {
		if err := b.merge(&blocks[i]); err != nil {
			return nil, "", err
		}
	}
	b.l.named = make([]bool, len(b.l.secs))
	for id := range b.l.secs {
		if b.named(int32(id)) {
			b.l.named[id] = true
			b.indexNamed(int32(id))
		}
	}
	for id := range b.l.secs {
		if !b.named(int32(id)) {
			b.indexSECOnly(int32(id))
		}
	}
	return b.l, release, nil
}

// loadMaster reads securities.tsv; consecutive rows of one CIK are one
// company, the first row's ticker its primary.
func (b *builder) loadMaster() (string, error) {
	l := b.l
	lastCIK := ""
	return parseMaster(securitiesTSV, func(r masterRow) {
		if r.cik != "" && r.cik == lastCIK {
			id := int32(len(l.secs) - 1)
			l.tickers[r.ticker] = id
			l.secs[id].SP500 = l.secs[id].SP500 || r.sp500
			return
		}
		lastCIK = r.cik
		l.tickers[r.ticker] = int32(len(l.secs))
		l.secs = append(l.secs, Security{Ticker: r.ticker, Name: r.name, CIK: r.cik, Sector: r.sector, SP500: r.sp500})
		b.secNames = append(b.secNames, r.secName)
		b.displays = append(b.displays, r.name)
	})
}

// merge adds one alias block to the company of its ticker, creating the
// company when the ticker is new.
func (b *builder) merge(blk *aliasBlock) error {
	l := b.l
	id, ok := l.tickers[blk.Ticker]
	if !ok {
		if blk.Name == "" {
			return fmt.Errorf("%s line %d: [%s] is not in the security master: give it a name (\"name: ...\")", blk.Source, blk.Line, blk.Ticker)
		}
		id = int32(len(l.secs))
		l.tickers[blk.Ticker] = id
		l.secs = append(l.secs, Security{Ticker: blk.Ticker, Name: blk.Name})
		b.secNames = append(b.secNames, "")
		b.displays = append(b.displays, blk.Name)
	}
	a := b.aliases[id]
	if a == nil {
		a = &aliasData{forms: map[string][]string{}, ambiguous: map[string]bool{}}
		b.aliases[id] = a
	}
	if blk.Name != "" {
		l.secs[id].Name = blk.Name
		a.names = append(a.names, blk.Name)
	}
	if blk.Sector != "" {
		l.secs[id].Sector = blk.Sector
	}
	for _, c := range blk.Classes {
		l.tickers[c] = id
	}
	for kind, forms := range blk.Forms {
		a.forms[kind] = append(a.forms[kind], forms...)
	}
	for _, f := range blk.Ambiguous {
		a.ambiguous[joinNorms(text.Tokenize(f))] = true
		a.ambForms = append(a.ambForms, f)
	}
	a.exclude = append(a.exclude, blk.Exclude...)
	return nil
}

// named reports whether a company links by all its names.
func (b *builder) named(id int32) bool {
	return b.l.secs[id].SP500 || b.aliases[id] != nil
}

// indexNamed indexes the master's names of a company and its alias forms.
func (b *builder) indexNamed(id int32) {
	sec := &b.l.secs[id]
	a := b.aliases[id]
	var amb map[string]bool
	if a != nil {
		amb = a.ambiguous
		for _, n := range a.names {
			b.addForm(id, n, KindName, prioAlias, amb)
		}
	}
	for _, n := range []string{sec.Name, b.displays[id], names.Short(b.displays[id])} {
		b.addForm(id, n, KindName, prioNamed, amb)
	}
	if s := b.secNames[id]; s != "" {
		b.addForm(id, names.Display(s), KindName, prioNamed, amb)
	}
	if a == nil {
		return
	}
	for _, kind := range []string{KindAlias, KindBrand, KindProduct, KindSubsidiary, KindPerson} {
		for _, f := range a.forms[kind] {
			b.addForm(id, f, kind, prioAlias, amb)
		}
	}
	// An ambiguous form listed nowhere else is an alias; one listed as a
	// brand or product keeps that kind (the trie keeps the first kind).
	for _, f := range a.ambForms {
		b.addForm(id, f, KindAlias, prioAlias, amb)
	}
	for _, p := range a.forms[KindPerson] {
		b.addSurname(id, p)
	}
	for _, x := range a.exclude {
		b.addExclusion(id, x)
	}
}

// indexSECOnly indexes the full name of an issuer known only from the SEC
// list when it has two or more words and is not a common phrase.
func (b *builder) indexSECOnly(id int32) {
	name := b.l.secs[id].Name
	toks := text.Tokenize(name)
	if wordCount(toks) < 2 || b.l.ctx.notNames[joinNorms(toks)] {
		b.addKey(name, id)
		return
	}
	b.addTokens(id, name, toks, KindName, prioSECOnly, nil)
}

// addForm indexes one written form of a company. A name from the master
// that is a single common word ("Ball", "News") is left out: only an alias
// file, which can list its exclusions, may make such a word a name.
func (b *builder) addForm(id int32, form, kind string, prio uint8, amb map[string]bool) {
	toks := text.Tokenize(form)
	if prio == prioNamed && len(toks) == 1 && names.IsCommon(toks[0].Norm) {
		b.addKey(form, id)
		return
	}
	b.addTokens(id, form, toks, kind, prio, amb)
}

func (b *builder) addTokens(id int32, form string, toks []text.Token, kind string, prio uint8, amb map[string]bool) {
	if wordCount(toks) == 0 {
		return
	}
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
	}
	b.l.trie.insert(norms, entry{sec: id, kind: kind, prio: prio, flags: formFlagsOf(form, toks, prio, amb)})
	b.addKey(form, id)
}

// formFlagsOf derives what a match of the form needs from how it is
// written (see the formFlags constants).
func formFlagsOf(form string, toks []text.Token, prio uint8, amb map[string]bool) formFlags {
	var f formFlags
	if isCapsForm(form) {
		f |= needUpper
	}
	plain := wordCount(toks) > 0
	for _, t := range toks {
		if t.Kind == text.Number || t.Kind == text.Word && !names.IsCommon(t.Norm) {
			plain = false
		}
	}
	if plain || prio == prioSECOnly {
		f |= needCapital
	}
	if plain && prio == prioSECOnly {
		f |= plainWords
	}
	if amb[joinNorms(toks)] || plain && wordCount(toks) == 1 {
		f |= ambiguous
	}
	return f
}

// addSurname indexes the last name of a person ("Jassy" of "Andy Jassy").
func (b *builder) addSurname(id int32, person string) {
	toks := text.Tokenize(person)
	if wordCount(toks) < 2 {
		return
	}
	last := toks[len(toks)-1]
	if last.Kind != text.Word || len(last.Norm) < 3 {
		return
	}
	b.l.trie.insert([]string{last.Norm}, entry{sec: id, kind: KindPerson, prio: prioAlias, flags: surname | needCapital})
}

// addExclusion indexes a phrase that never means the company, and its
// plural ("apple orchard", "apple orchards").
func (b *builder) addExclusion(id int32, phrase string) {
	toks := text.Tokenize(phrase)
	norms := make([]string, len(toks))
	for i, t := range toks {
		norms[i] = t.Norm
	}
	b.l.trie.insert(norms, entry{sec: id, kind: kindExclude})
	if n := len(norms); n > 0 && !strings.HasSuffix(norms[n-1], "s") && toks[n-1].Kind == text.Word {
		plural := append(norms[:n-1:n-1], norms[n-1]+"s")
		b.l.trie.insert(plural, entry{sec: id, kind: kindExclude})
	}
}

// addKey records a form for Lookup; the first company to claim a key
// keeps it (alias and S&P companies are indexed first).
func (b *builder) addKey(form string, id int32) {
	k := names.Key(form)
	if _, taken := b.l.keys[k]; k != "" && !taken {
		b.l.keys[k] = id
	}
}

// isCapsForm reports whether a form is an abbreviation in capitals of at
// most five characters ("AWS", "GE", "AT&T"), which must match in capitals.
func isCapsForm(form string) bool {
	if len(form) > 5 {
		return false
	}
	letter := false
	for _, r := range form {
		switch {
		case r >= 'a' && r <= 'z':
			return false
		case r >= 'A' && r <= 'Z':
			letter = true
		}
	}
	return letter
}

// wordCount counts the word and number tokens of a form.
func wordCount(toks []text.Token) int {
	n := 0
	for _, t := range toks {
		if t.Kind == text.Word || t.Kind == text.Number {
			n++
		}
	}
	return n
}

// joinNorms joins the norms of tokens with spaces.
func joinNorms(toks []text.Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Norm
	}
	return strings.Join(parts, " ")
}
