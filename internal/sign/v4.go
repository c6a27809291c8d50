package sign

import (
	"crypto/sha256"
)

// Scope is a SigV4 credential scope: date/region/service/aws4_request.
type Scope struct {
	Date    string // YYYYMMDD
	Region  string
	Service string
}

// AppendScope appends date/region/service/aws4_request.
func AppendScope(dst []byte, s Scope) []byte {
	dst = append(dst, s.Date...)
	dst = append(dst, '/')
	dst = append(dst, s.Region...)
	dst = append(dst, '/')
	dst = append(dst, s.Service...)
	dst = append(dst, '/')
	return append(dst, Terminator...)
}

// AppendStringToSign appends the SigV4 string to sign:
// algorithm, X-Amz-Date, scope and the hex SHA-256 of the canonical request,
// one per line.
func AppendStringToSign(dst []byte, amzDate string, scope Scope, canonicalRequest []byte) []byte {
	sum := sha256.Sum256(canonicalRequest)
	return AppendStringToSignHash(dst, amzDate, scope, sum)
}

// AppendStringToSignHash is AppendStringToSign for a canonical request
// already hashed.
func AppendStringToSignHash(dst []byte, amzDate string, scope Scope, creqHash [sha256.Size]byte) []byte {
	dst = append(dst, Algorithm...)
	dst = append(dst, '\n')
	dst = append(dst, amzDate...)
	dst = append(dst, '\n')
	dst = AppendScope(dst, scope)
	dst = append(dst, '\n')
	return AppendHex(dst, creqHash[:])
}

// DeriveKey derives the SigV4 signing key:
// HMAC chain over "AWS4"+secret, date, region, service, "aws4_request".
// The key is valid for one day, region and service, which is what makes it
// worth caching.
func DeriveKey(secret string, s Scope) [sha256.Size]byte {
	var kbuf [4 + 128]byte
	k := append(kbuf[:0], "AWS4"...)
	k = append(k, secret...)
	var mbuf [64]byte
	key := HMACSHA256(k, append(mbuf[:0], s.Date...))
	key = HMACSHA256(key[:], append(mbuf[:0], s.Region...))
	key = HMACSHA256(key[:], append(mbuf[:0], s.Service...))
	return HMACSHA256(key[:], append(mbuf[:0], Terminator...))
}

// Signature returns the raw SigV4 signature of a string to sign.
func Signature(key [sha256.Size]byte, stringToSign []byte) [sha256.Size]byte {
	return HMACSHA256(key[:], stringToSign)
}

// AppendAuthorization appends the Authorization header value:
// AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=..., Signature=hex.
func AppendAuthorization(dst []byte, accessKeyID string, scope Scope, signedHeaders string, sig [sha256.Size]byte) []byte {
	dst = append(dst, Algorithm...)
	dst = append(dst, " Credential="...)
	dst = append(dst, accessKeyID...)
	dst = append(dst, '/')
	dst = AppendScope(dst, scope)
	dst = append(dst, ", SignedHeaders="...)
	dst = append(dst, signedHeaders...)
	dst = append(dst, ", Signature="...)
	return AppendHex(dst, sig[:])
}
