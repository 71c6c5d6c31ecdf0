package alert

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/fetch"
)

func testBox(t testing.TB, fill byte) *SecretBox {
	t.Helper()
	b, err := NewSecretBox(bytes.Repeat([]byte{fill}, SecretKeySize))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSecretBoxSealsAndOpens(t *testing.T) {
	box, other := testBox(t, 1), testBox(t, 2)
	sealed, err := box.Seal("s3cret")
	if err != nil {
		t.Fatal(err)
	}
	again, _ := box.Seal("s3cret")
	tests := []struct {
		name    string
		box     *SecretBox
		in      string
		want    string
		wantErr string
	}{
		{"sealed opens with its key", box, sealed, "s3cret", ""},
		{"a secret stored in clear before sealing reads as it is", box, "legacy", "legacy", ""},
		{"empty stays empty", box, "", "", ""},
		{"another key cannot open it", other, sealed, "", "sealed with another key"},
		{"no key cannot open it", nil, sealed, "", "no secret key is configured"},
		{"a damaged value is an error", box, sealedPrefix + "!!!", "", "malformed"},
		{"a truncated value is an error", box, sealed[:len(sealedPrefix)+4], "", "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.box.Open(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Open = %q, %v; want an error with %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Open = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	if strings.Contains(sealed, "s3cret") || sealed == again || !IsSealed(sealed) {
		t.Errorf("sealed %q, again %q: want no clear text and a fresh nonce each time", sealed, again)
	}
	if twice, _ := box.Seal(sealed); twice != sealed {
		t.Error("sealing a sealed secret sealed it again")
	}
	if clear, _ := (*SecretBox)(nil).Seal("s3cret"); clear != "s3cret" {
		t.Errorf("a nil box sealed: %q", clear)
	}
}

func TestSecretKeyFileIsCreatedOnceWithMode0600(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data", "secret.key")
	first, err := LoadSecretKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", info.Mode().Perm())
	}
	second, err := LoadSecretKey(path)
	if err != nil || !bytes.Equal(first, second) || len(first) != SecretKeySize {
		t.Fatalf("reloaded key differs or fails: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.key")
	os.WriteFile(bad, []byte("not a key\n"), 0o600)
	if _, err := LoadSecretKey(bad); err == nil || !strings.Contains(err.Error(), "64 hex digits") {
		t.Errorf("bad key file: %v", err)
	}
}

func TestParseSecretKeyForms(t *testing.T) {
	hexKey := strings.Repeat("ab", SecretKeySize)
	b64Key := "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s="
	for _, s := range []string{hexKey, " " + hexKey + "\n", b64Key} {
		if k, err := ParseSecretKey(s); err != nil || len(k) != SecretKeySize {
			t.Errorf("ParseSecretKey(%q) = %d bytes, %v", s, len(k), err)
		}
	}
	for _, s := range []string{"", "abcd", strings.Repeat("ab", 16)} {
		if _, err := ParseSecretKey(s); err == nil {
			t.Errorf("ParseSecretKey(%q) accepted", s)
		}
	}
}

// Stored rules and pending deliveries keep webhook secrets sealed; the
// webhook is still signed with the clear secret, and a rule stored in clear
// before sealing is sealed at the next reload.
func TestWebhookSecretsAreSealedInTheStore(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	legacy := negative("legacy", Scope{All: true})
	legacy.Targets = []Target{{Type: TargetWebhook, URL: "https://hooks.example/old", Secret: "old-secret"}}
	if err := (&Engine{o: Options{Store: st}}).putRule(ctx, legacy); err != nil {
		t.Fatal(err)
	}
	rcv := newReceiver(t, "new-secret", 0)
	box := testBox(t, 7)
	e := newEngine(t, st, nil, func(o *Options) {
		o.Secrets = box
		o.Webhooks = &fetch.Client{AllowPrivate: true, Timeout: 5 * time.Second}
		o.Delivery = DeliveryOptions{Backoff: 10 * time.Millisecond, Poll: 10 * time.Millisecond, Lease: 5 * time.Second}
	})
	rule := negative("neg", Scope{Tickers: []string{"F"}})
	rule.Targets = []Target{{Type: TargetWebhook, URL: rcv.URL + "/hook", Secret: "new-secret"}}
	if err := e.AddRule(ctx, rule); err != nil {
		t.Fatal(err)
	}
	recs, err := st.Rules(ctx)
	if err != nil || len(recs) != 2 {
		t.Fatalf("rules %v, %v", recs, err)
	}
	for _, rec := range recs {
		if bytes.Contains(rec.Spec, []byte("secret\":\"old")) || bytes.Contains(rec.Spec, []byte("new-secret")) || !bytes.Contains(rec.Spec, []byte(sealedPrefix)) {
			t.Errorf("rule %s stored as %s; want its secret sealed", rec.ID, rec.Spec)
		}
	}
	for _, r := range e.Rules() {
		if r.ID == "legacy" && r.Targets[0].Secret != "old-secret" {
			t.Errorf("legacy rule's secret reads %q", r.Targets[0].Secret)
		}
	}
	alerts := e.Observe(ctx, put(t, st, news{title: "Acme slumps", ticker: "F", sen: -0.8}))
	var id string
	for _, a := range alerts {
		if a.Rule.ID == "neg" {
			id = a.ID
		}
	}
	if id == "" {
		t.Fatalf("alerts %v: want one of rule neg", alerts)
	}
	ds, err := st.Deliveries(ctx, id)
	if err != nil || len(ds) != 1 || !IsSealed(ds[0].Secret) {
		t.Fatalf("deliveries %+v, %v; want the secret sealed", ds, err)
	}
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan error)
	go func() { done <- e.Run(runCtx) }()
	waitFor(t, func() bool { got, _ := rcv.received(); return got[id] == 1 })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, bad := rcv.received(); bad != 0 {
		t.Errorf("%d requests with a bad signature", bad)
	}
}

// A rule sealed with another key is not evaluated, and says why.
func TestRuleSealedWithAnotherKeyIsSkipped(t *testing.T) {
	st := openStore(t)
	ctx := context.Background()
	r := negative("neg", Scope{All: true})
	r.Targets = []Target{{Type: TargetWebhook, URL: "https://hooks.example/a", Secret: "k"}}
	if err := (&Engine{o: Options{Store: st, Secrets: testBox(t, 1)}}).putRule(ctx, r); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, st, nil, func(o *Options) { o.Secrets = testBox(t, 2) })
	if err := e.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if len(e.Rules()) != 0 {
		t.Errorf("rules %v: want the unreadable rule skipped", e.Rules())
	}
	if _, err := e.openSecrets(r); err != nil {
		t.Errorf("a clear rule: %v", err)
	}
	sealed, _ := testBox(t, 1).Seal("k")
	r.Targets[0].Secret = sealed
	if _, err := e.openSecrets(r); !errors.Is(err, ErrSecretKey) {
		t.Errorf("err %v, want ErrSecretKey", err)
	}
}

func FuzzOpenSecret(f *testing.F) {
	box := testBox(f, 3)
	sealed, _ := box.Seal("s3cret")
	f.Add(sealed)
	f.Add(sealedPrefix)
	f.Add("plain")
	f.Fuzz(func(t *testing.T, s string) {
		got, err := box.Open(s)
		switch {
		case !IsSealed(s) && (err != nil || got != s):
			t.Fatalf("clear %q opened as %q, %v", s, got, err)
		case s == sealed && got != "s3cret":
			t.Fatalf("sealed secret opened as %q, %v", got, err)
		}
	})
}
