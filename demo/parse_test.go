package demo

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

const validHeader = "title: Acme beats\nsource: Test Wire\nauthor: A. Writer\nurl: https://example.invalid/x\nage: 1d2h3m\n"

func TestParseValid(t *testing.T) {
	now := time.Date(2030, 1, 2, 3, 4, 59, 999, time.UTC)
	tests := []struct {
		name, in, wantBody string
	}{
		{"one paragraph", validHeader + "\nBody text.\n", "Body text."},
		{"paragraphs separated by blank lines", validHeader + "\nOne.\n\nTwo.\n", "One.\n\nTwo."},
		{"extra blank lines are dropped", validHeader + "\n\n\nOne.\n\n\n\nTwo.\n\n", "One.\n\nTwo."},
		{"wrapped lines join with a space", validHeader + "\nOne\n  continued.\n\nTwo.", "One continued.\n\nTwo."},
		{"CRLF line endings", strings.ReplaceAll(validHeader+"\nOne.\n\nTwo.\n", "\n", "\r\n"), "One.\n\nTwo."},
		{"byte-order mark", "\uFEFF" + validHeader + "\nOne.", "One."},
		{"author is optional", strings.Replace(validHeader, "author: A. Writer\n", "", 1) + "\nOne.", "One."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parse("x.txt", []byte(tt.in), now)
			if err != nil {
				t.Fatal(err)
			}
			if a.Body != tt.wantBody {
				t.Errorf("Body = %q, want %q", a.Body, tt.wantBody)
			}
			if a.Title != "Acme beats" || a.Site != "Test Wire" || a.URL != "https://example.invalid/x" || a.Language != "en" {
				t.Errorf("header fields wrong: %+v", a)
			}
			want := time.Date(2030, 1, 1, 1, 1, 0, 0, time.UTC)
			if !a.Published.Equal(want) {
				t.Errorf("Published = %v, want %v", a.Published, want)
			}
		})
	}
}

func TestParseErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, in, wantPos, wantMsg string
	}{
		{"header line without colon", "title: T\nsource S\n", "bad.txt:2:", "not \"key: value\""},
		{"unknown key", "title: T\ndate: today\n", "bad.txt:2:", "unknown header key \"date\""},
		{"duplicate key", "title: T\ntitle: U\n", "bad.txt:2:", "duplicate header key"},
		{"empty value", "title:\n", "bad.txt:1:", "empty value"},
		{"missing required key", "title: T\nsource: S\nurl: https://x.invalid/\n\nBody.", "bad.txt:4:", "missing header key \"age\""},
		{"no blank line after header", "title: T\nsource: S", "bad.txt:2:", "not followed by a blank line"},
		{"empty body", validHeader + "\n\n  \n", "bad.txt:9:", "empty body"},
		{"bad age unit", strings.Replace(validHeader, "1d2h3m", "3w", 1) + "\nB.", "bad.txt:6:", "age \"3w\""},
		{"relative url", strings.Replace(validHeader, "https://example.invalid/x", "/x", 1) + "\nB.", "bad.txt:6:", "scheme"},
		{"invalid UTF-8", validHeader + "\nok\nbad \xff byte\n", "bad.txt:8:", "invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse("bad.txt", []byte(tt.in), time.Now())
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if !strings.Contains(err.Error(), tt.wantPos) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("err = %q, want it to contain %q and %q", err, tt.wantPos, tt.wantMsg)
			}
		})
	}
}

func TestParseAge(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"19d4h", 19*24*time.Hour + 4*time.Hour, true},
		{"2d20h25m", 2*24*time.Hour + 20*time.Hour + 25*time.Minute, true},
		{"13h", 13 * time.Hour, true},
		{"45m", 45 * time.Minute, true},
		{"0m", 0, true},
		{"90m", 90 * time.Minute, true},
		{"366d", maxAge, true},
		{"", 0, false},
		{"4h2d", 0, false},
		{"1d1d", 0, false},
		{"12", 0, false},
		{"d", 0, false},
		{"1s", 0, false},
		{"-1h", 0, false},
		{" 1h", 0, false},
		{"367d", 0, false},
		{"999999d", 0, false},
		{"1234567m", 0, false},
		{"366d1m", 0, false},
	}
	for _, tt := range tests {
		got, err := parseAge(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseAge(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(validHeader + "\nOne.\n\nTwo.\n"))
	f.Add([]byte("title: T\nsource: S\nurl: http://h/\nage: 5m\n\r\n x \r\n"))
	f.Add([]byte("title: T\ntitle: T\n"))
	f.Add([]byte("age: 999999d\n\n"))
	f.Add([]byte("\uFEFF\n\n"))
	now := time.Date(2030, 6, 1, 12, 0, 30, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := parse("fuzz.txt", data, now)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.txt" || pe.Line < 1 {
				t.Fatalf("err = %v, want a *ParseError with file and line", err)
			}
			return
		}
		switch {
		case a.Title == "" || a.Site == "" || a.URL == "" || a.Body == "":
			t.Fatalf("missing field in %+v", a)
		case a.Published.After(now) || now.Sub(a.Published) > maxAge+time.Minute:
			t.Fatalf("Published %v out of range for now %v", a.Published, now)
		case strings.Contains(a.Body, "\n\n\n") || strings.TrimSpace(a.Body) != a.Body:
			t.Fatalf("body not normalised: %q", a.Body)
		case !utf8.ValidString(a.Title + a.Body):
			t.Fatalf("invalid UTF-8 accepted")
		}
	})
}
