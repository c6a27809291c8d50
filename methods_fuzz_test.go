package iam

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// bodyTransport answers every request with 200 and body, in memory, so a
// fuzz target can run typed methods end to end without a server.
type bodyTransport struct{ body string }

func (b *bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	return &http.Response{
		StatusCode:    200,
		Header:        http.Header{"Content-Type": {"text/xml"}},
		ContentLength: int64(len(b.body)),
		Body:          io.NopCloser(strings.NewReader(b.body)),
		Request:       r,
	}, nil
}

// resultInner returns what a fixture holds inside its <...Result>
// element, the part the fuzzer varies.
func resultInner(body string) string {
	start := strings.Index(body, "Result>")
	end := strings.LastIndex(body, "</")
	if start < 0 || end < start {
		return body
	}
	if e := strings.LastIndex(body[:end], "Result>"); e > start {
		end = strings.LastIndex(body[:e], "</")
	}
	return body[start+len("Result>") : end]
}

// FuzzMethodsOverArbitraryResults feeds arbitrary result contents to every
// typed method of the newer actions (tags, GetMFADevice, service-linked
// roles, last accessed reports, context keys, Organizations features,
// outbound federation, delegation): hostile answers give errors, never
// panics, and a method that returns no error returns a non-nil result.
func FuzzMethodsOverArbitraryResults(f *testing.F) {
	files, err := filepath.Glob("testdata/typed/*.xml")
	require.NoError(f, err)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(resultInner(string(b)))
	}
	f.Add(`<JobStatus>COMPLETED</JobStatus><ServicesLastAccessed><member><TrackedActionsLastAccessed>x</TrackedActionsLastAccessed></member></ServicesLastAccessed>`)
	f.Add(`<Reason><RoleUsageList><member><Resources>r</Resources></member></RoleUsageList></Reason>`)
	f.Add(`<Certifications><entry><key/></entry></Certifications><EnableDate>x</EnableDate>`)

	rt := &bodyTransport{}
	c, err := New(WithEndpoint("https://iam.example.test"), WithHTTPClient(&http.Client{Transport: rt}),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, "")),
		WithClock(func() time.Time { return testTime }), WithRetryPolicy(RetryPolicy{MaxAttempts: 1}))
	require.NoError(f, err)
	ctx := context.Background()
	const arn = "arn:aws:iam::123456789012:user/Bob"
	const policyARN = "arn:aws:iam::123456789012:policy/P"
	calls := map[string]func() (any, error){
		"ListPolicyTags":          func() (any, error) { return c.ListPolicyTags(ctx, policyARN, nil) },
		"GetMFADevice":            func() (any, error) { return c.GetMFADevice(ctx, "", "arn:aws:iam::123456789012:u2f/x") },
		"CreateServiceLinkedRole": func() (any, error) { return c.CreateServiceLinkedRole(ctx, "ec2.amazonaws.com", nil) },
		"DeleteServiceLinkedRole": func() (any, error) { return c.DeleteServiceLinkedRole(ctx, "R") },
		"GetServiceLinkedRoleDeletionStatus": func() (any, error) {
			return c.GetServiceLinkedRoleDeletionStatus(ctx, "task/x")
		},
		"GenerateServiceLastAccessedDetails": func() (any, error) { return c.GenerateServiceLastAccessedDetails(ctx, arn, nil) },
		"GetServiceLastAccessedDetails":      func() (any, error) { return c.GetServiceLastAccessedDetails(ctx, testJobID, nil) },
		"GetServiceLastAccessedDetailsWithEntities": func() (any, error) {
			return c.GetServiceLastAccessedDetailsWithEntities(ctx, testJobID, "s3", nil)
		},
		"ListPoliciesGrantingServiceAccess": func() (any, error) {
			return c.ListPoliciesGrantingServiceAccess(ctx, arn, []string{"s3"}, nil)
		},
		"GetOrganizationsAccessReport": func() (any, error) { return c.GetOrganizationsAccessReport(ctx, testJobID, nil) },
		"GetContextKeysForPrincipalPolicy": func() (any, error) {
			return c.GetContextKeysForPrincipalPolicy(ctx, arn, nil)
		},
		"ListOrganizationsFeatures":            func() (any, error) { return c.ListOrganizationsFeatures(ctx) },
		"EnableOutboundWebIdentityFederation":  func() (any, error) { return c.EnableOutboundWebIdentityFederation(ctx) },
		"GetOutboundWebIdentityFederationInfo": func() (any, error) { return c.GetOutboundWebIdentityFederationInfo(ctx) },
		"CreateDelegationRequest":              func() (any, error) { return c.CreateDelegationRequest(ctx, minimalDelegation()) },
	}
	// The transport must reach the decoders: a well-formed answer decodes.
	rt.body = `<R><ListOrganizationsFeaturesResult><OrganizationId>o-aa111bb222</OrganizationId></ListOrganizationsFeaturesResult></R>`
	feats, err := c.ListOrganizationsFeatures(ctx)
	require.NoError(f, err)
	require.Equal(f, "o-aa111bb222", feats.OrganizationID)

	f.Fuzz(func(t *testing.T, inner string) {
		for action, call := range calls {
			rt.body = "<" + action + "Response><" + action + "Result>" + inner + "</" + action + "Result></" + action + "Response>"
			v, err := call()
			if rv := reflect.ValueOf(v); err == nil && rv.Kind() == reflect.Pointer && rv.IsNil() {
				t.Fatalf("%s: no error and no value", action)
			}
		}
	})
}
