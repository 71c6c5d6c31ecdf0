package extract

import "testing"

func TestClassWordsLoad(t *testing.T) {
	w, err := parseClassWords(classesFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]classVerdict{
		"article-comments":              classNoise,
		"relatedArticles":               classNoise,
		"relatedarticles":               classNoise,
		"social-share-bar":              classNoise,
		"entry-content clearfix":        classContent,
		"has-sidebar comments-open":     classNeutral,
		"story-body":                    classContent,
		"header-ad":                     classNoise,
		"headline":                      classNeutral,
		"download-link":                 classNeutral,
		"post type-post status-publish": classNeutral,
	}
	for value, want := range tests {
		if got := w.judge(value); got != want {
			t.Errorf("judge(%q) = %d, want %d", value, got, want)
		}
	}
	if _, err := parseClassWords("stray line\n"); err == nil {
		t.Error("a word outside a section was accepted")
	}
}

func TestBoilerplateLoad(t *testing.T) {
	b, err := parseBoilerplate(boilerplateFile)
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{
		"Advertisement":                              true,
		"Share this article:":                        true,
		"Image 3 of 12":                              true,
		"Related: Banks rally on rate hopes":         true,
		"Sign up for our free newsletter today.":     true,
		"Customers can sign up for the service now.": false,
		"Shares of the bank rose 3% on Monday.":      false,
		"Read more":                                  true,
	}
	for p, want := range tests {
		if got := b.isBoilerplate(p); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", p, got, want)
		}
	}
	if _, err := parseBoilerplate("[nosuch]\nword\n"); err == nil {
		t.Error("an unknown section was accepted")
	}
}

func TestIsBio(t *testing.T) {
	b := loadBoilerplate()
	tests := map[string]bool{
		"Jane Doe is a reporter at the Example Times.":          true,
		"Jane Doe, a senior editor, covers banks.":              true,
		"John Smith covers energy markets for the Daily Ledger": true,
		"Follow her on Twitter @janedoe.":                       true,
		"The Federal Reserve is a central bank.":                false,
		"Apple is the largest company by market value.":         false,
	}
	for p, want := range tests {
		if got := b.isBio(p); got != want {
			t.Errorf("isBio(%q) = %v, want %v", p, got, want)
		}
	}
}
