// Package entity links the text of an article to the securities it
// mentions: the security master (SEC issuers and the S&P 500, in
// data/securities.tsv, built by cmd/genmaster), the alias layer
// (data/aliases/*.txt: brands, products, subsidiaries, people, ambiguous
// forms and exclusions per ticker) and the linker, which finds mentions,
// disambiguates them, resolves references and rates relevance.
//
// # Matching
//
// Forms are indexed in a token trie keyed by text.Token.Norm and matched
// longest first, so "Amazon Web Services" wins over "Amazon" and a
// possessive ("Amazon's") needs nothing special: the tokenizer splits off
// "'s". S&P 500 companies and companies with an alias block link by every
// name; the other SEC issuers only by their full name of two or more words,
// written with capitals. Cashtags ($AMZN) and exchange forms ("NASDAQ:
// AMZN", "(NYSE:F)") always link; a bare ticker links when it is written in
// capitals, is two or more characters, is neither a common word nor a
// common abbreviation ("IT", "ALL", "CEO") and stands in company context:
// in parentheses, next to a cue word (for tickers of three or more letters
// of companies that link by name), or with another mention of the company.
//
// # Disambiguation
//
// A form that is also an ordinary word or place (listed as ambiguous, or a
// single common English word) links only when capitalised and either a
// company cue is near (shares, CEO, earnings, an amount, a percentage ...;
// data/context.txt) or the company is mentioned unambiguously elsewhere in
// the document. Exclusion phrases ("price target", "Amazon rainforest")
// never link.
//
// # Relevance
//
// Each mention weighs kind × position: kind 1 for names, aliases, tickers
// and cashtags, 0.8 for brands, products and subsidiaries, 0.7 for people,
// 0.6 for references; position 3 for the first sentence (the title, or the
// opening line), 2 for the rest of paragraph 0, 1.5 for sentences 1-3 and 1
// elsewhere. With raw the sum of a ticker's weights and max the largest
// raw of the document,
//
//	relevance = 0.1 + 0.9 × share × presence
//	share     = raw / max(max, 3)
//	presence  = 1 − exp(−raw)
//
// so the subject of an article (in the title and mentioned again) scores
// about 0.9 or more, a ticker mentioned once in the body of an article
// about another company about 0.15, and a single mention in the title
// alone about 0.95.
package entity
