package iam

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"syscall"
	"time"
)

// RetryPolicy says how often and how patiently a call is retried.
//
// The delay before retry n (n = 1, 2, ...) is drawn uniformly from
// [0, min(MaxDelay, BaseDelay*2^(n-1))]: exponential backoff with full
// jitter, so that many throttled clients spread out instead of retrying in
// step.
type RetryPolicy struct {
	// MaxAttempts counts the first attempt; 1 disables retries.
	MaxAttempts int
	BaseDelay   time.Duration
	MaxDelay    time.Duration
}

// DefaultRetryPolicy makes up to 5 attempts with delays capped at 20 s.
var DefaultRetryPolicy = RetryPolicy{MaxAttempts: 5, BaseDelay: 100 * time.Millisecond, MaxDelay: 20 * time.Second}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxAttempts < 1:
		return fmt.Errorf("MaxAttempts %d: must be at least 1", p.MaxAttempts)
	case p.BaseDelay < 0 || p.MaxDelay < 0:
		return errors.New("delays must not be negative")
	case p.MaxDelay < p.BaseDelay:
		return fmt.Errorf("MaxDelay %v is less than BaseDelay %v", p.MaxDelay, p.BaseDelay)
	}
	return nil
}

// backoff returns the jittered delay before the retry that follows attempt.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	if p.BaseDelay <= 0 {
		// min(MaxDelay, 0*2^(n-1)) is 0; the overflow guard below must
		// not mistake this 0 for an overflow and fall back to MaxDelay.
		return 0
	}
	ceiling := p.MaxDelay
	if shift := attempt - 1; shift < 32 {
		// d>>shift == BaseDelay: a shift that overflowed can wrap to a
		// small positive value, which must not become the ceiling.
		if d := p.BaseDelay << shift; d > 0 && d>>shift == p.BaseDelay && d < ceiling {
			ceiling = d
		}
	}
	if ceiling <= 0 {
		return 0
	}
	return rand.N(ceiling + 1)
}

// retryableCodes are the answers worth another attempt.
var retryableCodes = map[string]bool{
	"Throttling":              true,
	"ThrottlingException":     true,
	"RequestLimitExceeded":    true,
	"RequestThrottled":        true,
	"ServiceUnavailable":      true,
	"InternalFailure":         true,
	"InternalError":           true,
	"ServiceFailure":          true,
	"RequestTimeout":          true,
	"RequestTimeoutException": true,
}

// retryable reports whether an attempt's error is worth retrying: throttling
// (by code, or a proxy's HTTP 429) and server-side failures, and a connection that was refused, reset, timed
// out or closed early. Other 4xx answers are final, and so is anything once
// ctx is done.
func retryable(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var ae *APIError
	if errors.As(err, &ae) {
		if retryableCodes[ae.Code] {
			return true
		}
		switch ae.StatusCode {
		case 429, 500, 502, 503, 504:
			return true
		}
		return false
	}
	var ce *credentialsError
	if errors.As(err, &ce) || errors.Is(err, ErrResponseTooLarge) {
		return false
	}
	var de *DecodeError
	if errors.As(err, &de) {
		return false
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

// sleep waits d or until ctx is done, whichever comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// credentialsError is a failure to get credentials: not retried, since the
// providers already wait and retry as their sources need.
type credentialsError struct{ err error }

func (e *credentialsError) Error() string { return "retrieve credentials: " + e.err.Error() }
func (e *credentialsError) Unwrap() error { return e.err }
