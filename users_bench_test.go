package iam

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"
)

// benchServer answers every request with body, as IAM does: after reading
// the request, with a Content-Length.
func benchServer(b *testing.B, body []byte) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

func benchClient(b *testing.B, url string) *Client {
	b.Helper()
	c, err := New(
		WithEndpoint(url),
		WithCredentials(StaticCredentials(testAccessKey, testSecretKey, "")),
		WithClock(func() time.Time { return testTime }),
	)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func benchListUsers(b *testing.B, body []byte, want int) {
	c := benchClient(b, benchServer(b, body).URL)
	ctx := context.Background()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.ListUsers(ctx, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Users) != want {
			b.Fatalf("got %d users, want %d", len(out.Users), want)
		}
	}
}

// BenchmarkListUsers1000Typed is a typed ListUsers call of a 1000-member
// page against a local server: request, signing, parsing and decoding
// into []User.
func BenchmarkListUsers1000Typed(b *testing.B) {
	body, err := os.ReadFile("testdata/xml/listusers-1000.xml")
	if err != nil {
		b.Fatal(err)
	}
	benchListUsers(b, body, 1000)
}

// BenchmarkListUsersOneTyped is a typed ListUsers call answered by one
// user: mostly the cost of the round trip.
func BenchmarkListUsersOneTyped(b *testing.B) {
	body, err := os.ReadFile("testdata/typed/listusers-1.xml")
	if err != nil {
		b.Fatal(err)
	}
	benchListUsers(b, body, 1)
}

// BenchmarkListUsersOneBareHTTP is the floor BenchmarkListUsersOneTyped
// is measured against: a bare net/http POST of the same form and a read of
// the same answer, with no signing, parsing or decoding.
func BenchmarkListUsersOneBareHTTP(b *testing.B) {
	body, err := os.ReadFile("testdata/typed/listusers-1.xml")
	if err != nil {
		b.Fatal(err)
	}
	srv := benchServer(b, body)
	form := []byte("Action=ListUsers&Version=2010-05-08")
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequest(http.MethodPost, srv.URL, bytes.NewReader(form))
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || len(got) != len(body) {
			b.Fatalf("read %d bytes, %v", len(got), err)
		}
	}
}
