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
