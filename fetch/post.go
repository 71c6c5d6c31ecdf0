package fetch

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxAnswer caps what is read of the answer to a Post.
const maxAnswer = 64 << 10

// Post sends body to rawURL with POST and the given headers (webhooks),
// under the same address guard, URL checks and Timeout as Get. Redirects
// are not followed: a webhook that moved must be reconfigured. A 2xx
// answer is success; any other status is a *StatusError (errors.Is
// ErrStatus). Errors wrap ErrBadURL and ErrBlockedAddress as for Get.
func (c *Client) Post(ctx context.Context, rawURL string, header http.Header, body []byte) error {
	start := time.Now()
	u, err := c.target(rawURL)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, c.timeout(), errTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("post %s: %w", u, err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", c.userAgent())
	hc := *c.client()
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := hc.Do(req)
	if err != nil {
		return c.fail(ctx, u, err, start)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxAnswer))
	c.logger().Debug("post", "url", u.String(), "status", resp.StatusCode, "elapsed", time.Since(start))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("post %s: %w", u, &StatusError{Code: resp.StatusCode,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())})
	}
	return nil
}
