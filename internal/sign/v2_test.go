package sign

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The SigV2 example of the AWS documentation signs with this secret (note
// the '/' where the SigV4 example has '+').
const v2DocSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

// TestSigV2Vector pins the string to sign and the signature to the AWS
// Signature Version 2 example (DescribeJobFlows), then verifies the signed
// URL as a server would.
func TestSigV2Vector(t *testing.T) {
	dir := "../../testdata/sigv2/describe-job-flows/"
	method, rawURL, _ := strings.Cut(readFile(t, dir+"request"), " ")
	u, err := url.Parse(rawURL)
	require.NoError(t, err)

	var params query.Values
	for k, vs := range u.Query() {
		if k != "Signature" {
			params.Add(k, vs[0])
		}
	}
	params.Sort()
	sts := AppendStringToSignV2(nil, method, HostV2(u.Scheme, u.Host), u.Path, params.AppendEncode(nil))
	require.Equal(t, readFile(t, dir+"sts"), string(sts))
	sig, ok := SignatureV2(v2DocSecret, HmacSHA256, sts)
	require.True(t, ok)
	require.Equal(t, readFile(t, dir+"signature"), sig)
	require.Equal(t, sig, u.Query().Get("Signature"))

	req, err := http.NewRequest(method, rawURL, nil)
	require.NoError(t, err)
	lookup := func(id string) (string, bool) { return v2DocSecret, id == "AKIAIOSFODNN7EXAMPLE" }
	res, err := VerifyRequest(req, nil, lookup, time.Date(2011, 10, 3, 15, 20, 0, 0, time.UTC), 15*time.Minute)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Version)
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", res.AccessKeyID)
}

func TestHostV2(t *testing.T) {
	tests := map[string]struct{ scheme, host, want string }{
		"https default port":  {"https", "IAM.Example.com:443", "iam.example.com"},
		"http default port":   {"http", "localhost:80", "localhost"},
		"non-default port":    {"http", "localhost:8773", "localhost:8773"},
		"https on port 80":    {"https", "h:80", "h:80"},
		"no port":             {"https", "Host", "host"},
		"ipv6 default port":   {"https", "[::1]:443", "[::1]"},
		"ipv6 explicit port":  {"http", "[::1]:9000", "[::1]:9000"},
		"ipv6 without port":   {"http", "[::1]", "[::1]"},
		"scheme case ignored": {"HTTPS", "h:443", "h"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, HostV2(tc.scheme, tc.host))
		})
	}
}

func TestSignatureV2Methods(t *testing.T) {
	sts := []byte("GET\nh\n/\nA=1")
	s256, ok := SignatureV2("k", HmacSHA256, sts)
	require.True(t, ok)
	s1, ok := SignatureV2("k", HmacSHA1, sts)
	require.True(t, ok)
	assert.Len(t, s256, 44) // 32 bytes in base64
	assert.Len(t, s1, 28)   // 20 bytes in base64
	_, ok = SignatureV2("k", "HmacMD5", sts)
	assert.False(t, ok)
}
