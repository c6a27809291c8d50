package iam

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// TOTP parameters of IAM's virtual MFA devices (RFC 6238 with its
// defaults): HMAC-SHA1 over 30-second steps counted from the Unix epoch,
// 6 decimal digits.
const (
	// TOTPPeriod is the length of one TOTP time step.
	TOTPPeriod = 30 * time.Second
	// TOTPDigits is the number of digits of an MFA code.
	TOTPDigits = 6
)

// TOTP returns the 6-digit time-based one-time password of seed at t, as
// an authenticator app shows it (RFC 6238: HMAC-SHA1, 30-second steps).
// seed is the raw secret, e.g. VirtualMFADevice.Seed(), not its base32
// text. Codes are zero-padded, so "001234" is a valid code.
func TOTP(seed []byte, t time.Time) string {
	return totpCode(seed, totpStep(t), TOTPDigits)
}

// TOTPPair returns two consecutive codes for EnableMFADevice and
// ResyncMFADevice: the code of the time step before t's and the code of
// t's step. Both steps have already begun at t, as they would have for a
// person reading an authenticator app, so a server that accepts "the two
// most recent codes" accepts them.
func TOTPPair(seed []byte, t time.Time) (code1, code2 string) {
	step := totpStep(t)
	return totpCode(seed, step-1, TOTPDigits), totpCode(seed, step, TOTPDigits)
}

// DecodeTOTPSeed turns the base32 text of a seed (as in an otpauth:// URI
// or VirtualMFADevice.Base32StringSeed) into the raw secret TOTP takes.
// Padding, spaces and lower case are accepted, as authenticator apps
// accept them; the error does not quote the input, which is a secret.
func DecodeTOTPSeed(b32 string) ([]byte, error) {
	s := strings.ToUpper(strings.Join(strings.Fields(b32), ""))
	s = strings.TrimRight(s, "=")
	seed, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("iam: TOTP seed is not valid base32 (%d characters)", len(b32))
	}
	if len(seed) == 0 {
		return nil, fmt.Errorf("iam: TOTP seed is empty")
	}
	return seed, nil
}

// totpStep is the RFC 6238 counter of t: whole periods since the epoch.
// Times before 1970 have no defined code; they count as step 0.
func totpStep(t time.Time) uint64 {
	s := t.Unix() / int64(TOTPPeriod/time.Second)
	if s < 0 {
		return 0
	}
	return uint64(s)
}

// pow10 holds 10^n for the digit counts HOTP allows (RFC 4226 asks for 6
// to 8; the RFC 6238 test table uses 8).
var pow10 = [...]uint32{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000}

// totpCode is HOTP (RFC 4226) of counter with the given number of digits:
// HMAC-SHA1, dynamic truncation, modulo 10^digits, zero-padded.
func totpCode(seed []byte, counter uint64, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m := hmac.New(sha1.New, seed)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	v %= pow10[digits]
	out := make([]byte, digits)
	for i := digits - 1; i >= 0; i-- {
		out[i] = byte('0' + v%10)
		v /= 10
	}
	return string(out)
}
