package sentiment

import (
	"bufio"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// The model file is gzip-compressed. Inside: the magic line, the feature
// set version, the lexicon digest, the hash-table size in bits, the weight
// scale, then the non-zero buckets as (uvarint gap from the previous
// bucket, numClasses little-endian int16 weights, each times the scale).

// modelMagic opens a model file (after gzip).
const modelMagic = "TWSENTIMENT1\n"

// featureSet names the feature templates of this code. Change it whenever
// features change so that an old model file is refused, not misread.
const featureSet = 10

// modelFormat is the version prefix of Model.Version.
const modelFormat = "sentiment-v1"

var (
	errNotModel = errors.New("not a sentiment model file")
	errStale    = errors.New("model was trained with another lexicon or feature set; retrain with: go run ./cmd/tickerwire train sentiment")
)

// defaultLexicon is the embedded lexicon, parsed once.
var defaultLexicon = sync.OnceValue(func() *lexicon {
	lx, err := parseLexicon(lexiconFile)
	if err != nil {
		panic("sentiment: embedded lexicon: " + err.Error())
	}
	return lx
})

// modelHeader is the fixed part of a model file after the magic line.
type modelHeader struct {
	FeatureSet uint32
	Lexicon    uint64
	Bits       uint8
	Scale      float32
	Buckets    uint32 // number of non-zero buckets that follow
}

// writeModel writes weights (bucket*numClasses + class, 1<<bits buckets)
// in the model file format.
func writeModel(w io.Writer, weights []float32, bits uint8, lex *lexicon) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	h := modelHeader{FeatureSet: featureSet, Lexicon: lex.digest, Bits: bits, Scale: weightScale(weights)}
	for b := 0; b < 1<<bits; b++ {
		if !zeroRow(weights, b, h.Scale) {
			h.Buckets++
		}
	}
	bw.WriteString(modelMagic)
	if err := binary.Write(bw, binary.LittleEndian, h); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	prev := 0
	for b := 0; b < 1<<bits; b++ {
		if zeroRow(weights, b, h.Scale) {
			continue
		}
		bw.Write(binary.AppendUvarint(nil, uint64(b-prev)))
		prev = b
		for c := range numClasses {
			binary.Write(bw, binary.LittleEndian, quantize(weights[b*numClasses+c], h.Scale))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	return nil
}

// weightScale maps the largest weight to the largest int16.
func weightScale(weights []float32) float32 {
	mx := float32(0)
	for _, w := range weights {
		mx = max(mx, float32(math.Abs(float64(w))))
	}
	if mx == 0 {
		return 1
	}
	return mx / math.MaxInt16
}

func quantize(w, scale float32) int16 { return int16(math.Round(float64(w / scale))) }

func zeroRow(weights []float32, b int, scale float32) bool {
	for c := range numClasses {
		if quantize(weights[b*numClasses+c], scale) != 0 {
			return false
		}
	}
	return true
}

// readModel reads the model file format; see writeModel.
func readModel(r io.Reader) (*Model, error) {
	digest := sha256.New()
	zr, err := gzip.NewReader(io.TeeReader(r, digest))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNotModel, err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errNotModel
	}
	var h modelHeader
	if err := binary.Read(br, binary.LittleEndian, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %w", errNotModel, err)
	}
	lex := defaultLexicon()
	if h.FeatureSet != featureSet || h.Lexicon != lex.digest {
		return nil, errStale
	}
	if h.Bits < 10 || h.Bits > 22 || h.Buckets > 1<<h.Bits || !(h.Scale > 0) || math.IsInf(float64(h.Scale), 0) {
		return nil, fmt.Errorf("%w: bad header (bits %d, buckets %d, scale %g)", errNotModel, h.Bits, h.Buckets, h.Scale)
	}
	weights, err := readWeights(br, h)
	if err != nil {
		return nil, err
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("%w: data after the last weight", errNotModel)
	}
	version := modelFormat + "+" + hex.EncodeToString(digest.Sum(nil)[:4])
	return &Model{version: version, bits: h.Bits, folded: fold(weights, h.Bits), lex: lex}, nil
}

// fold returns the weight table of each domain: the shared weight of each
// bucket plus the weight of its domain copy. Plain sentences use the
// shared weights as they are.
func fold(weights []float32, bits uint8) [numDomains][]float32 {
	mask := uint32(1)<<bits - 1
	out := [numDomains][]float32{domainPlain: weights}
	for d := domainPost; d < numDomains; d++ {
		t := make([]float32, len(weights))
		for b := uint32(0); b <= mask; b++ {
			c := domainBucket(b, d, mask)
			for k := range numClasses {
				t[int(b)*numClasses+k] = weights[int(b)*numClasses+k] + weights[int(c)*numClasses+k]
			}
		}
		out[d] = t
	}
	return out
}
func readWeights(br *bufio.Reader, h modelHeader) ([]float32, error) {
	n := 1 << h.Bits
	weights := make([]float32, n*numClasses)
	b := 0
	for k := uint32(0); k < h.Buckets; k++ {
		gap, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%w: truncated at bucket %d of %d: %w", errNotModel, k, h.Buckets, err)
		}
		if gap > uint64(n) || b+int(gap) >= n || (k > 0 && gap == 0) {
			return nil, fmt.Errorf("%w: bucket out of range", errNotModel)
		}
		b += int(gap)
		var q [numClasses]int16
		if err := binary.Read(br, binary.LittleEndian, &q); err != nil {
			return nil, fmt.Errorf("%w: truncated at bucket %d of %d: %w", errNotModel, k, h.Buckets, err)
		}
		for c := range numClasses {
			weights[b*numClasses+c] = float32(q[c]) * h.Scale
		}
	}
	return weights, nil
}
