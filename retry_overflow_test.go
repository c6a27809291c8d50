package iam

import (
	"testing"
	"time"
)

// A BaseDelay shifted past the int64 range can wrap to a small positive
// duration; the ceiling must then be MaxDelay, not the wrapped value.
func TestRetryBackoffShiftOverflowUsesMaxDelay(t *testing.T) {
	// (2^33+1) ns << 31 wraps to 2^31 ns (about 2.1 s), far below MaxDelay.
	p := RetryPolicy{MaxAttempts: 40, BaseDelay: 1<<33 + 1, MaxDelay: time.Hour}
	const wrapped = time.Duration(1) << 31
	var longest time.Duration
	for i := 0; i < 200; i++ {
		longest = max(longest, p.backoff(32))
	}
	// Uniform over [0, 1h]: 200 draws all under 2.1 s has probability
	// (2.1/3600)^200, i.e. never.
	if longest <= wrapped {
		t.Errorf("200 delays after attempt 32 were all <= %v: the ceiling wrapped around instead of being MaxDelay", wrapped)
	}
}

// With BaseDelay 0 the documented ceiling min(MaxDelay, 0*2^(n-1)) is 0:
// retries are immediate, whatever MaxDelay says.
func TestRetryBackoffZeroBaseDelayIsImmediate(t *testing.T) {
	p := RetryPolicy{MaxAttempts: 5, BaseDelay: 0, MaxDelay: time.Hour}
	for attempt := 1; attempt <= 40; attempt++ {
		for i := 0; i < 20; i++ {
			if d := p.backoff(attempt); d != 0 {
				t.Fatalf("backoff(%d) = %v, want 0 with BaseDelay 0", attempt, d)
			}
		}
	}
}
