package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestTextTitleAndBody(t *testing.T) {
	tests := []struct {
		name, in, title, body string
	}{
		{
			name:  "short first line without a period is the title",
			in:    "Copper hits a two-year high\n\nCopper prices rose 3% on Tuesday as supply from Chile fell.\n\nTraders expect tight markets into the summer.",
			title: "Copper hits a two-year high",
			body:  "Copper prices rose 3% on Tuesday as supply from Chile fell.\n\nTraders expect tight markets into the summer.",
		},
		{
			name: "a first sentence is not a title",
			in:   "Copper prices rose 3% on Tuesday.\n\nTraders expect tight markets.",
			body: "Copper prices rose 3% on Tuesday.\n\nTraders expect tight markets.",
		},
		{
			name: "a single line is body, not title",
			in:   "Copper hits a two-year high",
			body: "Copper hits a two-year high",
		},
		{
			name:  "lines of one paragraph stay together",
			in:    "Headline\nFirst line of the text,\ncontinued here.\n\nSecond paragraph.",
			title: "Headline",
			body:  "First line of the text,\ncontinued here.\n\nSecond paragraph.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Text(context.Background(), tt.in, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.Body != tt.body {
				t.Errorf("got title %q body %q\nwant title %q body %q", a.Title, a.Body, tt.title, tt.body)
			}
		})
	}
}

func TestTextDropsBoilerplate(t *testing.T) {
	const story = "Copper hits a two-year high\n\nCopper prices rose 3% on Tuesday as supply from Chile fell short of forecasts.\n\nTraders expect tight markets into the summer, with stocks in warehouses at their lowest since 2021.\n\n"
	tests := []struct {
		name, tail, gone string
	}{
		{"author bio", "Jane Doe is a commodities reporter at the Example Times based in London.", "Jane Doe is"},
		{"bio with contact line", "Jane Doe can be reached at jane@example.com.", "reached at"},
		{"leave a comment", "Leave a comment", "Leave a comment"},
		{"spam filter notice", "This site uses Akismet to reduce spam. Learn how your comment data is processed.", "Akismet"},
		{"related line", "Related: Aluminium slips as Chinese output rises", "Aluminium slips"},
		{"read more line", "Read more: Why copper matters for electric cars", "Why copper matters"},
		{"list of other headlines", "Gold steadies after Fed minutes\nOil slides on demand worries\nWheat futures jump on drought fears\nSilver tracks gold lower", "Wheat futures"},
		{"related heading and links", "Related stories\n\nGold steadies after Fed minutes\n\nOil slides on demand worries", "Oil slides"},
		{"repeated sub-heading", "Outlook\n\nAnalysts see further gains in the autumn.\n\nOutlook\n\nMiners plan to expand output.", "Outlook\n\nMiners"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Text(context.Background(), story+tt.tail, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(a.Body, tt.gone) {
				t.Errorf("body keeps %q:\n%s", tt.gone, a.Body)
			}
			if !strings.Contains(a.Body, "warehouses at their lowest") {
				t.Errorf("body lost the story:\n%s", a.Body)
			}
		})
	}
}

func TestTextBylineAndDate(t *testing.T) {
	in := "Copper hits a two-year high\nBy Jane Doe\nMay 14, 2024 10:30 GMT\n\nCopper prices rose 3% on Tuesday as supply from Chile fell short of forecasts."
	a, err := Text(context.Background(), in, Options{Fetched: fetched})
	if err != nil {
		t.Fatal(err)
	}
	if a.Author != "Jane Doe" {
		t.Errorf("Author = %q", a.Author)
	}
	want := time.Date(2024, 5, 14, 10, 30, 0, 0, time.UTC)
	if !a.Published.Equal(want) || a.PublishedFrom != FromText {
		t.Errorf("Published = %v from %q, want %v from text", a.Published, a.PublishedFrom, want)
	}
	if strings.Contains(a.Body, "May 14") {
		t.Errorf("the date line stayed in the body: %q", a.Body)
	}
}

func TestTextDateFromURLComesFirst(t *testing.T) {
	a, err := Text(context.Background(), "Headline\n\nMay 14, 2024\n\nBody text of the story.", Options{URL: "https://example.com/2024/05/13/story", Fetched: fetched})
	if err != nil {
		t.Fatal(err)
	}
	if a.PublishedFrom != FromURL || a.Published.Day() != 13 {
		t.Errorf("Published = %v from %q", a.Published, a.PublishedFrom)
	}
}

func TestTextNoArticle(t *testing.T) {
	for _, in := range []string{"", "   \n\n  ", "\x00\x01\x02\x03\x04\x05 binary"} {
		if _, err := Text(context.Background(), in, Options{}); !errors.Is(err, ErrNoArticle) {
			t.Errorf("Text(%q) err = %v, want ErrNoArticle", in, err)
		}
	}
}

func TestTextRepairsInvalidUTF8(t *testing.T) {
	a, err := Text(context.Background(), "Prices rose \xff sharply.", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Body != "Prices rose \uFFFD sharply." {
		t.Errorf("Body = %q", a.Body)
	}
}
