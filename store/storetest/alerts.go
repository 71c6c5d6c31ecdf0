package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/tickerwire/tickerwire/store"
)

func testRules(t *testing.T, s store.Store) {
	ctx := context.Background()
	for _, r := range []store.Rule{
		{ID: "guidance-cut", Spec: []byte(`{"when":"true"}`)},
		{ID: "buzz", Spec: []byte(`{"when":"buzz > 3.0"}`)},
		{ID: "guidance-cut", Spec: []byte(`{"when":"false"}`)},
	} {
		if err := s.PutRule(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	rules, err := s.Rules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) != 2 || rules[0].ID != "buzz" || rules[1].ID != "guidance-cut" || string(rules[1].Spec) != `{"when":"false"}` {
		t.Fatalf("Rules = %+v, want buzz and the replaced guidance-cut", rules)
	}
	if rules[1].Created.IsZero() || rules[1].Updated.Before(rules[1].Created) {
		t.Errorf("rule times created %v updated %v", rules[1].Created, rules[1].Updated)
	}
	if err := s.DeleteRule(ctx, "buzz"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteRule(ctx, "buzz"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeleteRule(deleted) error %v, want ErrNotFound", err)
	}
}

// firedAt is a fixed alert time.
var firedAt = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

func alertOf(id, rule, ticker string, minutes int) store.Alert {
	return store.Alert{ID: id, Rule: rule, Ticker: ticker, Article: 7, Cluster: 3,
		Fired: firedAt.Add(time.Duration(minutes) * time.Minute), Data: []byte(`{"id":"` + id + `"}`)}
}

func testAlertsStoredOnceAndListed(t *testing.T, s store.Store) {
	ctx := context.Background()
	hook := []store.Delivery{{Target: "https://hooks.example/a", Secret: "s3cret", NextAt: firedAt}}
	seq1, created, err := s.PutAlert(ctx, alertOf("a1", "guidance-cut", "TGT", 0), hook)
	if err != nil || !created {
		t.Fatalf("PutAlert(a1) = %d, %v, %v", seq1, created, err)
	}
	seq2, created, err := s.PutAlert(ctx, alertOf("a1", "guidance-cut", "TGT", 5), hook)
	if err != nil || created || seq2 != seq1 {
		t.Fatalf("PutAlert(a1 again) = %d, %v, %v; want %d, not created", seq2, created, err, seq1)
	}
	if ds, err := s.Deliveries(ctx, "a1"); err != nil || len(ds) != 1 {
		t.Fatalf("Deliveries(a1) = %+v, %v; want one", ds, err)
	}
	for i, a := range []store.Alert{alertOf("a2", "buzz", "NVDA", 10), alertOf("a3", "guidance-cut", "NVDA", 20)} {
		if _, _, err := s.PutAlert(ctx, a, nil); err != nil {
			t.Fatalf("PutAlert %d: %v", i, err)
		}
	}
	got, err := s.Alert(ctx, "a1")
	if err != nil || got.Rule != "guidance-cut" || got.Ticker != "TGT" || !got.Fired.Equal(firedAt) || string(got.Data) != `{"id":"a1"}` || !got.Acked.IsZero() {
		t.Fatalf("Alert(a1) = %+v, %v", got, err)
	}
	if _, err := s.Alert(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Alert(unknown) error %v, want ErrNotFound", err)
	}
	if err := s.AckAlert(ctx, "a3", firedAt.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.AckAlert(ctx, "a3", firedAt.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Alert(ctx, "a3"); !a.Acked.Equal(firedAt.Add(time.Hour)) {
		t.Errorf("acked %v after two acks, want the first", a.Acked)
	}
	if err := s.AckAlert(ctx, "nope", firedAt); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AckAlert(unknown) error %v, want ErrNotFound", err)
	}
	yes, no := true, false
	for _, tc := range []struct {
		name string
		q    store.AlertQuery
		want []string
	}{
		{"all newest first", store.AlertQuery{}, []string{"a3", "a2", "a1"}},
		{"oldest first", store.AlertQuery{Oldest: true}, []string{"a1", "a2", "a3"}},
		{"by rule", store.AlertQuery{Rule: "guidance-cut"}, []string{"a3", "a1"}},
		{"by ticker", store.AlertQuery{Ticker: "NVDA"}, []string{"a3", "a2"}},
		{"by time", store.AlertQuery{From: firedAt.Add(5 * time.Minute), To: firedAt.Add(20 * time.Minute)}, []string{"a2"}},
		{"acknowledged", store.AlertQuery{Acked: &yes}, []string{"a3"}},
		{"not acknowledged", store.AlertQuery{Acked: &no}, []string{"a2", "a1"}},
		{"after seq", store.AlertQuery{After: seq1, Oldest: true}, []string{"a2", "a3"}},
		{"limit", store.AlertQuery{Limit: 1}, []string{"a3"}},
	} {
		list, err := s.Alerts(ctx, tc.q)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		var ids []string
		for _, a := range list {
			ids = append(ids, a.ID)
		}
		if !equalStrings(ids, tc.want) {
			t.Errorf("%s: alerts %v, want %v", tc.name, ids, tc.want)
		}
	}
	if _, err := s.Alerts(ctx, store.AlertQuery{Limit: store.MaxLimit + 1}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("Alerts(limit too large) error %v, want ErrBadQuery", err)
	}
}

func testDeliveryOutbox(t *testing.T, s store.Store) {
	ctx := context.Background()
	ds := []store.Delivery{
		{Target: "https://hooks.example/a", Secret: "k1", NextAt: firedAt},
		{Target: "https://hooks.example/b", Secret: "k2", NextAt: firedAt.Add(time.Minute)},
	}
	if _, _, err := s.PutAlert(ctx, alertOf("a1", "r", "AAPL", 0), ds); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.ClaimDeliveries(ctx, firedAt, 30*time.Second, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(claimed) != 1 || claimed[0].Target != "https://hooks.example/a" || claimed[0].Secret != "k1" ||
		string(claimed[0].Data) != `{"id":"a1"}` || claimed[0].State != store.DeliveryPending {
		t.Fatalf("claimed %+v, want the due delivery to /a with its alert data", claimed)
	}
	if again, _ := s.ClaimDeliveries(ctx, firedAt.Add(10*time.Second), 30*time.Second, 10); len(again) != 0 {
		t.Fatalf("claimed %+v again within the lease", again)
	}
	d := claimed[0]
	d.Attempts, d.LastError, d.NextAt = 1, "HTTP 500", firedAt.Add(2*time.Minute)
	if err := s.FinishDelivery(ctx, d); err != nil {
		t.Fatal(err)
	}
	due, err := s.ClaimDeliveries(ctx, firedAt.Add(90*time.Second), time.Hour, 10)
	if err != nil || len(due) != 1 || due[0].Target != "https://hooks.example/b" {
		t.Fatalf("claimed %+v, %v at +90s, want only /b", due, err)
	}
	due, err = s.ClaimDeliveries(ctx, firedAt.Add(3*time.Minute), time.Minute, 10)
	if err != nil || len(due) != 1 || due[0].Target != "https://hooks.example/a" || due[0].Attempts != 1 {
		t.Fatalf("claimed %+v, %v at +3m, want /a after its retry time", due, err)
	}
	d = due[0]
	d.State, d.Attempts, d.Delivered, d.LastError = store.DeliveryDelivered, 2, firedAt.Add(3*time.Minute), ""
	if err := s.FinishDelivery(ctx, d); err != nil {
		t.Fatal(err)
	}
	if late, _ := s.ClaimDeliveries(ctx, firedAt.Add(2*time.Hour), time.Minute, 10); len(late) != 1 || late[0].Target != "https://hooks.example/b" {
		t.Fatalf("claimed %+v two hours later, want only /b (its lease ran out, /a is delivered)", late)
	}
	all, err := s.Deliveries(ctx, "a1")
	if err != nil || len(all) != 2 || all[0].State != store.DeliveryDelivered || !all[0].Delivered.Equal(firedAt.Add(3*time.Minute)) {
		t.Fatalf("Deliveries = %+v, %v", all, err)
	}
	if err := s.FinishDelivery(ctx, store.Delivery{ID: 999999, State: store.DeliveryFailed}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("FinishDelivery(unknown) error %v, want ErrNotFound", err)
	}
}

func testConcurrentClaimsClaimOnce(t *testing.T, s store.Store) {
	ctx := context.Background()
	for i := range 20 {
		a := alertOf(string(rune('a'+i)), "r", "AAPL", i)
		if _, _, err := s.PutAlert(ctx, a, []store.Delivery{{Target: "https://hooks.example/", NextAt: firedAt}}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				ds, err := s.ClaimDeliveries(ctx, firedAt, time.Hour, 3)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				for _, d := range ds {
					seen[d.ID]++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 20 {
		t.Errorf("%d deliveries claimed, want 20", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("delivery %d claimed %d times", id, n)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
