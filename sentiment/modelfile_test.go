package sentiment

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

// smallModel writes a model with a few non-zero weights in a 2^10 table.
func smallModel(t testing.TB) []byte {
	t.Helper()
	w := make([]float32, (1<<10)*numClasses)
	w[3*numClasses+ClassPositive] = 1.5
	w[700*numClasses+ClassNegative] = -0.25
	var buf bytes.Buffer
	if err := writeModel(&buf, w, 10, defaultLexicon()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestModelFileRoundTrip(t *testing.T) {
	m, err := Load(bytes.NewReader(smallModel(t)))
	if err != nil {
		t.Fatal(err)
	}
	for mode, weights := range m.folded {
		if got := weights[3*numClasses+ClassPositive]; got < 1.49 || got > 1.51 {
			t.Errorf("mode %d: weight = %v, want 1.5", mode, got)
		}
		if got := weights[700*numClasses+ClassNegative]; got < -0.26 || got > -0.24 {
			t.Errorf("mode %d: weight = %v, want -0.25", mode, got)
		}
	}
	if !strings.HasPrefix(m.Version(), modelFormat+"+") {
		t.Errorf("version %q", m.Version())
	}
}

// A bucket's weight in each domain is its shared weight plus its domain
// copy's; plain sentences use the shared weight.
func TestLoadFoldsModeCopies(t *testing.T) {
	const bits, b = 10, 3
	mask := uint32(1)<<bits - 1
	w := make([]float32, (1<<bits)*numClasses)
	w[b*numClasses+ClassPositive] = 1
	post := domainBucket(b, domainPost, mask)
	if post == b {
		t.Fatalf("the posts' copy of bucket %d is itself", b)
	}
	w[int(post)*numClasses+ClassPositive] = 0.5
	var buf bytes.Buffer
	if err := writeModel(&buf, w, bits, defaultLexicon()); err != nil {
		t.Fatal(err)
	}
	m, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for mode, want := range []float32{1, 1.5} {
		if got := m.folded[mode][b*numClasses+ClassPositive]; got < want-0.01 || got > want+0.01 {
			t.Errorf("mode %d: weight %v, want %v", mode, got, want)
		}
	}
}

func TestEmbeddedModelLoads(t *testing.T) {
	if _, err := Load(bytes.NewReader(embeddedModel)); err != nil {
		t.Fatalf("embedded model: %v", err)
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestLoadCorruptModelGivesClearError(t *testing.T) {
	good := smallModel(t)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a sentiment model file"},
		{"not gzip", []byte("hello, I am not a model"), "not a sentiment model file"},
		{"wrong magic", gzipped([]byte("TWTOPIC1\nxxxxxxxx")), "not a sentiment model file"},
		{"truncated", good[:len(good)/2], "load sentiment model"},
		{"other lexicon", withLexicon(t, "[positive]\nrally\n"), "another lexicon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// withLexicon writes a model trained, as far as its file says, with src.
func withLexicon(t *testing.T, src string) []byte {
	t.Helper()
	lx, err := parseLexicon(src)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeModel(&buf, make([]float32, (1<<10)*numClasses), 10, lx); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestStaleModelIsRefused(t *testing.T) {
	_, err := Load(bytes.NewReader(withLexicon(t, "[negative]\nslump\n")))
	if !errors.Is(err, errStale) {
		t.Errorf("Load: %v, want errStale", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add(smallModel(f))
	f.Add([]byte{})
	f.Add(gzipped([]byte(modelMagic)))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Load(bytes.NewReader(b))
		if err != nil {
			if m != nil {
				t.Fatal("model and error")
			}
			return
		}
		for _, weights := range m.folded {
			if len(weights) != (1<<m.bits)*numClasses {
				t.Fatalf("%d weights for %d bits", len(weights), m.bits)
			}
		}
	})
}
