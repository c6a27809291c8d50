package iam

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// lastAccessedBody builds a completed ACTION_LEVEL report page of n
// services, each with two tracked actions, as IAM sends it.
func lastAccessedBody(n int) string {
	var b strings.Builder
	b.WriteString(`<GetServiceLastAccessedDetailsResponse><GetServiceLastAccessedDetailsResult><JobStatus>COMPLETED</JobStatus>` +
		`<JobType>ACTION_LEVEL</JobType><JobCreationDate>2024-01-02T03:04:05Z</JobCreationDate>` +
		`<JobCompletionDate>2024-01-02T03:04:09Z</JobCompletionDate><IsTruncated>false</IsTruncated><ServicesLastAccessed>`)
	for i := range n {
		fmt.Fprintf(&b, `<member><ServiceName>Service %d</ServiceName><ServiceNamespace>svc%d</ServiceNamespace>`+
			`<LastAuthenticated>2024-01-01T00:00:00Z</LastAuthenticated><LastAuthenticatedEntity>arn:aws:iam::123456789012:user/u%d</LastAuthenticatedEntity>`+
			`<LastAuthenticatedRegion>us-east-1</LastAuthenticatedRegion><TotalAuthenticatedEntities>3</TotalAuthenticatedEntities><TrackedActionsLastAccessed>`+
			`<member><ActionName>Get</ActionName><LastAccessedTime>2024-01-01T00:00:00Z</LastAccessedTime></member>`+
			`<member><ActionName>Put</ActionName></member></TrackedActionsLastAccessed></member>`, i, i, i)
	}
	b.WriteString(`</ServicesLastAccessed></GetServiceLastAccessedDetailsResult></GetServiceLastAccessedDetailsResponse>`)
	return b.String()
}

// BenchmarkGetServiceLastAccessedDetails200 is a typed call answering a
// 200-service report page through an in-memory transport: signing, one
// parse, and decoding every service with its tracked actions.
func BenchmarkGetServiceLastAccessedDetails200(b *testing.B) {
	body := lastAccessedBody(200)
	c, err := New(WithEndpoint("https://iam.example.test"), WithHTTPClient(&http.Client{Transport: &bodyTransport{body: body}}),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, "")), WithClock(func() time.Time { return testTime }))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.GetServiceLastAccessedDetails(ctx, testJobID, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.ServicesLastAccessed) != 200 || len(out.ServicesLastAccessed[199].TrackedActionsLastAccessed) != 2 {
			b.Fatalf("got %d services", len(out.ServicesLastAccessed))
		}
	}
}
