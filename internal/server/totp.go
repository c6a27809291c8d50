package server

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/binary"
	"time"
)

// TOTP per RFC 6238 with IAM's parameters: HMAC-SHA1, 30-second steps,
// 6 digits.

const totpStep = 30

// totp returns the 6-digit code of seed for time step n.
func totp(seed []byte, n int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(n))
	m := hmac.New(sha1.New, seed)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	code := v % 1000000
	var out [6]byte
	for i := 5; i >= 0; i-- {
		out[i] = byte('0' + code%10)
		code /= 10
	}
	return string(out[:])
}

// totpWindow is how many steps back the first of two consecutive codes
// may lie: a person reads two codes a minute apart, and clocks drift.
const totpWindow = 10

// checkConsecutive reports whether code1 and code2 are the codes of two
// consecutive steps ending no later than one step after now.
func checkConsecutive(seed []byte, code1, code2 string, now time.Time) bool {
	cur := now.Unix() / totpStep
	for n := cur - totpWindow; n <= cur; n++ {
		if hmac.Equal([]byte(totp(seed, n)), []byte(code1)) &&
			hmac.Equal([]byte(totp(seed, n+1)), []byte(code2)) {
			return true
		}
	}
	return false
}
