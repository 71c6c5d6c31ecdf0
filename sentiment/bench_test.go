package sentiment

import (
	"testing"

	"github.com/tickerwire/tickerwire/text"
)

var benchHeadline = "Acme beats estimates while Globex cuts its outlook; shares of Initech slip 3% to Rs 412"

func BenchmarkSentence(b *testing.B) {
	m := Default()
	toks := text.Tokenize(benchHeadline)
	b.ReportAllocs()
	for b.Loop() {
		m.Sentence(toks)
	}
}

func BenchmarkTarget(b *testing.B) {
	m := Default()
	toks := text.Tokenize(benchHeadline)
	start, end, _ := FindTarget(toks, "Globex")
	b.ReportAllocs()
	for b.Loop() {
		m.Target(toks, start, end)
	}
}

func BenchmarkFindTarget(b *testing.B) {
	toks := text.Tokenize(benchHeadline)
	b.ReportAllocs()
	for b.Loop() {
		FindTarget(toks, "Globex")
	}
}

// BenchmarkHeadline is the whole per-headline path of the batch scorer:
// tokenize, score the headline and one target found by name.
func BenchmarkHeadline(b *testing.B) {
	m := Default()
	b.ReportAllocs()
	var toks []text.Token
	for b.Loop() {
		toks = text.AppendTokens(toks[:0], benchHeadline, 0)
		m.Sentence(toks)
		if s, e, ok := FindTarget(toks, "Globex"); ok {
			m.Target(toks, s, e)
		}
	}
}

// BenchmarkLongSentence scores a 40-token sentence from an article.
func BenchmarkLongSentence(b *testing.B) {
	m := Default()
	toks := text.Tokenize("Revenue for the third quarter rose 14% to $4.2 billion, driven by strong demand for data-center products, while operating costs increased 9% year over year on higher freight and labour expenses https://t.co/abc123")
	b.ReportAllocs()
	for b.Loop() {
		m.Sentence(toks)
	}
}

func BenchmarkTokenizeHeadline(b *testing.B) {
	var toks []text.Token
	for b.Loop() {
		toks = text.AppendTokens(toks[:0], benchHeadline, 0)
	}
}
