package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
)

// GetRobots fetches and parses the robots.txt of the site of siteURL (any
// URL on the site), following RFC 9309: a 4xx answer (no robots.txt) or too
// many redirects allow everything; a 5xx answer, a network error or a
// timeout give a Robots that disallows everything together with the error,
// so a caller that ignores the error stays polite. A bad siteURL or a
// blocked address give a nil Robots and the error (the page fetch would
// fail the same way).
func (c *Client) GetRobots(ctx context.Context, siteURL string) (*Robots, error) {
	u, err := c.target(siteURL)
	if err != nil {
		return nil, err
	}
	robotsURL := (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}).String()
	resp, err := c.Get(ctx, robotsURL)
	var se *StatusError
	switch {
	case err == nil, errors.Is(err, ErrTooLarge):
		return ParseRobots(bytes.NewReader(resp.Body))
	case errors.As(err, &se) && se.Code >= 400 && se.Code < 500, errors.Is(err, ErrTooManyRedirects):
		return &Robots{}, nil
	case errors.Is(err, ErrBadURL), errors.Is(err, ErrBlockedAddress):
		return nil, err
	case errors.Is(err, ErrUnreachable):
		return &Robots{disallowAll: true}, err
	}
	return &Robots{disallowAll: true}, fmt.Errorf("robots.txt unavailable, treating the site as disallowed: %w", err)
}
