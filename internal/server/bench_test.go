package server

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/query"
	"github.com/iamkit/iam/internal/server/testclient"
)

func benchServer(b *testing.B) *Server {
	clock := &testClock{t: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)}
	s, err := New(Config{RootAccessKeyID: testAK, RootSecretAccessKey: testSK, Seed: 1, Now: clock.now})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// discard is a minimal ResponseWriter, so the benchmark measures the
// server rather than httptest.ResponseRecorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkHandlerMixed measures the engine's cost per request for a mix
// of CreateUser, GetUser and ListUsers (100 users a page), past
// authentication.
func BenchmarkHandlerMixed(b *testing.B) {
	s := benchServer(b)
	root := s.rootPrincipal()
	w := &discard{h: http.Header{}}
	body := &bytes.Reader{}
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		name := "user" + strconv.Itoa(i/3)
		var f string
		switch i % 3 {
		case 0:
			f = "Action=CreateUser&Version=2010-05-08&UserName=" + name
		case 1:
			f = "Action=GetUser&Version=2010-05-08&UserName=" + name
		default:
			f = "Action=ListUsers&Version=2010-05-08"
		}
		body.Reset([]byte(f))
		req.Body = io.NopCloser(body)
		s.serve(w, req, root)
	}
}

// BenchmarkAuthenticatedGetUser measures one SigV4-verified GetUser
// through ServeHTTP (signature verification included, signing not).
func BenchmarkAuthenticatedGetUser(b *testing.B) {
	s := benchServer(b)
	root := s.rootPrincipal()
	w := &discard{h: http.Header{}}
	{
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader([]byte(form("CreateUser", "UserName", "bob"))))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		s.serve(w, req, root)
	}
	c := &testclient.Client{URL: "http://iam.local", AccessKeyID: testAK, SecretAccessKey: testSK, Now: s.now}
	signed, err := c.Request(context.Background(), query.Values{
		{Key: "Action", Value: "GetUser"}, {Key: "Version", Value: APIVersion}, {Key: "UserName", Value: "bob"}})
	if err != nil {
		b.Fatal(err)
	}
	payload, _ := io.ReadAll(signed.Body)
	body := &bytes.Reader{}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body.Reset(payload)
		signed.Body = io.NopCloser(body)
		s.ServeHTTP(w, signed)
	}
}
