package xmltree

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// hasAmpOrCR reports whether s holds a '&' or a '\r', the bytes that send
// a text to decodeText. It tests eight bytes at a time (the zero-byte trick
// on s XOR the byte repeated); on the 1000-user ListUsers page, made mostly
// of short runs, that took fewer instructions (cachegrind) than a byte loop
// or two IndexByte calls.
func hasAmpOrCR(s []byte) bool {
	const (
		lo  = 0x0101010101010101
		hi  = 0x8080808080808080
		amp = '&' * lo
		cr  = '\r' * lo
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64(s[i:])
		a, c := x^amp, x^cr
		if ((a-lo)&^a|(c-lo)&^c)&hi != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if s[i] == '&' || s[i] == '\r' {
			return true
		}
	}
	return false
}

// decodeText decodes the references in raw (unless cdata) and rewrites
// "\r\n" and a lone "\r" to "\n", as XML 1.0 section 2.11 requires. On a bad
// reference it returns the offset of the '&' within raw and a message.
func decodeText(raw string, cdata bool) (string, int, string) {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			i++
			if i < len(raw) && raw[i] == '\n' {
				i++
			}
		case c == '&' && !cdata:
			r, n, msg := decodeRef(raw[i:])
			if msg != "" {
				return "", i, msg
			}
			b.WriteRune(r)
			i += n
		default:
			// Copy the run up to the next byte that needs attention.
			j := i + 1
			for j < len(raw) && raw[j] != '\r' && (cdata || raw[j] != '&') {
				j++
			}
			b.WriteString(raw[i:j])
			i = j
		}
	}
	return b.String(), 0, ""
}

// maxRefLen bounds how far a reference may run before its ';': the longest
// valid one is "&#x0010FFFF;" give or take leading zeros, and a bound keeps
// an unterminated '&' from scanning the rest of a large text.
const maxRefLen = 32

// decodeRef decodes the reference at the start of s (which begins with '&')
// and returns the rune, the reference's length including '&' and ';', or a
// message saying what is wrong.
func decodeRef(s string) (rune, int, string) {
	end := strings.IndexByte(s, ';')
	if end < 0 || end > maxRefLen {
		return 0, 0, "'&' does not start a reference terminated by ';' (escape it as &amp;)"
	}
	body := s[1:end]
	switch body {
	case "amp":
		return '&', end + 1, ""
	case "lt":
		return '<', end + 1, ""
	case "gt":
		return '>', end + 1, ""
	case "apos":
		return '\'', end + 1, ""
	case "quot":
		return '"', end + 1, ""
	}
	if body == "" || body[0] != '#' {
		return 0, 0, "unknown entity reference (only amp, lt, gt, apos and quot are defined)"
	}
	digits, base := body[1:], rune(10)
	if digits != "" && digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if digits == "" {
		return 0, 0, "character reference without digits"
	}
	var r rune
	for i := 0; i < len(digits); i++ {
		d := hexVal(digits[i])
		if d < 0 || d >= base {
			return 0, 0, "invalid digit in character reference"
		}
		r = r*base + d
		if r > utf8.MaxRune {
			return 0, 0, "character reference beyond U+10FFFF"
		}
	}
	if !isXMLChar(r) {
		return 0, 0, "character reference to a code point XML does not allow"
	}
	return r, end + 1, ""
}

func hexVal(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

// isXMLChar is the Char production of XML 1.0: it excludes NUL, most C0
// controls, the surrogates and U+FFFE/U+FFFF.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= utf8.MaxRune
}

// isSpace reports whether s is only XML whitespace.
func isSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpaceByte(s[i]) {
			return false
		}
	}
	return true
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
