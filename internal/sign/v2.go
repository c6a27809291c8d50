package sign

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"net"
	"strings"
)

// SigV2 signature methods.
const (
	HmacSHA256 = "HmacSHA256"
	HmacSHA1   = "HmacSHA1"
)

// V2TimeFormat is the layout of a SigV2 Timestamp.
const V2TimeFormat = "2006-01-02T15:04:05Z"

// AppendStringToSignV2 appends the SigV2 string to sign:
// METHOD\nhost\npath\ncanonicalQuery. An empty path is "/".
func AppendStringToSignV2(dst []byte, method, host, path string, canonicalQuery []byte) []byte {
	if path == "" {
		path = "/"
	}
	dst = append(dst, method...)
	dst = append(dst, '\n')
	dst = append(dst, host...)
	dst = append(dst, '\n')
	dst = append(dst, path...)
	dst = append(dst, '\n')
	return append(dst, canonicalQuery...)
}

// SignatureV2 returns the base64 HMAC of a SigV2 string to sign under
// method HmacSHA256 or HmacSHA1, and false for any other method.
func SignatureV2(secret, method string, stringToSign []byte) (string, bool) {
	var h func() hash.Hash
	switch method {
	case HmacSHA256:
		h = sha256.New
	case HmacSHA1:
		h = sha1.New
	default:
		return "", false
	}
	m := hmac.New(h, []byte(secret))
	m.Write(stringToSign)
	return base64.StdEncoding.EncodeToString(m.Sum(nil)), true
}

// HostV2 returns the host line of a SigV2 string to sign: the host
// lowercased, with its port only when the port is not the scheme's default.
func HostV2(scheme, host string) string {
	host = strings.ToLower(host)
	h, port, err := net.SplitHostPort(host)
	if err != nil {
		return host // no port
	}
	if port == "" || (port == "443" && strings.EqualFold(scheme, "https")) ||
		(port == "80" && strings.EqualFold(scheme, "http")) {
		if strings.Contains(h, ":") {
			return "[" + h + "]"
		}
		return h
	}
	return host
}
