package topic

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/tickerwire/tickerwire/text"
)

// modelMagic opens a model file (after gzip).
const modelMagic = "TWTOPIC1\n"

// model is a multinomial logistic regression over hashed unigrams and
// bigrams of a sentence's tokens, with weights quantized to int8 per class.
// It is read-only after loading and so safe for concurrent use.
type model struct {
	bits   uint8
	labels []string
	bias   []float32
	scale  []float32
	w      []int8 // bucket*len(labels) + class
}

func (m *model) mask() uint32 { return 1<<m.bits - 1 }

// features appends the hashed features of toks to dst: each kept token and
// each pair of neighbouring kept tokens. Numbers, amounts, percentages and
// cashtags stand for their kind; punctuation is dropped.
func features(dst []uint32, toks []text.Token, mask uint32) []uint32 {
	var prev uint64
	for i := range toks {
		h, ok := tokenHash(&toks[i])
		if !ok {
			continue
		}
		dst = append(dst, uint32(h)&mask)
		if prev != 0 {
			dst = append(dst, uint32(mix(prev, h))&mask)
		}
		prev = h
	}
	return dst
}

func tokenHash(t *text.Token) (uint64, bool) {
	switch t.Kind {
	case text.Punct, text.Symbol:
		return 0, false
	case text.Word:
		return hashString(t.Norm), true
	}
	return hashString(t.Kind.String()) ^ 0x9e3779b97f4a7c15, true
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h | 1
}

func mix(a, b uint64) uint64 {
	h := a*0xff51afd7ed558ccd ^ b
	h ^= h >> 33
	return (h * 0xc4ceb9fe1a85ec53) | 1
}

// probs writes into p (len(labels)) the class probabilities of a sentence
// with features fs, each valued 1/sqrt(len(fs)).
func (m *model) probs(fs []uint32, p []float64) {
	nc := len(m.labels)
	var acc [64]int32
	for _, f := range fs {
		row := m.w[int(f)*nc : int(f)*nc+nc]
		for c, q := range row {
			acc[c] += int32(q)
		}
	}
	v := 0.0
	if len(fs) > 0 {
		v = 1 / math.Sqrt(float64(len(fs)))
	}
	for c := range nc {
		p[c] = float64(m.bias[c]) + float64(m.scale[c])*v*float64(acc[c])
	}
	softmax(p)
}

func softmax(p []float64) {
	mx := math.Inf(-1)
	for _, x := range p {
		mx = max(mx, x)
	}
	sum := 0.0
	for i, x := range p {
		p[i] = math.Exp(x - mx)
		sum += p[i]
	}
	for i := range p {
		p[i] /= sum
	}
}

// writeTo writes m in the gzip-compressed binary format readModel reads.
func (m *model) writeTo(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	bw.WriteByte(m.bits)
	bw.WriteByte(byte(len(m.labels)))
	for _, l := range m.labels {
		bw.WriteByte(byte(len(l)))
		bw.WriteString(l)
	}
	for _, xs := range [][]float32{m.bias, m.scale} {
		if err := binary.Write(bw, binary.LittleEndian, xs); err != nil {
			return fmt.Errorf("write model: %w", err)
		}
	}
	if err := binary.Write(bw, binary.LittleEndian, m.w); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

var errModel = errors.New("not a topic model file")

// readModel reads a model written by writeTo.
func readModel(b []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	r := bufio.NewReader(zr)
	head := make([]byte, len(modelMagic)+2)
	if _, err := io.ReadFull(r, head); err != nil || string(head[:len(modelMagic)]) != modelMagic {
		return nil, errModel
	}
	m := &model{bits: head[len(modelMagic)]}
	nc := int(head[len(modelMagic)+1])
	if m.bits < 8 || m.bits > 24 || nc == 0 || nc > 64 {
		return nil, fmt.Errorf("read model: %w: %d bits, %d classes", errModel, m.bits, nc)
	}
	if err := m.readBody(r, nc); err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	return m, nil
}

func (m *model) readBody(r *bufio.Reader, nc int) error {
	for range nc {
		n, err := r.ReadByte()
		if err != nil {
			return err
		}
		l := make([]byte, n)
		if _, err := io.ReadFull(r, l); err != nil {
			return err
		}
		m.labels = append(m.labels, string(l))
	}
	m.bias, m.scale = make([]float32, nc), make([]float32, nc)
	m.w = make([]int8, (1<<m.bits)*nc)
	for _, x := range []any{m.bias, m.scale, m.w} {
		if err := binary.Read(r, binary.LittleEndian, x); err != nil {
			return err
		}
	}
	return nil
}
