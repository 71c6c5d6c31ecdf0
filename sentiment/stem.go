package sentiment

import "strings"

// stemException returns the stem of a word that the suffix rules would
// damage ("news" is not the plural of "new").
func stemException(w string) (string, bool) {
	switch w {
	case "news", "series", "species", "always", "plus", "bonus", "status", "gas",
		"has", "was", "this", "thus", "yes", "less", "across", "during", "various",
		"previous", "serious", "focus", "consensus", "surplus", "virus", "basis",
		"analysis", "crisis", "thesis", "bring", "being", "ceiling", "rating",
		"morning", "evening", "thing", "nothing", "something":
		return w, true
	case "ratings":
		return "rating", true
	case "things":
		return "thing", true
	}
	return "", false
}

// stem strips common English inflections from a lower-case word so that
// "rises", "rising" and "rise" share one form ("ris"). It returns a
// substring of w and never allocates. The rules are deliberately crude:
// stems are only compared with other stems, never shown.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	switch w[len(w)-1] {
	case 's', 'g', 'd', 'e':
	default:
		return w
	}
	if st, ok := stemException(w); ok {
		return st
	}
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w) > 5:
		w = undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		w = undouble(w[:len(w)-2])
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	return w
}

// undouble drops the second of two equal final consonants ("cutt", "slipp").
func undouble(w string) string {
	n := len(w)
	if n < 4 || w[n-1] != w[n-2] {
		return w
	}
	switch w[n-1] {
	case 'b', 'd', 'g', 'm', 'n', 'p', 'r', 't':
		return w[:n-1]
	}
	return w
}
