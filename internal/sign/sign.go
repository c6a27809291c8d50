// Package sign holds the AWS request-signing algorithms, one function per
// step of the specifications, and their mirror image: verification of a
// signed request, for the local IAM-compatible server.
//
// Everything here is a pure function of its arguments. Time is passed in,
// never read from the clock, so each step can be pinned to published vectors.
// The functions append to caller-supplied buffers so the client's hot path
// can keep its scratch space on the stack.
package sign

import (
	"crypto/sha256"
	"time"
)

const (
	// Algorithm is the SigV4 algorithm name, first line of the string to sign.
	Algorithm = "AWS4-HMAC-SHA256"
	// TimeFormat is the layout of X-Amz-Date.
	TimeFormat = "20060102T150405Z"
	// DateFormat is the layout of the date in the credential scope.
	DateFormat = "20060102"
	// Terminator ends every SigV4 credential scope.
	Terminator = "aws4_request"
	// EmptySHA256 is the hex SHA-256 of an empty payload.
	EmptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

const lowerhex = "0123456789abcdef"

// AppendHex appends the lowercase hex form of b.
func AppendHex(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, lowerhex[c>>4], lowerhex[c&15])
	}
	return dst
}

// AppendAmzDate appends t (converted to UTC) as 20060102T150405Z. It avoids
// time.Format, whose layout parser costs more than the rest of a signature.
func AppendAmzDate(dst []byte, t time.Time) []byte {
	t = t.UTC()
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	dst = append4(dst, y)
	dst = append2(dst, int(mo))
	dst = append2(dst, d)
	dst = append(dst, 'T')
	dst = append2(dst, h)
	dst = append2(dst, mi)
	dst = append2(dst, s)
	return append(dst, 'Z')
}

func append4(dst []byte, n int) []byte {
	if n < 0 || n > 9999 {
		n = 0 // years outside 0..9999 cannot be written in the format; AWS rejects them anyway
	}
	return append(dst, byte('0'+n/1000), byte('0'+n/100%10), byte('0'+n/10%10), byte('0'+n%10))
}

func append2(dst []byte, n int) []byte {
	return append(dst, byte('0'+n/10), byte('0'+n%10))
}

// HMACSHA256 returns HMAC-SHA256(key, msg) (RFC 2104). It works on stack
// buffers: crypto/hmac allocates two hash states per call, and a signature
// needs five HMACs (one with a cached key).
func HMACSHA256(key, msg []byte) [sha256.Size]byte {
	const block = sha256.BlockSize
	var k [block]byte
	if len(key) > block {
		sum := sha256.Sum256(key)
		copy(k[:], sum[:])
	} else {
		copy(k[:], key)
	}
	var ibuf [block + 256]byte
	in := ibuf[:block]
	for i := range k {
		in[i] = k[i] ^ 0x36
	}
	in = append(in, msg...)
	inner := sha256.Sum256(in)

	var obuf [block + sha256.Size]byte
	for i := range k {
		obuf[i] = k[i] ^ 0x5c
	}
	copy(obuf[block:], inner[:])
	return sha256.Sum256(obuf[:])
}
