// Package iamtest runs an IAM-compatible server in process, for tests, the
// way net/http/httptest runs an HTTP server: a real listener on 127.0.0.1,
// the IAM Query wire protocol, signature checks, IAM's authorization and
// rules, and on request, faults and eventual consistency.
//
//	srv := iamtest.New(t)
//	ak, sk := srv.RootCredentials()
//	// point any IAM client at srv.URL with (ak, sk), region us-east-1
//
// The server accepts SigV4 (any region) and SigV2 requests. It starts
// with no users; the root keys may do everything, and keys made by
// CreateAccessKey are checked against their user's policies. Actions
// lists the implemented actions (`iamctl serve --actions` prints them).
package iamtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/server"
)

// DefaultAccountID is the account a server runs as unless WithAccountID
// says otherwise.
const DefaultAccountID = server.DefaultAccountID

// Server is a running in-process IAM server.
type Server struct {
	// URL is the endpoint, http://127.0.0.1:PORT.
	URL string

	engine *server.Server
	hs     *httptest.Server
}

// Faults makes the server misbehave on purpose. Decisions come from a
// generator seeded with Seed, one draw per request, so a sequential test
// sees the same faults on every run.
type Faults struct {
	// Seed seeds the fault decisions.
	Seed uint64
	// ThrottleRate is the fraction of requests answered 400 Throttling.
	ThrottleRate float64
	// ServerErrorRate is the fraction answered 500 ServiceFailure or 503
	// ServiceUnavailable.
	ServerErrorRate float64
	// DropRate is the fraction whose connection is closed without an
	// answer.
	DropRate float64
	// Latency is added before every request is handled.
	Latency time.Duration
}

// Option configures a Server.
type Option func(*server.Config)

// WithAccountID sets the 12-digit account ID (default 123456789012).
func WithAccountID(id string) Option {
	return func(c *server.Config) { c.AccountID = id }
}

// WithRootKeys sets the root user's access key ID and secret key instead
// of random ones.
func WithRootKeys(accessKeyID, secretAccessKey string) Option {
	return func(c *server.Config) {
		c.RootAccessKeyID, c.RootSecretAccessKey = accessKeyID, secretAccessKey
	}
}

// WithFaults turns on fault injection.
func WithFaults(f Faults) Option {
	return func(c *server.Config) {
		c.Faults = server.Faults{
			Seed: f.Seed, ThrottleRate: f.ThrottleRate, ServerErrorRate: f.ServerErrorRate,
			DropRate: f.DropRate, Latency: f.Latency,
		}
	}
}

// WithPropagationDelay mimics IAM's eventual consistency: a new access key
// authenticates, and a new user, group, role, managed policy or instance
// profile is found by its Get action, only d after its creation (by the
// server's clock, see WithClock). Lists and other actions see new
// entities at once.
func WithPropagationDelay(d time.Duration) Option {
	return func(c *server.Config) { c.PropagationDelay = d }
}

// WithStateFile keeps the state in path: loaded at start, rewritten
// atomically after every acknowledged change.
func WithStateFile(path string) Option {
	return func(c *server.Config) { c.StateFile = path }
}

// WithClock sets the server's clock, used for signature time checks,
// creation dates and the propagation delay. Clients must sign with a clock
// within 15 minutes of it, so a test that moves this clock far should
// give its client the same one.
func WithClock(now func() time.Time) Option {
	return func(c *server.Config) { c.Now = now }
}

// WithSeed makes IDs (AIDA..., AKIA...) and request IDs repeatable.
func WithSeed(seed uint64) Option {
	return func(c *server.Config) { c.Seed = seed }
}

// NewServer starts a server. It panics when an option is invalid (a bad
// account ID, half a root key pair, fault rates outside [0, 1], an
// unreadable state file), as httptest.NewServer panics when it cannot
// listen.
func NewServer(opts ...Option) *Server {
	s, err := start(opts)
	if err != nil {
		panic(fmt.Sprintf("iamtest: %v", err))
	}
	return s
}

// New starts a server for a test and closes it when the test ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := start(opts)
	if err != nil {
		t.Fatalf("iamtest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

func start(opts []Option) (*Server, error) {
	var cfg server.Config
	for _, o := range opts {
		o(&cfg)
	}
	eng, err := server.New(cfg)
	if err != nil {
		return nil, err
	}
	hs := httptest.NewServer(eng)
	return &Server{URL: hs.URL, engine: eng, hs: hs}, nil
}

// RootCredentials returns the root user's access key ID and secret access
// key.
func (s *Server) RootCredentials() (accessKeyID, secretAccessKey string) {
	return s.engine.RootCredentials()
}

// AccountID returns the server's account ID.
func (s *Server) AccountID() string { return s.engine.AccountID() }

// Region is the region clients should sign for; the server accepts any.
const Region = "us-east-1"

// Actions returns the IAM actions the server implements, sorted.
func Actions() []string { return server.Actions() }

// Handler returns the server's http.Handler, to mount it elsewhere.
func (s *Server) Handler() http.Handler { return s.engine }

// Stats are the server's cost counters: requests answered and the wall
// time spent handling them.
type Stats = server.Stats

// Stats returns the server's cost counters, so a benchmark can report the
// server's cost per request next to the client's.
func (s *Server) Stats() Stats { return s.engine.Stats() }

// Close shuts the server down, waiting for requests in flight.
func (s *Server) Close() { s.hs.Close() }
