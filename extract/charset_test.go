package extract

import (
	"strings"
	"testing"
)

func TestCharsetName(t *testing.T) {
	late := "<html><head><!--" + strings.Repeat("x", 1100) + "--><meta charset=\"koi8-r\"></head>"
	tests := []struct {
		name, raw, contentType, want string
	}{
		{"utf-8 byte order mark", "\xef\xbb\xbf<p>text</p>", "text/html; charset=windows-1252", "utf-8"},
		{"content type header", "<meta charset=utf-8><p>caf\xe9</p>", "text/html; charset=ISO-8859-1", "windows-1252"},
		{"meta charset", "<meta charset=\"windows-1251\"><p>text</p>", "", "windows-1251"},
		{"http-equiv meta", "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">", "", "shift_jis"},
		{"meta after byte 1024", late, "", "koi8-r"},
		{"valid utf-8 without declaration", "<p>café</p>", "", "utf-8"},
		{"invalid utf-8 without declaration", "<p>caf\xe9</p>", "", "windows-1252"},
		{"unknown label falls back", "<meta charset=\"x-nonsense\"><p>text</p>", "", "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := charsetName([]byte(tt.raw), tt.contentType); got != tt.want {
				t.Errorf("charsetName = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDecodeUTF16(t *testing.T) {
	raw := []byte{0xff, 0xfe, '<', 0, 'p', 0, '>', 0, 'h', 0, 'i', 0}
	got, err := decode(raw, "")
	if err != nil || string(got) != "<p>hi" {
		t.Errorf("decode = %q, %v", got, err)
	}
}
