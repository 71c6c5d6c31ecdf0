package service

import (
	"context"
	"fmt"
	"time"

	"github.com/tickerwire/tickerwire/alert"
	"github.com/tickerwire/tickerwire/bus"
	"github.com/tickerwire/tickerwire/fetch"
)

// alertReplay is how far back the articles are evaluated again at start,
// for those stored just before a crash and not yet evaluated.
const alertReplay = time.Hour

// webhookTimeout bounds one webhook delivery.
const webhookTimeout = 10 * time.Second

// openAlerts assembles the alert engine: the built-in rules and those of
// the rules file, the alert stream, and webhooks posted under the same
// address policy as every fetch (private and loopback addresses only with
// AllowPrivate).
func (s *Service) openAlerts(cfg Config) error {
	var rules []alert.Rule
	if cfg.BuiltinRules {
		rules = append(rules, alert.Builtin()...)
	}
	if cfg.Rules != "" {
		file, err := alert.LoadFile(cfg.Rules)
		if err != nil {
			return err
		}
		rules = append(rules, file...)
	}
	hooks := &fetch.Client{Timeout: webhookTimeout, AllowPrivate: cfg.AllowPrivate, Logger: s.Log}
	for _, r := range rules {
		for i, t := range r.Targets {
			if t.Type != alert.TargetWebhook {
				continue
			}
			if err := hooks.Check(t.URL); err != nil {
				return fmt.Errorf("rules file %s: rule %q: targets[%d].url: %w", cfg.Rules, r.ID, i, err)
			}
		}
	}
	box, err := secretBox(cfg)
	if err != nil {
		return err
	}
	s.AlertBus = bus.New(bus.Options{Logger: s.Log})
	eng, err := alert.New(alert.Options{
		Secrets: box,
		Store:   s.Store, Rules: rules, Window: time.Duration(cfg.AlertWindow), Stream: s.AlertBus, Logger: s.Log,
		Webhooks: hooks, CheckTarget: hooks.Check,
		Delivery: alert.DeliveryOptions{Backoff: time.Duration(cfg.WebhookRetry), Lease: 2 * webhookTimeout},
		Fired:    s.Metrics.AlertFired, Delivered: s.Metrics.WebhookAttempt,
	})
	if err != nil {
		return fmt.Errorf("alert rules: %w", err)
	}
	s.Alerts = eng
	return nil
}

// prepareAlerts loads the stored rules, warms the per-ticker aggregates
// and cool-downs from the store and evaluates the last hour's articles
// again (alerts already stored are not fired twice).
func (s *Service) prepareAlerts(ctx context.Context) error {
	if err := s.Alerts.Reload(ctx); err != nil {
		return err
	}
	n, err := s.Alerts.Warm(ctx, time.Now(), alertReplay)
	if err != nil {
		return err
	}
	s.Log.Debug("alert aggregates warmed", "articles", n, "rules", len(s.Alerts.Rules()))
	return nil
}

// secretBox returns the box that seals webhook secrets, with the key of
// TICKERWIRE_SECRET_KEY or of the key file (created when missing).
func secretBox(cfg Config) (*alert.SecretBox, error) {
	var key []byte
	var err error
	if cfg.SecretKey != "" {
		if key, err = alert.ParseSecretKey(cfg.SecretKey); err != nil {
			return nil, fmt.Errorf("TICKERWIRE_SECRET_KEY: %w", err)
		}
	} else if key, err = alert.LoadSecretKey(cfg.SecretKeyPath()); err != nil {
		return nil, err
	}
	return alert.NewSecretBox(key)
}
