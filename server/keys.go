package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"time"
)

// Scope is what an API key may do.
type Scope string

// The scopes: read keys may call every GET endpoint; admin keys may also
// add, change and delete (POST, PATCH, DELETE).
const (
	ScopeRead  Scope = "read"
	ScopeAdmin Scope = "admin"
)

// allows reports whether a key of scope s may do what need requires.
func (s Scope) allows(need Scope) bool { return s == ScopeAdmin || s == need }

// Key is a stored API key. The key itself is never stored, only its
// SHA-256, so a leaked key file does not leak usable keys.
type Key struct {
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Scope   Scope     `json:"scope"`
	Created time.Time `json:"created"`
	// Hash is the hex SHA-256 of the key.
	Hash string `json:"sha256"`
}

// Errors of Keys.
var (
	ErrKeyNotFound = errors.New("no API key with that id or name")
	ErrKeyExists   = errors.New("an API key with that name exists")
)

// keyPrefix starts every key, so that keys are recognisable in configs and
// by secret scanners.
const keyPrefix = "tw_"

// reloadEvery is how often a server checks the key file for changes made
// by another process (the CLI creating or revoking a key).
const reloadEvery = time.Second

// Keys is the set of API keys in a JSON file. It is safe for concurrent
// use, and notices within a second when another process changes the file.
type Keys struct {
	path string

	mu      sync.Mutex
	keys    []Key
	stamp   fileStamp // of the file when keys were read
	checked time.Time // when stamp was last compared with the file
}

// fileStamp tells whether a file changed.
type fileStamp struct {
	mod  time.Time
	size int64
}

type keyFile struct {
	Keys []Key `json:"keys"`
}

var keyNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)

// LoadKeys reads the key file at path (for example DATA_DIR/keys.json).
// A missing file is an empty set, created by the first Create.
func LoadKeys(path string) (*Keys, error) {
	k := &Keys{path: path}
	if err := k.load(); err != nil {
		return nil, err
	}
	return k, nil
}

// load reads the file into k; k.mu must be held or k not yet shared.
func (k *Keys) load() error {
	data, err := os.ReadFile(k.path)
	if errors.Is(err, fs.ErrNotExist) {
		k.keys, k.stamp = nil, fileStamp{}
		return nil
	}
	if err != nil {
		return fmt.Errorf("read API keys: %w", err)
	}
	var f keyFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("read API keys %s: %w (fix or remove the file)", k.path, err)
	}
	for _, key := range f.Keys {
		if len(key.Hash) != sha256.Size*2 || (key.Scope != ScopeRead && key.Scope != ScopeAdmin) {
			return fmt.Errorf("read API keys %s: key %q has a bad hash or scope (fix or remove it)", k.path, key.ID)
		}
	}
	k.keys = f.Keys
	k.stamp, err = stampOf(k.path)
	return err
}

func stampOf(path string) (fileStamp, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fileStamp{}, nil
	}
	if err != nil {
		return fileStamp{}, fmt.Errorf("read API keys: %w", err)
	}
	return fileStamp{fi.ModTime(), fi.Size()}, nil
}

// Create adds a key named name (letters, digits and . _ @ -, up to 64,
// unique) with scope and saves the file. It returns the key, which is
// shown only this once, and its stored record.
func (k *Keys) Create(name string, scope Scope) (string, Key, error) {
	if !keyNamePattern.MatchString(name) {
		return "", Key{}, fmt.Errorf("key name %q: use 1 to 64 letters, digits and . _ @ -", name)
	}
	if scope != ScopeRead && scope != ScopeAdmin {
		return "", Key{}, fmt.Errorf("key scope %q: want read or admin", scope)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(); err != nil {
		return "", Key{}, err
	}
	if slices.ContainsFunc(k.keys, func(x Key) bool { return x.Name == name }) {
		return "", Key{}, fmt.Errorf("create key %q: %w", name, ErrKeyExists)
	}
	secret, id := make([]byte, 32), make([]byte, 6)
	rand.Read(secret)
	rand.Read(id)
	plain := keyPrefix + base64.RawURLEncoding.EncodeToString(secret)
	key := Key{ID: "k_" + hex.EncodeToString(id), Name: name, Scope: scope,
		Created: time.Now().UTC().Truncate(time.Second), Hash: hashKey(plain)}
	if err := k.save(append(slices.Clone(k.keys), key)); err != nil {
		return "", Key{}, err
	}
	return plain, key, nil
}

// Revoke deletes the key with the given id or name and saves the file.
// ErrKeyNotFound when there is none.
func (k *Keys) Revoke(idOrName string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(); err != nil {
		return err
	}
	i := slices.IndexFunc(k.keys, func(x Key) bool { return x.ID == idOrName || x.Name == idOrName })
	if i < 0 {
		return fmt.Errorf("revoke %q: %w", idOrName, ErrKeyNotFound)
	}
	return k.save(slices.Delete(slices.Clone(k.keys), i, i+1))
}

// List returns the keys, oldest first.
func (k *Keys) List() []Key {
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	return slices.Clone(k.keys)
}

// Len returns the number of keys; 0 for a nil Keys.
func (k *Keys) Len() int {
	if k == nil {
		return 0
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refresh()
	return len(k.keys)
}

// save writes keys to the file atomically (readable by the owner only)
// and makes them current; k.mu must be held.
func (k *Keys) save(keys []Key) error {
	data, err := json.MarshalIndent(keyFile{Keys: keys}, "", "  ")
	if err != nil {
		return fmt.Errorf("save API keys: %w", err)
	}
	if err := writeAtomic(k.path, append(data, '\n')); err != nil {
		return fmt.Errorf("save API keys: %w", err)
	}
	k.keys = keys
	k.stamp, err = stampOf(k.path)
	return err
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".keys-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// lookup returns the key whose plaintext is plain.
func (k *Keys) lookup(plain string) (Key, bool) {
	if k == nil {
		return Key{}, false
	}
	h := hashKey(plain)
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refresh()
	i := slices.IndexFunc(k.keys, func(x Key) bool { return x.Hash == h })
	if i < 0 {
		return Key{}, false
	}
	return k.keys[i], true
}

// refresh rereads the file when it changed, at most once per reloadEvery.
// When the changed file cannot be read (a half-written edit), the keys last
// read stay in force until a read succeeds. k.mu must be held.
func (k *Keys) refresh() {
	if time.Since(k.checked) < reloadEvery {
		return
	}
	k.checked = time.Now()
	if st, err := stampOf(k.path); err == nil && st != k.stamp {
		old, oldStamp := k.keys, k.stamp
		if k.load() != nil {
			k.keys, k.stamp = old, oldStamp
		}
	}
}

func hashKey(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}
