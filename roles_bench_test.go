package iam

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// listRolesBody builds a ListRoles page of n roles, each with its
// percent-encoded trust policy, as IAM sends them.
func listRolesBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult><IsTruncated>false</IsTruncated><Roles>`)
	trust := url.PathEscape(ec2Trust)
	for i := range n {
		fmt.Fprintf(&b, `<member><Path>/</Path><RoleName>role-%d</RoleName><RoleId>AROA%016d</RoleId><Arn>arn:aws:iam::123456789012:role/role-%d</Arn>`+
			`<CreateDate>2024-01-02T03:04:05Z</CreateDate><AssumeRolePolicyDocument>%s</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration></member>`,
			i, i, i, trust)
	}
	b.WriteString(`</Roles></ListRolesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListRolesResponse>`)
	return []byte(b.String())
}

// BenchmarkListRoles100Typed is a typed ListRoles call of a 100-role page
// against a local server: request, signing, one parse, and decoding every
// role with its trust policy (unescaped and parsed once per role).
func BenchmarkListRoles100Typed(b *testing.B) {
	body := listRolesBody(100)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	c, err := New(
		WithEndpoint(srv.URL),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, "")),
		WithClock(func() time.Time { return testTime }),
	)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.ListRoles(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Roles) != 100 || out.Roles[99].AssumeRolePolicy == nil {
			b.Fatalf("got %d roles", len(out.Roles))
		}
	}
}
