package server

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestAppendISODate(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2024, 1, 2, 15, 4, 5, 0, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(2026, 6, 7, 8, 9, 10, 0, time.FixedZone("x", 3600)),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		{},
	} {
		assert.Equal(t, tm.UTC().Format("2006-01-02T15:04:05Z"), string(appendISODate(nil, tm)))
	}
}

func TestTextEscaping(t *testing.T) {
	for in, want := range map[string]string{
		`a<b>&"c"`:  "a&lt;b&gt;&amp;&quot;c&quot;",
		"tab\tnl\n": "tab\tnl\n",
		"cr\r":      "cr&#xD;",
		"nul\x00":   "nul\uFFFD",
		"bad\xff":   "bad\uFFFD",
		"ok é 日本":   "ok é 日本",
		"\uFFFE":    "\uFFFD",
		"del\x7f":   "del\uFFFD",
	} {
		var w xmlw
		w.text(in)
		assert.Equal(t, want, string(w.b), "%q", in)
	}
}

func TestPolicyDocEncoding(t *testing.T) {
	var w xmlw
	w.policyDoc("D", `{"a": "b c/*+"}`)
	assert.Equal(t, "<D>%7B%22a%22%3A%20%22b%20c%2F%2A%2B%22%7D</D>", string(w.b))
}
