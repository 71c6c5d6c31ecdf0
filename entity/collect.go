package entity

import (
	"cmp"
	"math"
	"slices"

	"github.com/tickerwire/tickerwire/text"
)

// tickerAcc accumulates the mentions of one company.
type tickerAcc struct {
	sec      int32
	raw      float64 // sum of mention weights
	mentions int
	surfaces []surfaceCount
}

type surfaceCount struct {
	text  string
	count int
}

// tally sums the accepted direct mentions per company into sc.acc;
// collect adds the references found later.
func (l *Linker) tally(sents []text.Sentence, sc *scratch) {
	sc.acc = sc.acc[:0]
	for k := range sc.cands {
		c := &sc.cands[k]
		if !c.ok {
			continue
		}
		a := sc.accFor(c.sec)
		s := &sents[c.sent]
		w := kindWeight(c.kind) * positionWeight(int(c.sent), s.Para)
		if c.sent > 0 && inEnumeration(s.Tokens, int(c.start), int(c.end)) {
			w *= enumerationWeight
		}
		a.raw += w
		a.mentions++
		a.addSurface(surface(s, int(c.start), int(c.end)))
	}
}

// enumerationWeight weighs a mention that is one item of a list of names
// ("clients including Ford, Macy's and Kohl's"): a passing mention.
const enumerationWeight = 0.4

// listCues introduce a list of examples.
var listCues = []string{"including", "includes", "include", "like", "such", "among"}

// inEnumeration reports whether tokens [start, end) are an item of a list
// of capitalised names: next to a comma or "and"/"or" that joins another
// capitalised name, or shortly after "including", "such as", "like",
// "among".
func inEnumeration(toks []text.Token, start, end int) bool {
	// Back over the names and separators before the mention to a cue.
	for i := start - 1; i >= 0 && i >= start-8; i-- {
		n := toks[i].Norm
		if slices.Contains(listCues, n) || n == "as" && i > 0 && toks[i-1].Norm == "such" {
			return true
		}
		if !toks[i].IsUpper() && n != "," && n != "and" && n != "or" && n != "&" && n != "'s" {
			break
		}
	}
	joins := func(sep, name int) bool {
		if sep < 0 || sep >= len(toks) || name < 0 || name >= len(toks) {
			return false
		}
		n := toks[sep].Norm
		return (n == "," || n == "and" || n == "or" || n == "&") && toks[name].IsUpper()
	}
	before := joins(start-1, start-2)
	after := joins(end, end+1)
	if end < len(toks) && toks[end].Norm == "'s" {
		after = joins(end+1, end+2)
	}
	return before && (after || start >= 3 && joins(start-3, start-4)) || after && end+3 < len(toks) && joins(end+2, end+3)
}

// accFor returns the accumulator of sec, adding one if needed.
func (sc *scratch) accFor(sec int32) *tickerAcc {
	for k := range sc.acc {
		if sc.acc[k].sec == sec {
			return &sc.acc[k]
		}
	}
	if len(sc.acc) < cap(sc.acc) {
		sc.acc = sc.acc[:len(sc.acc)+1]
		a := &sc.acc[len(sc.acc)-1]
		a.sec, a.raw, a.mentions, a.surfaces = sec, 0, 0, a.surfaces[:0]
		return a
	}
	sc.acc = append(sc.acc, tickerAcc{sec: sec})
	return &sc.acc[len(sc.acc)-1]
}

func (a *tickerAcc) addSurface(s string) {
	for k := range a.surfaces {
		if a.surfaces[k].text == s {
			a.surfaces[k].count++
			return
		}
	}
	a.surfaces = append(a.surfaces, surfaceCount{s, 1})
}

// surface returns the text of tokens [start, end) of s.
func surface(s *text.Sentence, start, end int) string {
	return s.Text[s.Tokens[start].Start-s.Start : s.Tokens[end-1].End-s.Start]
}

// collect builds the result: references are weighed in, mentions sorted
// into text order, tickers rated and sorted.
func (l *Linker) collect(sents []text.Sentence, sc *scratch) Links {
	n := 0
	for k := range sc.cands {
		c := &sc.cands[k]
		if !c.ok {
			continue
		}
		n++
		if c.kind == KindReference {
			a := sc.accFor(c.sec)
			a.raw += kindWeight(c.kind) * positionWeight(int(c.sent), sents[c.sent].Para)
			a.mentions++
		}
	}
	if n == 0 {
		return Links{}
	}
	out := Links{Mentions: make([]Mention, 0, n), Tickers: make([]TickerLinks, 0, len(sc.acc))}
	for k := range sc.cands {
		c := &sc.cands[k]
		if c.ok {
			out.Mentions = append(out.Mentions, Mention{
				Ticker: l.secs[c.sec].Ticker, Sentence: int(c.sent), Start: int(c.start), End: int(c.end),
				Surface: surface(&sents[c.sent], int(c.start), int(c.end)), Kind: c.kind,
			})
		}
	}
	slices.SortStableFunc(out.Mentions, func(a, b Mention) int {
		return cmp.Or(cmp.Compare(a.Sentence, b.Sentence), cmp.Compare(a.Start, b.Start))
	})
	maxRaw := 0.0
	for k := range sc.acc {
		maxRaw = max(maxRaw, sc.acc[k].raw)
	}
	for k := range sc.acc {
		a := &sc.acc[k]
		sec := &l.secs[a.sec]
		out.Tickers = append(out.Tickers, TickerLinks{
			Ticker: sec.Ticker, Name: sec.Name, Relevance: math.Round(relevance(a.raw, maxRaw)*1000) / 1000,
			Mentions: a.mentions, Surfaces: a.sortedSurfaces(),
		})
	}
	slices.SortFunc(out.Tickers, func(a, b TickerLinks) int {
		return cmp.Or(cmp.Compare(b.Relevance, a.Relevance), cmp.Compare(a.Ticker, b.Ticker))
	})
	return out
}

// sortedSurfaces returns the surfaces, most frequent first, ties in order
// of first appearance.
func (a *tickerAcc) sortedSurfaces() []string {
	slices.SortStableFunc(a.surfaces, func(x, y surfaceCount) int { return cmp.Compare(y.count, x.count) })
	out := make([]string, len(a.surfaces))
	for k, s := range a.surfaces {
		out[k] = s.text
	}
	return out
}
