package alert

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Webhook secrets are needed in clear to sign, so they cannot be hashed
// like API keys; they are kept sealed instead, with AES-256-GCM under a key
// that lives outside the database (a file beside it, or the environment).
// A copy of the database alone then does not give away the secrets.

// sealedPrefix marks a sealed secret; a stored secret without it is a
// plain one written before sealing existed, and is read as it is.
const sealedPrefix = "sealed:v1:"

// SecretKeySize is the size of a SecretBox key in bytes.
const SecretKeySize = 32

// ErrSecretKey means a sealed secret cannot be opened with the key given:
// the database was sealed with another key.
var ErrSecretKey = errors.New("webhook secret sealed with another key (check secret_key_file or TICKERWIRE_SECRET_KEY)")

// SecretBox seals and opens webhook secrets. A nil *SecretBox keeps them in
// clear. It is safe for concurrent use.
type SecretBox struct{ aead cipher.AEAD }

// NewSecretBox returns a box for a key of SecretKeySize bytes.
func NewSecretBox(key []byte) (*SecretBox, error) {
	if len(key) != SecretKeySize {
		return nil, fmt.Errorf("secret key: %d bytes, want %d", len(key), SecretKeySize)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	return &SecretBox{aead: aead}, nil
}

// Seal returns s sealed; "" and an already sealed s are returned as they
// are.
func (b *SecretBox) Seal(s string) (string, error) {
	if b == nil || s == "" || strings.HasPrefix(s, sealedPrefix) {
		return s, nil
	}
	nonce := make([]byte, b.aead.NonceSize(), b.aead.NonceSize()+len(s)+b.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("seal webhook secret: %w", err)
	}
	out := b.aead.Seal(nonce, nonce, []byte(s), nil)
	return sealedPrefix + base64.RawURLEncoding.EncodeToString(out), nil
}

// Open returns the clear secret of s: s itself when it is not sealed.
// A sealed s that this box cannot open gives ErrSecretKey, and one sealed
// while this box is nil an error saying that a key is needed.
func (b *SecretBox) Open(s string) (string, error) {
	rest, sealed := strings.CutPrefix(s, sealedPrefix)
	if !sealed {
		return s, nil
	}
	if b == nil {
		return "", errors.New("webhook secret is sealed and no secret key is configured")
	}
	raw, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil || len(raw) < b.aead.NonceSize() {
		return "", fmt.Errorf("webhook secret: malformed sealed value")
	}
	n := b.aead.NonceSize()
	plain, err := b.aead.Open(nil, raw[:n], raw[n:], nil)
	if err != nil {
		return "", ErrSecretKey
	}
	return string(plain), nil
}

// IsSealed reports whether s is a sealed secret.
func IsSealed(s string) bool { return strings.HasPrefix(s, sealedPrefix) }

// ParseSecretKey reads a key written as 64 hex digits or as base64.
func ParseSecretKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if k, err := hex.DecodeString(s); err == nil && len(k) == SecretKeySize {
		return k, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) == SecretKeySize {
			return k, nil
		}
	}
	return nil, fmt.Errorf("secret key: want %d bytes as 64 hex digits or base64", SecretKeySize)
}

// LoadSecretKey reads the key file at path, creating it with a new random
// key (mode 0600) when it does not exist.
func LoadSecretKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createSecretKey(path)
	}
	if err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	k, err := ParseSecretKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("secret key file %s: %w", path, err)
	}
	return k, nil
}

func createSecretKey(path string) ([]byte, error) {
	k := make([]byte, SecretKeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, fmt.Errorf("secret key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	// Written whole to a temporary file, then linked into place: a
	// process starting at the same time sees no key or the whole key.
	tmp, err := os.CreateTemp(filepath.Dir(path), ".secret-key-*")
	if err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	if _, err := tmp.WriteString(hex.EncodeToString(k) + "\n"); err != nil {
		tmp.Close()
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return LoadSecretKey(path) // another process created it first
		}
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	return k, nil
}
