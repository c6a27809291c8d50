package policy

import (
	"encoding/base64"
	"math"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// dateLayouts are the ISO 8601 forms accepted in Date conditions and in the
// aws:CurrentTime context value, most common first so that the usual case
// parses on the first try without building an error.
var dateLayouts = []string{
	time.RFC3339Nano,          // 2026-11-29T13:18:26Z, with optional fraction and offset
	"2006-01-02T15:04Z07:00",  // minutes precision with zone
	"2006-01-02T15:04:05.999", // local forms are read as UTC
	"2006-01-02T15:04",
	"2006-01-02",
	"20060102T150405Z0700", // ISO 8601 basic format
	"20060102T150405Z",
}

// parseDate reads an ISO 8601 date or a count of seconds since the Unix
// epoch, both of which IAM accepts for Date operators.
func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if isEpoch(s) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// isEpoch reports whether s is an optionally signed string of digits.
func isEpoch(s string) bool {
	if s[0] == '-' {
		s = s[1:]
	}
	if s == "" || len(s) > 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseNumber reads an integer or decimal; NaN and infinities, which
// strconv accepts by name, are not numbers in a policy.
func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// parsePrefix reads a CIDR block or a bare address (a block of one).
// IPv4-mapped IPv6 forms are unmapped so that ::ffff:10.0.0.1 and 10.0.0.1
// compare equal.
func parsePrefix(s string) (netip.Prefix, bool) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		addr := p.Addr()
		bits := p.Bits()
		if addr.Is4In6() {
			if bits < 96 {
				return netip.Prefix{}, false
			}
			addr, bits = addr.Unmap(), bits-96
		}
		return netip.PrefixFrom(addr, bits).Masked(), true
	}
	a, ok := parseAddr(s)
	if !ok {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, a.BitLen()), true
}

// parseAddr reads an IP address from the request context.
func parseAddr(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// parseBool reads "true" or "false" in any case, as IAM's Bool does.
func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// decodeBinary reads a base64 value for BinaryEquals.
func decodeBinary(s string) ([]byte, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	return b, true
}
