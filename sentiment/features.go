package sentiment

import (
	"math"

	"github.com/tickerwire/tickerwire/text"
)

// feature is one hashed feature of a sentence with its value and, for
// explanations, the tokens [start, end) it stands for (start < 0: none).
type feature struct {
	bucket     uint32
	value      float32
	start, end int32
}

// Group keys name the feature templates; a feature's hash mixes its group
// with its parts.
var (
	gBias       = hashString("bias")
	gUnigram    = hashString("u")
	gBigram     = hashString("b")
	gLexicon    = hashString("lx")
	gRule       = hashString("rule")
	gRuleWord   = hashString("rulew")
	gDirection  = hashString("dir")
	gTargetWord = hashString("tw")
	gWindow     = hashString("win")
	gClause     = hashString("cl")
	gPosition   = hashString("pos")
	gScope      = hashString("scope")
	gOwner      = hashString("owner")
)

// target is the span of target tokens; start < 0 in sentence mode.
type target struct{ start, end, clause int }

func (t target) ok() bool { return t.start >= 0 }

// featurizer turns a reading into features. It is scratch memory like
// reading and reused the same way.
type featurizer struct {
	reading
	mask    uint32
	tg      target
	feats   []feature
	spans   []span
	contrib []float64 // per feature, see Model.probs
	slots   []int32   // hash table of groupSpans
	named   []bool    // per clause, see findNames
	pairs   []rulePair
	ruled   []bool // per token, see pairRules
	scale   float32
	domain  domain
	// agentVerb is the token of the action of a target that acts on
	// another company ("Citi downgrades Acme"), or -1; see analystAgent.
	agentVerb int
	// domainCopies adds each feature's domain copy too (see domain); set
	// in training only.
	domainCopies bool
}

func (f *featurizer) add(h uint64, v float32, start, end int) {
	b := uint32(h) & f.mask
	f.feats = append(f.feats, feature{bucket: b, value: v, start: int32(start), end: int32(end)})
	if f.domainCopies && f.domain != domainPlain {
		f.feats = append(f.feats, feature{bucket: domainBucket(b, f.domain, f.mask), value: v, start: int32(start), end: int32(end)})
	}
}

// A domain is the kind of text a feature is read in. Training adds every
// feature of a post twice: as itself, shared by all texts, and as the
// posts' copy (featurizer domainCopies). So each weight is a shared part
// learned from all the data plus a part of the posts' own, and the posts'
// habits (two thirds of them neutral; cashtags, links, "#stocks") stay
// with the posts instead of leaking into the sentences of articles, which
// use the shared weights alone (feature augmentation for domain
// adaptation). Target mode uses the shared weights too: a copy for the
// per-entity headline labels made them score "<target> cuts its outlook"
// the way Indian headlines use "RBI cuts repo rate", neutral. Load folds
// the posts' two parts into one table, so scoring looks each feature up
// once.
type domain uint8

const (
	domainPlain domain = iota // a sentence with no sign of a post, or a target
	domainPost                // a sentence with a cashtag, a link, a #tag or an @name
	numDomains
)

// domainSalts derive a domain copy's bucket from the shared one.
var domainSalts = [numDomains]uint64{0, 0x9e3779b97f4a7c15}

// domainBucket is the bucket of the copy of bucket b in domain d.
func domainBucket(b uint32, d domain, mask uint32) uint32 {
	return uint32(mix(uint64(b), domainSalts[d])) & mask
}

// domainOf returns the domain of the read sentence toward tg.
func (f *featurizer) domainOf(tg target) domain {
	if tg.ok() {
		return domainPlain
	}
	for i := range f.toks {
		t := &f.toks[i]
		switch {
		case t.Kind == text.Cashtag, f.linkEnd(i) > i:
			return domainPost
		case (t.Norm == "#" || t.Norm == "@") && i+1 < len(f.toks) && f.toks[i+1].Start == t.End && f.toks[i+1].Kind == text.Word:
			return domainPost
		}
	}
	return domainPlain
}

// features reads toks and returns their features toward tg (start < 0:
// the whole sentence) in a table of 1<<bits buckets. The result is valid
// until the next call.
func (f *featurizer) features(lx *lexicon, bits uint8, toks []text.Token, tg target) []feature {
	f.mask = 1<<bits - 1
	f.read(lx, toks)
	if tg.ok() {
		tg.clause = f.clause[tg.start]
	}
	return f.extract(tg)
}

// extract computes the features of the read sentence toward tg.
func (f *featurizer) extract(tg target) []feature {
	f.tg = tg
	f.domain = f.domainOf(tg)
	f.feats = f.feats[:0]
	mode := "sentence"
	if tg.ok() {
		mode = "target"
	}
	f.add(mix(gBias, hashString(mode)), 1, -1, -1)
	f.agentVerb = -1
	if tg.ok() {
		f.findNames()
		if v, ok := f.analystAgent(); ok {
			f.agentVerb = v
		}
	}
	f.pairRules()
	f.scale = lengthScale(len(f.items))
	f.ngrams()
	f.lexiconCues()
	f.rules()
	if tg.ok() {
		f.targetContext()
	}
	return f.feats
}

// typicalItems is the length of a typical training text (a headline).
const typicalItems = 10

// lengthScale damps the n-gram features of texts longer than a headline by
// sqrt(typicalItems/n), so that a long sentence's many weakly neutral words
// do not drown its few cues; cue and rule features are not damped.
func lengthScale(n int) float32 {
	if n <= typicalItems {
		return 1
	}
	return float32(math.Sqrt(float64(typicalItems) / float64(n)))
}

// inTarget reports whether token i belongs to the target.
func (f *featurizer) inTarget(i int) bool { return f.tg.ok() && i >= f.tg.start && i < f.tg.end }

// ngrams adds unigrams and in-clause bigrams of the items, with the target
// tokens replaced by one <target> item.
func (f *featurizer) ngrams() {
	prev, prevTok, prevClause := uint64(0), -1, -1
	for _, it := range f.items {
		key := it.key
		if f.inTarget(it.tok) {
			if it.tok != f.firstTargetItem() {
				continue
			}
			key = keyTarget
		} else {
			if !f.ruled[it.tok] {
				u := mix(gUnigram, key)
				if f.negated[it.tok] {
					u = mix(u, keyNegated) // "not beat" is not "beat"
				}
				f.add(f.scopedKey(u, it.clause, it.tok), f.scale, it.tok, it.tok+1)
			}
		}

		if prev != 0 && prevClause == it.clause {
			f.add(f.scopedKey(mix(mix(gBigram, prev), key), it.clause, it.tok), f.scale, prevTok, it.tok+1)
		}
		prev, prevTok, prevClause = key, it.tok, it.clause
	}
}

// firstTargetItem returns the token of the first item inside the target.
func (f *featurizer) firstTargetItem() int {
	for _, it := range f.items {
		if f.inTarget(it.tok) {
			return it.tok
		}
	}
	return -1
}

// lexiconCues adds the evaluative cues with their modifiers.
func (f *featurizer) lexiconCues() {
	for k := range f.cues {
		c := &f.cues[k]
		if f.inTarget(c.start) || f.ruled[c.start] {
			continue
		}
		for _, cl := range [...]cueClass{cuePositive, cueNegative, cueNeutral} {
			if c.class&cl == 0 {
				continue
			}
			h := mix(gLexicon, uint64(cl))
			f.addScoped(h, c)
			if c.mods != 0 {
				f.addScoped(mix(h, uint64(c.mods)), c)
			}
		}
	}
}
