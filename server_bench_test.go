package iam_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// handlerTransport hands each request straight to an http.Handler in the
// same goroutine: no sockets, so the time of a call is the client's work
// plus the server's, and the server's is counted by its own Stats.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Host == "" {
		req.Host = req.URL.Host
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, req)
	resp := rec.Result()
	resp.ContentLength = int64(rec.Body.Len())
	return resp, nil
}

// mixedCall runs the i-th call of the mixed workload: a CreateUser, a
// GetUser of it, and a ListUsers page, in turn.
func mixedCall(ctx context.Context, c *iam.Client, prefix string, i int64) error {
	name := prefix + strconv.FormatInt(i/3, 10)
	switch i % 3 {
	case 0:
		_, err := c.CreateUser(ctx, name, nil)
		return err
	case 1:
		_, err := c.GetUser(ctx, name)
		return err
	default:
		_, err := c.ListUsers(ctx, &iam.ListUsersOptions{PageOptions: iam.PageOptions{MaxItems: 20}})
		return err
	}
}

// BenchmarkLocalServerMixed measures the mixed CreateUser/GetUser/
// ListUsers workload through this library against the in-process server.
// "inproc" runs on one goroutine without sockets and splits each call
// into the server's cost (server-ns/op, from its Stats) and the client's
// (client-ns/op, the rest); "loopback-8" runs 8 concurrent callers over
// real connections and reports requests per second.
func BenchmarkLocalServerMixed(b *testing.B) {
	b.Run("inproc", func(b *testing.B) {
		srv := iamtest.NewServer()
		defer srv.Close()
		ak, sk := srv.RootCredentials()
		c, err := iam.New(iam.WithEndpoint(srv.URL), iam.WithCredentials(iam.StaticCredentials(ak, sk, "")),
			iam.WithHTTPClient(&http.Client{Transport: handlerTransport{srv.Handler()}}))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		before := srv.Stats()
		b.ReportAllocs()
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			if err := mixedCall(ctx, c, "u", int64(i)); err != nil {
				b.Fatal(err)
			}
		}
		total := time.Since(start)
		b.StopTimer()
		after := srv.Stats()
		server := after.HandlerTime - before.HandlerTime
		if n := after.Requests - before.Requests; n != uint64(b.N) {
			b.Fatalf("server answered %d requests, want %d", n, b.N)
		}
		b.ReportMetric(float64(server.Nanoseconds())/float64(b.N), "server-ns/op")
		b.ReportMetric(float64((total-server).Nanoseconds())/float64(b.N), "client-ns/op")
	})
	b.Run("loopback-8", func(b *testing.B) {
		srv := iamtest.NewServer()
		defer srv.Close()
		ak, sk := srv.RootCredentials()
		c, err := iam.New(iam.WithEndpoint(srv.URL), iam.WithCredentials(iam.StaticCredentials(ak, sk, "")),
			iam.WithHTTPClient(&http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		var callers atomic.Int64
		before := srv.Stats()
		b.ReportAllocs()
		// RunParallel starts parallelism × GOMAXPROCS goroutines.
		b.SetParallelism((8 + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
		b.ResetTimer()
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			// Each caller gets and lists its own users, so a GetUser never
			// races ahead of the CreateUser it reads.
			prefix := "c" + strconv.FormatInt(callers.Add(1), 10) + "-u"
			for i := int64(0); pb.Next(); i++ {
				if err := mixedCall(ctx, c, prefix, i); err != nil {
					panic(fmt.Sprint("mixed call: ", err))
				}
			}
		})
		elapsed := time.Since(start)
		b.StopTimer()
		after := srv.Stats()
		n := after.Requests - before.Requests
		b.ReportMetric(float64(n)/elapsed.Seconds(), "req/s")
		b.ReportMetric(float64((after.HandlerTime-before.HandlerTime).Nanoseconds())/float64(n), "server-ns/req")
	})
}
