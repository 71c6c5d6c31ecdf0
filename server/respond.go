package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// apiError is an error answered to a client: a status, a stable
// machine-readable code and a message that says what to do next.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return e.message }

// Error codes of the JSON API, stable for clients.
const (
	codeBadParameter     = "bad_parameter"
	codeUnknownParameter = "unknown_parameter"
	codeBadBody          = "bad_body"
	codeBadMediaType     = "unsupported_media_type"
	codeTooLarge         = "body_too_large"
	codeNotFound         = "not_found"
	codeMethod           = "method_not_allowed"
	codeConflict         = "conflict"
	codeUnprocessable    = "unprocessable"
	codeUnauthorized     = "unauthorized"
	codeForbidden        = "forbidden"
	codeRateLimited      = "rate_limited"
	codeUnavailable      = "unavailable"
	codeInternal         = "internal"
)

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, message: fmt.Sprintf(format, args...)}
}

// badParam reports an invalid query parameter.
func badParam(name, format string, args ...any) *apiError {
	return errorf(http.StatusBadRequest, codeBadParameter, "parameter %s: %s", name, fmt.Sprintf(format, args...))
}

// writeJSON answers v as JSON with status. Characters such as & and <
// are written as they are, not escaped for HTML, as other JSON APIs do.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":"cannot encode the response","code":"internal"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// writeError answers err as {"error": ..., "code": ...}.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	ae := s.clientError(w, r, err)
	writeJSON(w, ae.status, struct {
		Error string `json:"error"`
		Code  string `json:"code"`
	}{ae.message, ae.code})
}

// clientError returns what to answer for err and sets the headers it calls
// for: a challenge with a 401, Retry-After when rate limited. An error
// that is not an *apiError is logged and becomes a 500 without details.
func (s *server) clientError(w http.ResponseWriter, r *http.Request, err error) *apiError {
	var ae *apiError
	if !errors.As(err, &ae) {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		ae = errorf(http.StatusInternalServerError, codeInternal, "internal error; see the server log")
	}
	if ae.status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tickerwire"`)
	}
	var rl *rateLimited
	if errors.As(err, &rl) {
		w.Header().Set("Retry-After", retryAfter(rl.wait))
	}
	return ae
}
