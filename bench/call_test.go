package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamkit/iam/bench/internal/workload"
)

// BenchmarkCall1 is a ListUsers call answered with one user by a local
// httptest server: mostly the round trip, so it shows what each client
// adds to the bare cost of HTTP.
func BenchmarkCall1(b *testing.B) { benchCall(b, workload.ListUsers1, 1) }

// BenchmarkCall1000 is a ListUsers call answered with the 1000-user page
// (about 400 KB) by a local httptest server.
func BenchmarkCall1000(b *testing.B) { benchCall(b, workload.ListUsers1000, 1000) }

// benchCall runs the three versions of one call against the same server
// and the same answer. Each client keeps its default HTTP client, as a
// user who sets nothing gets: http.DefaultClient for the floor and
// iamkit, the SDK's BuildableClient for aws-sdk-go-v2.
func benchCall(b *testing.B, fixture string, users int) {
	body, err := workload.Fixture(fixture)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(workload.Answer(body))
	defer srv.Close()
	ctx := context.Background()

	// floor: a POST of a pre-built form and a read of the answer into a
	// buffer of its announced length; no signing, no parsing.
	b.Run("floor", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			n, err := postAndRead(ctx, srv.URL)
			if err != nil {
				b.Fatal(err)
			}
			if n != len(body) {
				b.Fatalf("read %d bytes, want %d", n, len(body))
			}
		}
	})

	b.Run("iamkit", func(b *testing.B) {
		c, err := workload.NewIamkit(srv.URL, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.ListUsers(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			if len(out.Users) != users {
				b.Fatalf("got %d users, want %d", len(out.Users), users)
			}
		}
	})

	b.Run("awssdk", func(b *testing.B) {
		c := workload.NewAWS(srv.URL, nil)
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			out, err := c.ListUsers(ctx, &awsiam.ListUsersInput{})
			if err != nil {
				b.Fatal(err)
			}
			if len(out.Users) != users {
				b.Fatalf("got %d users, want %d", len(out.Users), users)
			}
		}
	})
}

// postAndRead is the floor: what any client must at least do to send
// ListUsers and hold its answer.
func postAndRead(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(workload.ListUsersForm))
	if err != nil {
		return 0, err
	}
	req.Header["Content-Type"] = []string{"application/x-www-form-urlencoded; charset=utf-8"}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	buf := make([]byte, max(resp.ContentLength, 0))
	n, err := io.ReadFull(resp.Body, buf)
	if err != nil {
		return n, err
	}
	// Drain what a missing or wrong length left, so the connection is
	// reused as every client's is.
	extra, err := io.Copy(io.Discard, resp.Body)
	return n + int(extra), err
}
