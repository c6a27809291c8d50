package bench

import (
	"context"
	"net/http"
	"testing"

	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamkit/iam/bench/internal/workload"
)

// BenchmarkParse measures each client's own cost for a ListUsers call
// answered with the 1000-user page from memory (workload.MemoryTransport):
// no network, no server, so what is left is encoding, signing, the
// client's plumbing and, by far the largest part, turning the 400 KB body
// into its result. That is the fairest "parse" comparison available
// through public APIs: aws-sdk-go-v2's deserializer cannot be called
// alone, and the request-side cost (a few microseconds) is under 1% of
// either figure.
func BenchmarkParse(b *testing.B) {
	body, err := workload.Fixture(workload.ListUsers1000)
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{Transport: &workload.MemoryTransport{Body: body}}
	ctx := context.Background()

	// iamkit-tree: Client.Call, the generic tree the target is about.
	b.Run("iamkit-tree", func(b *testing.B) {
		c, err := workload.NewIamkit("http://iam.local/", hc)
		if err != nil {
			b.Fatal(err)
		}
		resp, err := c.Call(ctx, "ListUsers", nil)
		if err != nil || len(resp.List("Users")) != 1000 {
			b.Fatalf("want 1000 users: %v", err)
		}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.Call(ctx, "ListUsers", nil); err != nil {
				b.Fatal(err)
			}
		}
	})

	// iamkit-typed: the typed ListUsers, tree plus []User, the like of
	// what aws-sdk-go-v2 returns.
	b.Run("iamkit-typed", func(b *testing.B) {
		c, err := workload.NewIamkit("http://iam.local/", hc)
		if err != nil {
			b.Fatal(err)
		}
		out, err := c.ListUsers(ctx, nil)
		if err != nil || len(out.Users) != 1000 {
			b.Fatalf("want 1000 users: %v", err)
		}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.ListUsers(ctx, nil); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("awssdk", func(b *testing.B) {
		c := workload.NewAWS("http://iam.local/", hc)
		out, err := c.ListUsers(ctx, &awsiam.ListUsersInput{})
		if err != nil || len(out.Users) != 1000 {
			b.Fatalf("want 1000 users: %v", err)
		}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.ListUsers(ctx, &awsiam.ListUsersInput{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
