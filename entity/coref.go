package entity

import (
	"strings"

	"github.com/tickerwire/tickerwire/entity/internal/names"
	"github.com/tickerwire/tickerwire/text"
)

// sentInfo sums up the companies mentioned in one sentence.
type sentInfo struct {
	first  int32 // a company mentioned, -1 when none
	n      uint8 // distinct companies, counted up to 2
	hasDom bool  // the document's dominant company is among them
}

// coref resolves references ("the company", "the retailer", "it", "its")
// in sentences that mention no company themselves. The referent must be
// clear: the one company of the previous sentence, else the one company of
// the sentence before that when the previous mentions none, else the
// document's dominant company when it is mentioned in one of those two
// sentences. A sentence whose references were resolved counts as
// mentioning the referent, so "Amazon ... It ... Its ... The company"
// chains. The title (sentence 0) is never resolved.
//
// It needs the direct mentions tallied (sc.acc) to know the dominant
// company.
func (l *Linker) coref(sents []text.Sentence, sc *scratch) {
	if len(sents) < 2 || len(sc.acc) == 0 {
		return
	}
	dom := dominant(sc.acc)
	info := sc.info[:0]
	for range sents {
		info = append(info, sentInfo{first: -1})
	}
	for k := range sc.cands {
		if c := &sc.cands[k]; c.ok {
			noteMention(&info[c.sent], c.sec, dom)
		}
	}
	sc.info = info
	for si := 1; si < len(sents); si++ {
		if info[si].n > 0 {
			continue
		}
		ref := referent(info, si, dom)
		if ref >= 0 && l.addReferences(&sents[si], int32(si), ref, sc) {
			noteMention(&info[si], ref, dom)
		}
	}
}

func noteMention(in *sentInfo, sec, dom int32) {
	switch {
	case in.n == 0:
		in.first, in.n = sec, 1
	case in.first != sec:
		in.n = 2
	}
	in.hasDom = in.hasDom || sec == dom
}

// referent picks the company that a reference in sentence si means, or -1.
func referent(info []sentInfo, si int, dom int32) int32 {
	p1 := info[si-1]
	if p1.n == 1 {
		return p1.first
	}
	var p2 sentInfo
	if si >= 2 {
		p2 = info[si-2]
	}
	if p1.n == 0 && p2.n == 1 {
		return p2.first
	}
	if dom >= 0 && (p1.hasDom || p1.n == 0 && p2.hasDom) {
		return dom
	}
	return -1
}

// dominanceRatio is how much more weight than the next company the
// dominant company of a document needs.
const dominanceRatio = 1.5

// dominant returns the company with the largest weight when it has at
// least dominanceRatio times the weight of the next, or -1.
func dominant(acc []tickerAcc) int32 {
	best, second := -1, 0.0
	for k := range acc {
		switch {
		case best < 0 || acc[k].raw > acc[best].raw:
			if best >= 0 {
				second = acc[best].raw
			}
			best = k
		case acc[k].raw > second:
			second = acc[k].raw
		}
	}
	if best < 0 || acc[best].raw < dominanceRatio*second {
		return -1
	}
	return acc[best].sec
}

// addReferences adds the references to ref in one sentence and reports
// whether there were any.
func (l *Linker) addReferences(s *text.Sentence, si int32, ref int32, sc *scratch) bool {
	toks := s.Tokens
	sector := l.secs[ref].Sector
	found := false
	for j := 0; j < len(toks); j++ {
		end := l.referenceAt(toks, j, sector)
		if end <= j {
			continue
		}
		sc.cands = append(sc.cands, cand{sec: ref, sent: si, start: int32(j), end: int32(end), kind: KindReference, ok: true})
		found = true
		j = end - 1
	}
	return found
}

// referenceAt returns the end of a reference expression starting at token
// j, or -1: "its" and "it" (opening a clause, not a dummy subject, no
// proper name before it), "the company", "the chip designer", "the iPhone
// maker". A noun tied to sectors ("the bank") only
// refers to a company of those sectors (or of unknown sector).
func (l *Linker) referenceAt(toks []text.Token, j int, sector string) int {
	if isCapsWord(toks[j].Text) {
		return -1 // "IT spending", "ITS" are abbreviations
	}
	switch toks[j].Norm {
	case "its":
		if namedBefore(toks, j) {
			return -1
		}
		return j + 1
	case "it":
		if !clauseStart(toks, j) || l.dummyIt(toks, j) || namedBefore(toks, j) {
			return -1
		}
		return j + 1
	case "the":
	default:
		return -1
	}
	if j+2 < len(toks) {
		if need, ok := l.ctx.refs[pair{toks[j+1].Norm, toks[j+2].Norm}]; ok {
			return fitEnd(need, sector, j+3)
		}
	}
	if j+1 < len(toks) {
		if need, ok := l.ctx.refs[pair{toks[j+1].Norm, ""}]; ok {
			return fitEnd(need, sector, j+2)
		}
	}
	if j+2 < len(toks) && l.modifier(toks[j+1]) {
		if need, ok := l.ctx.refs[pair{toks[j+2].Norm, ""}]; ok {
			return fitEnd(need, sector, j+3)
		}
	}
	return -1
}

// fitEnd returns end when sector is one of need (or either is empty), else -1.
func fitEnd(need []string, sector string, end int) int {
	if len(need) == 0 || sector == "" {
		return end
	}
	for _, s := range need {
		if s == sector {
			return end
		}
	}
	return -1
}

// modifier reports whether a word may stand between "the" and a reference
// noun: "the iPhone maker", "the Seattle-based company"; not "the other
// company" or "the Federal Reserve Bank".
func (l *Linker) modifier(t text.Token) bool {
	if t.Kind != text.Word || l.ctx.blockers[t.Norm] {
		return false
	}
	return !t.IsUpper() || strings.IndexByte(t.Text, '-') >= 0
}

// namedBefore reports whether a proper name precedes token j in its
// sentence (a capitalised word that is not a common word), which a pronoun
// more likely refers to: "Jefferies cut its price target".
func namedBefore(toks []text.Token, j int) bool {
	for k := 0; k < j; k++ {
		if t := &toks[k]; t.Kind == text.Word && t.IsUpper() && !names.IsCommon(t.Norm) {
			return true
		}
	}
	return false
}

// clauseOpeners are words after which "it" opens a clause as its subject.
var clauseOpeners = map[string]bool{
	"and": true, "but": true, "that": true, "said": true, "says": true, "while": true, "as": true,
	"because": true, "since": true, "although": true, "though": true, "so": true, "when": true, "after": true,
	"if": true, "where": true, "before": true, "until": true, "unless": true, "whether": true,
}

// clauseStart reports whether "it" at j opens a sentence or clause, where
// it is a subject; an object "it" ("do it") rarely means a company.
func clauseStart(toks []text.Token, j int) bool {
	if j == 0 {
		return true
	}
	prev := toks[j-1]
	return prev.Kind == text.Punct || clauseOpeners[prev.Norm]
}

// dummyIt reports whether "it" at j is a dummy subject: "it seems", "it
// is likely that", "it's unclear".
func (l *Linker) dummyIt(toks []text.Token, j int) bool {
	if j+1 >= len(toks) {
		return true
	}
	next := toks[j+1].Norm
	if l.ctx.expletive[pair{next, ""}] {
		return true
	}
	return j+2 < len(toks) && l.ctx.expletive[pair{next, toks[j+2].Norm}]
}
