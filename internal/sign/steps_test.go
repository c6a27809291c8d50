package sign

import (
	"crypto/hmac"
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHMACSHA256MatchesStdlib(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 63, 64, 65, 200, 256, 257, 1000} {
		key := []byte(strings.Repeat("k", n))
		msg := []byte(strings.Repeat("m", n*3))
		m := hmac.New(sha256.New, key)
		m.Write(msg)
		got := HMACSHA256(key, msg)
		assert.Equal(t, m.Sum(nil), got[:], "len %d", n)
	}
}

// TestDeriveKeyDocExample pins the signing key of the IAM example in the
// SigV4 documentation.
func TestDeriveKeyDocExample(t *testing.T) {
	key := DeriveKey(suiteSecret, Scope{Date: "20150830", Region: "us-east-1", Service: "iam"})
	assert.Equal(t, "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", string(AppendHex(nil, key[:])))
}

func TestAppendAmzDate(t *testing.T) {
	for _, tm := range []time.Time{
		suiteTime,
		time.Date(1999, 12, 31, 23, 59, 59, 999, time.UTC),
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 5*3600+1800)),
	} {
		assert.Equal(t, tm.UTC().Format(TimeFormat), string(AppendAmzDate(nil, tm)))
	}
}

func TestNormalizePath(t *testing.T) {
	tests := map[string]string{
		"/":                         "/",
		"//":                        "/",
		"/./":                       "/",
		"/example/..":               "/",
		"/example1/example2/../..":  "/",
		"/./example":                "/example",
		"//example//":               "/example/",
		"/a/b/../c/./d":             "/a/c/d",
		"/a/b/.":                    "/a/b/",
		"/..":                       "/",
		"/../../a":                  "/a",
		"/services/Euare":           "/services/Euare",
		"/services/Euare/":          "/services/Euare/",
		"relative/path":             "/relative/path",
		"/a%2F..":                   "/a%2F..",
		"/..a/b..":                  "/..a/b..",
		"/trailing/dotdot/../../..": "/",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			assert.Equal(t, want, NormalizePath(in))
			// isNormalPath must agree: it guards the fast path.
			assert.Equal(t, in == want, isNormalPath(in))
		})
	}
}

func TestAppendCanonicalURI(t *testing.T) {
	tests := map[string]struct {
		path      string
		normalize bool
		want      string
	}{
		"empty":                      {"", true, "/"},
		"root":                       {"/", true, "/"},
		"endpoint path kept":         {"/services/Euare", true, "/services/Euare"},
		"escaped space double":       {"/a%20b", true, "/a%2520b"},
		"utf8 double":                {"/%E1%88%B4", true, "/%25E1%2588%25B4"},
		"unreserved literal":         {"/-_.~AZaz09", true, "/-_.~AZaz09"},
		"reserved escaped":           {"/a:b@c+d", true, "/a%3Ab%40c%2Bd"},
		"normalised":                 {"/a/../b//c", true, "/b/c"},
		"kept as written (S3 style)": {"/a/../b//c", false, "/a/../b//c"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(AppendCanonicalURI(nil, tc.path, tc.normalize)))
		})
	}
}

func TestAppendCanonicalQuery(t *testing.T) {
	tests := map[string]struct{ raw, skip, want string }{
		"empty":                  {"", "", ""},
		"sorted by key":          {"b=2&a=1", "", "a=1&b=2"},
		"key case, upper first":  {"Param2=value2&Param1=value1&param0=x", "", "Param1=value1&Param2=value2&param0=x"},
		"equal keys by value":    {"a=2&a=1&a=10", "", "a=1&a=10&a=2"},
		"sort after encoding":    {"k=a-b&k=a%2Fb", "", "k=a%2Fb&k=a-b"},
		"plus is space":          {"q=a+b", "", "q=a%20b"},
		"reencoded":              {"q=%7e%2a%20", "", "q=~%2A%20"},
		"no value":               {"flag&a=1", "", "a=1&flag="},
		"empty pairs skipped":    {"&&a=1&", "", "a=1"},
		"skip":                   {"X-Amz-Signature=abc&A=1", "X-Amz-Signature", "A=1"},
		"bad escape kept":        {"a=%zz", "", "a=%25zz"},
		"many pairs (sort path)": {"j=0&i=0&h=0&g=0&f=0&e=0&d=0&c=0&b=0&a=0", "", "a=0&b=0&c=0&d=0&e=0&f=0&g=0&h=0&i=0&j=0"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, string(AppendCanonicalQuery(nil, tc.raw, tc.skip)))
		})
	}
}

func TestAppendCanonicalHeaders(t *testing.T) {
	got := AppendCanonicalHeaders(nil, []Header{
		{Name: "a", Values: []string{"  x  ", "y\t\t z"}},
		{Name: "b", Values: []string{""}},
	})
	require.Equal(t, "a:x,y z\nb:\n", string(got))
	assert.Equal(t, "a;b", string(AppendSignedHeaders(nil, []Header{{Name: "a"}, {Name: "b"}})))
}
