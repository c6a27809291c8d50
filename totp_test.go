package iam

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rfc6238Seed is the SHA1 key of RFC 6238's appendix B test vectors.
var rfc6238Seed = []byte("12345678901234567890")

// TestTOTPRFC6238Vectors checks the SHA1 rows of RFC 6238 appendix B.
// The RFC prints 8-digit codes; TOTP's 6-digit code is their last six
// digits, since both are the same truncated value modulo a power of ten.
func TestTOTPRFC6238Vectors(t *testing.T) {
	tests := map[string]struct {
		unix  int64
		eight string
	}{
		"59":          {59, "94287082"},
		"1111111109":  {1111111109, "07081804"},
		"1111111111":  {1111111111, "14050471"},
		"1234567890":  {1234567890, "89005924"},
		"2000000000":  {2000000000, "69279037"},
		"20000000000": {20000000000, "65353130"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			at := time.Unix(tc.unix, 0)
			assert.Equal(t, tc.eight, totpCode(rfc6238Seed, totpStep(at), 8))
			assert.Equal(t, tc.eight[2:], TOTP(rfc6238Seed, at))
		})
	}
}

// TestHOTPRFC4226Vectors checks the 6-digit HOTP values of RFC 4226
// appendix D, which exercise the truncation and zero padding directly.
func TestHOTPRFC4226Vectors(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489"}
	for i, code := range want {
		assert.Equal(t, code, totpCode(rfc6238Seed, uint64(i), 6), "counter %d", i)
	}
}

func TestTOTPPair(t *testing.T) {
	at := time.Unix(1111111111, 0) // step 37037037
	c1, c2 := TOTPPair(rfc6238Seed, at)
	assert.Equal(t, TOTP(rfc6238Seed, at.Add(-TOTPPeriod)), c1)
	assert.Equal(t, TOTP(rfc6238Seed, at), c2)
	assert.Equal(t, "050471", c2)
	assert.NotEqual(t, c1, c2)
	// The step boundary: one second before a step starts belongs to the
	// previous one.
	assert.Equal(t, TOTP(rfc6238Seed, time.Unix(59, 0)), TOTP(rfc6238Seed, time.Unix(30, 0)))
	assert.NotEqual(t, TOTP(rfc6238Seed, time.Unix(59, 0)), TOTP(rfc6238Seed, time.Unix(60, 0)))
}

func TestDecodeTOTPSeed(t *testing.T) {
	// "12345678901234567890" in base32.
	const b32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	tests := map[string]string{
		"plain":           b32,
		"lower case":      "gezdgnbvgy3tqojqgezdgnbvgy3tqojq",
		"grouped by four": "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			seed, err := DecodeTOTPSeed(in)
			require.NoError(t, err)
			assert.Equal(t, rfc6238Seed, seed)
		})
	}
	t.Run("padded", func(t *testing.T) {
		seed, err := DecodeTOTPSeed("MZXW6===")
		require.NoError(t, err)
		assert.Equal(t, []byte("foo"), seed)
	})
	for name, in := range map[string]string{"not base32": "GEZD1!", "empty": "  "} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeTOTPSeed(in)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), in)
		})
	}
}

func BenchmarkTOTP(b *testing.B) {
	b.ReportAllocs()
	at := time.Unix(1234567890, 0)
	for b.Loop() {
		_ = TOTP(rfc6238Seed, at)
	}
}

func ExampleTOTP() {
	// The RFC 6238 test seed; a real one comes from
	// VirtualMFADevice.Seed().
	seed := []byte("12345678901234567890")
	fmt.Println(TOTP(seed, time.Unix(1111111109, 0)))
	// Output: 081804
}
