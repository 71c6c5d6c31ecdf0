package server

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// keyed starts a server with a read key and an admin key.
func keyed(t *testing.T, edit func(*Config)) (f *fixture, read, admin string) {
	t.Helper()
	keys, err := LoadKeys(filepath.Join(t.TempDir(), "keys.json"))
	if err != nil {
		t.Fatal(err)
	}
	read, _, err = keys.Create("dashboard", ScopeRead)
	if err != nil {
		t.Fatal(err)
	}
	admin, _, err = keys.Create("ops", ScopeAdmin)
	if err != nil {
		t.Fatal(err)
	}
	f = newFixture(t, func(c *Config) {
		c.Keys = keys
		if edit != nil {
			edit(c)
		}
	})
	return f, read, admin
}

func TestAccessControlByScope(t *testing.T) {
	f, read, admin := keyed(t, nil)
	source := `{"url":"https://feeds.example/a.xml"}`
	tests := []struct {
		name         string
		method, path string
		body         string
		header       []string
		status       int
	}{
		{"health is public", "GET", "/v1/health", "", nil, 200},
		{"openapi is public", "GET", "/v1/openapi.json", "", nil, 200},
		{"no key", "GET", "/v1/articles", "", nil, 401},
		{"metrics need a key", "GET", "/metrics", "", nil, 401},
		{"wrong key", "GET", "/v1/articles", "", []string{"X-API-Key", "tw_not-a-key"}, 401},
		{"basic auth", "GET", "/v1/articles", "", []string{"Authorization", "Basic dXNlcjpwYXNz"}, 401},
		{"read key as bearer", "GET", "/v1/articles", "", []string{"Authorization", "Bearer " + read}, 200},
		{"read key as header", "GET", "/v1/sources", "", []string{"X-API-Key", read}, 200},
		{"read key as query", "GET", "/v1/articles?apikey=" + read, "", nil, 200},
		{"read key cannot add", "POST", "/v1/sources", source, []string{"Authorization", "Bearer " + read}, 403},
		{"read key cannot delete", "DELETE", "/v1/sources/1", "", []string{"X-API-Key", read}, 403},
		{"admin key adds", "POST", "/v1/sources", source, []string{"Authorization", "bearer " + admin}, 201},
		{"admin key reads", "GET", "/v1/articles?limit=1", "", []string{"X-API-Key", admin}, 200},
		{"admin key submits", "POST", "/v1/articles", `{"title":"Acme news"}`, []string{"X-API-Key", admin}, 201},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, data := f.do(tt.method, tt.path, tt.body, tt.header...)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, data)
			}
			if tt.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if tt.status >= 400 {
				var e apiErr
				mustJSON(t, data, &e)
				if e.Code != map[int]string{401: codeUnauthorized, 403: codeForbidden}[tt.status] {
					t.Errorf("error %+v", e)
				}
			}
		})
	}
}

func TestRequireKeysWithoutKeysRefusesAll(t *testing.T) {
	f := newFixture(t, func(c *Config) { c.RequireKeys = true })
	f.getJSON("/v1/articles", http.StatusUnauthorized, nil)
	f.getJSON("/v1/health", http.StatusOK, nil)
}

func TestOpenAccessWithoutKeys(t *testing.T) {
	f := newFixture(t, nil)
	f.getJSON("/v1/articles?apikey=anything", http.StatusOK, nil)
	if resp, _ := f.do("POST", "/v1/sources", `{"url":"https://feeds.example/a.xml"}`); resp.StatusCode != http.StatusCreated {
		t.Errorf("POST without keys: %d", resp.StatusCode)
	}
}

func TestRateLimitPerKey(t *testing.T) {
	f, read, admin := keyed(t, func(c *Config) { c.RateLimit = RateLimit{PerSecond: 0.5, Burst: 2} })
	for range 2 {
		f.getJSON("/v1/articles?limit=1", http.StatusOK, nil, "X-API-Key", read)
	}
	resp, data := f.do("GET", "/v1/articles?limit=1", "", "X-API-Key", read)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("third request: %d %s, want 429", resp.StatusCode, data)
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err != nil || s < 1 || s > 2 {
		t.Errorf("Retry-After %q, want 1 or 2 seconds", resp.Header.Get("Retry-After"))
	}
	var e apiErr
	mustJSON(t, data, &e)
	if e.Code != codeRateLimited {
		t.Errorf("error %+v", e)
	}
	f.getJSON("/v1/articles?limit=1", http.StatusOK, nil, "X-API-Key", admin) // another key, another bucket

	var av map[string]string
	mustJSON(t, f.avGet("function=NEWS_SENTIMENT&apikey="+read), &av)
	if !strings.Contains(av["Information"], "rate limit") {
		t.Errorf("rate-limited /query answered %v, want an Information message", av)
	}
}

func TestLimiterRefillsOverTime(t *testing.T) {
	l := newLimiter(RateLimit{PerSecond: 10, Burst: 1})
	now := time.Unix(1000, 0)
	if ok, _ := l.allow("k", now); !ok {
		t.Fatal("first request refused")
	}
	ok, wait := l.allow("k", now)
	if ok || wait != 100*time.Millisecond {
		t.Errorf("second request: %v, wait %v; want refused for 100ms", ok, wait)
	}
	if ok, _ := l.allow("k", now.Add(100*time.Millisecond)); !ok {
		t.Error("refused after the refill time")
	}
	if ok, _ := newLimiter(RateLimit{PerSecond: -1}).allow("k", now); !ok {
		t.Error("unlimited limiter refused")
	}
}

func TestKeysAreStoredHashedAndRevocable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.json")
	keys, err := LoadKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	plain, key, err := keys.Create("reporting", ScopeRead)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(plain, "tw_") || len(plain) != 46 || key.Hash != hashKey(plain) {
		t.Errorf("key %q, record %+v", plain, key)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), plain) || !strings.Contains(string(data), key.Hash) {
		t.Errorf("file holds the key or lacks its hash:\n%s", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", fi.Mode().Perm())
	}
	if _, _, err := keys.Create("reporting", ScopeAdmin); err == nil {
		t.Error("created a second key with the same name")
	}
	for _, bad := range []struct {
		name  string
		scope Scope
	}{{"", ScopeRead}, {"has space", ScopeRead}, {"ok", "write"}} {
		if _, _, err := keys.Create(bad.name, bad.scope); err == nil {
			t.Errorf("Create(%q, %q) succeeded", bad.name, bad.scope)
		}
	}
	// A server holding the file notices a key revoked by another process.
	srv, _ := LoadKeys(path)
	if got, ok := srv.lookup(plain); !ok || got.Name != "reporting" {
		t.Fatalf("lookup: %+v %v", got, ok)
	}
	other, _ := LoadKeys(path)
	if err := other.Revoke(key.ID); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	srv.checked = time.Time{}
	srv.mu.Unlock()
	if _, ok := srv.lookup(plain); ok {
		t.Error("revoked key still accepted")
	}
	if err := other.Revoke("reporting"); err == nil {
		t.Error("revoked a key twice")
	}
	if n := len(other.List()); n != 0 {
		t.Errorf("%d keys left", n)
	}
}

func TestLoadKeysRejectsBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"garbage.json":   "not json",
		"badscope.json":  `{"keys":[{"id":"k_1","name":"a","scope":"root","sha256":"` + strings.Repeat("0", 64) + `"}]}`,
		"shorthash.json": `{"keys":[{"id":"k_1","name":"a","scope":"read","sha256":"abc"}]}`,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o600)
		if _, err := LoadKeys(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("LoadKeys(%s) = %v, want an error naming the file", name, err)
		}
	}
}

func TestLoopback(t *testing.T) {
	tests := []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true}, {"localhost:8080", true}, {"[::1]:8080", true}, {"127.1.2.3:80", true},
		{":8080", false}, {"0.0.0.0:8080", false}, {"[::]:8080", false}, {"192.168.1.5:8080", false},
		{"example.com:8080", false},
	}
	for _, tt := range tests {
		if got := Loopback(tt.addr); got != tt.want {
			t.Errorf("Loopback(%q) = %v, want %v", tt.addr, got, tt.want)
		}
	}
}
