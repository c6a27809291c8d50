package iamtest_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/iamkit/iam/iamtest"
)

// BenchmarkMixedOverHTTP runs CreateUser, GetUser and ListUsers over a
// real connection with a raw signed client, reporting requests per second
// and the server's share of each request (server-ns/op) next to the whole
// round trip (ns/op).
func BenchmarkMixedOverHTTP(b *testing.B) {
	s := iamtest.NewServer()
	defer s.Close()
	c := rootClient(s)
	c.HTTP = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	ctx := context.Background()
	before := s.Stats()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		name := "u" + strconv.Itoa(i/3)
		var err error
		switch i % 3 {
		case 0:
			_, err = c.Do(ctx, "CreateUser", "UserName", name)
		case 1:
			_, err = c.Do(ctx, "GetUser", "UserName", name)
		default:
			_, err = c.Do(ctx, "ListUsers", "MaxItems", "20")
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	elapsed := time.Since(start)
	b.StopTimer()
	st := s.Stats()
	n := st.Requests - before.Requests
	if n > 0 {
		b.ReportMetric(float64(st.HandlerTime-before.HandlerTime)/float64(n), "server-ns/op")
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
}
