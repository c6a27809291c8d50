package server

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultAccountID is the account a server runs as unless configured.
const DefaultAccountID = "123456789012"

// MaxSkew is how far a request's signing time may be from the server's
// clock, as AWS allows.
const MaxSkew = 15 * time.Minute

// maxBody bounds a request body; IAM's largest parameters (certificate
// chains, policy documents) are far smaller.
const maxBody = 1 << 20

// Config configures a Server. The zero value is usable: account
// 123456789012, random root keys, the system clock, no faults, no delay,
// no state file.
type Config struct {
	// AccountID is the 12-digit account the server stands for.
	AccountID string
	// RootAccessKeyID and RootSecretAccessKey are the root user's keys.
	// When both are empty, New generates them (see RootCredentials).
	RootAccessKeyID     string
	RootSecretAccessKey string
	// Seed seeds the IDs (AIDA..., AKIA...) and request IDs. Zero picks a
	// random seed.
	Seed uint64
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Rand supplies secret material (secret keys, MFA seeds, service
	// passwords); nil means crypto/rand.
	Rand io.Reader
	// Faults makes the server misbehave on purpose.
	Faults Faults
	// PropagationDelay mimics IAM's eventual consistency: a new access key
	// authenticates, and a new user, group, role, managed policy or
	// instance profile is found by its Get action, only once this much
	// time has passed since its creation. Everything else (lists, other
	// actions that name the entity, duplicate checks) sees it at once.
	PropagationDelay time.Duration
	// StateFile, when set, is loaded at start and rewritten atomically
	// after every acknowledged change, before the answer is sent.
	StateFile string
	// OnRequest, when set, is called after each request with what
	// happened (never a secret). It runs on the request's goroutine.
	OnRequest func(RequestLog)
}

// Server is an IAM-compatible http.Handler. It is safe for concurrent
// use.
type Server struct {
	cfg     Config
	account string
	now     func() time.Time
	rand    io.Reader
	ids     *idGen
	faults  *faultInjector
	started time.Time

	mu sync.RWMutex
	st *state

	// usageMu guards AccessKey.LastUsed*: every authenticated request
	// records it, so it does not take the state's write lock.
	usageMu sync.Mutex
	// saveMu serializes writes of the state file.
	saveMu sync.Mutex
	// lastSaved is the state file's content, for rollback.
	lastSaved []byte

	// Counters for Stats.
	requests    atomic.Uint64
	handlerNano atomic.Int64
}

// New returns a server for cfg, loading cfg.StateFile when it exists.
func New(cfg Config) (*Server, error) {
	s := &Server{cfg: cfg, account: cfg.AccountID, now: cfg.Now, rand: cfg.Rand}
	if s.account == "" {
		s.account = DefaultAccountID
	}
	if !validAccountID(s.account) {
		return nil, fmt.Errorf("server: account ID %q must be 12 digits", s.account)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.rand == nil {
		s.rand = rand.Reader
	}
	if (cfg.RootAccessKeyID == "") != (cfg.RootSecretAccessKey == "") {
		return nil, errors.New("server: root access key ID and secret access key must be given together")
	}
	seed := cfg.Seed
	if seed == 0 {
		var b [8]byte
		s.readRand(b[:])
		for _, c := range b {
			seed = seed<<8 | uint64(c)
		}
	}
	s.ids = newIDGen(seed)
	if s.cfg.RootAccessKeyID == "" {
		s.cfg.RootAccessKeyID = s.ids.accessKeyID()
		s.cfg.RootSecretAccessKey = secretString(s.readRand, 30)
	}
	f, err := newFaultInjector(cfg.Faults)
	if err != nil {
		return nil, err
	}
	s.faults = f
	s.started = s.now()
	s.st = newState()
	if cfg.StateFile != "" {
		st, b, err := loadState(cfg.StateFile)
		if err != nil {
			return nil, err
		}
		if st != nil {
			s.st, s.lastSaved = st, b
			if st.IDGen != nil {
				if err := s.ids.restore(st.IDGen); err != nil {
					return nil, fmt.Errorf("server: state file %s: ID generator: %w", cfg.StateFile, err)
				}
			}
		} else if s.lastSaved, err = s.encodeState(); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func validAccountID(a string) bool {
	if len(a) != 12 {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < '0' || a[i] > '9' {
			return false
		}
	}
	return true
}

// readRand fills b from the secret source.
func (s *Server) readRand(b []byte) {
	if _, err := io.ReadFull(s.rand, b); err != nil {
		// crypto/rand does not fail; an injected reader that does is a
		// broken test fixture.
		panic("server: random source failed: " + err.Error())
	}
}

// RootCredentials returns the root user's access key ID and secret key.
func (s *Server) RootCredentials() (accessKeyID, secretAccessKey string) {
	return s.cfg.RootAccessKeyID, s.cfg.RootSecretAccessKey
}

// AccountID returns the account the server stands for.
func (s *Server) AccountID() string { return s.account }

// call is one request on its way through a handler.
type call struct {
	s      *Server
	action string
	p      params
	w      *xmlw
	now    time.Time
	r      *http.Request
	keyID  string // the access key that signed the request
	region string
	// who is the authenticated principal, resolved under the state lock.
	who *principal
}

// principal is the caller: the root user or an IAM user.
type principal struct {
	root bool
	user *user // nil for root
	arn  string
}

// ServeHTTP answers one IAM request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rl := s.serve(w, r, nil)
	d := time.Since(start)
	s.handlerNano.Add(int64(d))
	s.requests.Add(1)
	if s.cfg.OnRequest != nil {
		rl.Duration = d
		s.cfg.OnRequest(rl)
	}
}

// RequestLog describes one answered request, for Config.OnRequest. It
// holds no secrets: the caller appears as its ARN or access key ID.
type RequestLog struct {
	RequestID string
	Action    string
	// Status is the HTTP status; 0 for a connection dropped on purpose.
	Status int
	// Code is the error code, empty on success.
	Code string
	// Caller is the principal's ARN, or the access key ID when the
	// request failed before the principal was known; empty when the
	// request carried no valid signature.
	Caller   string
	Duration time.Duration
}

// Stats are the server's own cost counters.
type Stats struct {
	// Requests counts the requests answered through ServeHTTP.
	Requests uint64
	// HandlerTime is the wall time spent inside ServeHTTP (decoding,
	// signature check, the action, persistence, writing the answer),
	// injected latency included. Benchmarks divide it by Requests to set
	// the server's cost per request against the client's.
	HandlerTime time.Duration
}

// Stats returns the cost counters. They measure with the real clock, not
// Config.Now, since they measure the machine.
func (s *Server) Stats() Stats {
	return Stats{Requests: s.requests.Load(), HandlerTime: time.Duration(s.handlerNano.Load())}
}

// serve runs the request pipeline: faults, decoding, authentication,
// dispatch, authorization, the handler, persistence, the answer. as, when
// not nil, skips authentication (tests and the fuzz target use it).
func (s *Server) serve(w http.ResponseWriter, r *http.Request, as *principal) (rl RequestLog) {
	reqID := s.ids.requestID()
	rl.RequestID = reqID
	fail := func(e *APIError) RequestLog {
		writeError(w, e, reqID)
		rl.Status, rl.Code = e.Status, e.Code
		return rl
	}
	switch s.faults.decide(r.Context()) {
	case faultDrop:
		dropConnection(w)
		return rl
	case faultThrottle:
		return fail(errf(CodeThrottling, "Rate exceeded"))
	case faultServerError:
		return fail(errf(CodeServiceFailure, "An internal error occurred."))
	case faultUnavailable:
		return fail(errf(CodeServiceUnavailable, "Service is unavailable. Please try again."))
	}

	p, body, aerr := readParams(r)
	if aerr != nil {
		return fail(aerr)
	}
	w2 := getXMLW()
	defer putXMLW(w2)
	c := &call{s: s, p: p, r: r, now: s.now(), w: w2}
	rl.Action = p.str("Action")
	if as == nil {
		if aerr := s.authenticate(c, body); aerr != nil {
			return fail(aerr)
		}
		rl.Caller = c.keyID
	}
	c.action = rl.Action
	act, aerr := lookupAction(c.action, p)
	if aerr != nil {
		return fail(aerr)
	}
	// The envelope and <XResult> go first so the handler writes straight
	// into the answer; a handler that writes nothing gets no Result
	// element, as IAM sends none for such actions.
	c.w.startResponse(c.action)
	bare := len(c.w.b)
	c.w.b = append(c.w.b, '<')
	c.w.b = append(c.w.b, c.action...)
	c.w.b = append(c.w.b, "Result>"...)
	inner := len(c.w.b)
	aerr = s.run(c, act, as)
	if c.who != nil {
		rl.Caller = c.who.arn
	}
	if aerr != nil {
		return fail(aerr)
	}
	if len(c.w.b) == inner {
		c.w.b = c.w.b[:bare]
	} else {
		c.w.b = append(c.w.b, "</"...)
		c.w.b = append(c.w.b, c.action...)
		c.w.b = append(c.w.b, "Result>"...)
	}
	c.w.endResponse(c.action, reqID)
	writeXML(w, http.StatusOK, c.w.b, reqID)
	rl.Status = http.StatusOK
	return rl
}

// run executes the handler under the state lock, authorizing the caller
// first, and saves the state after a successful write.
func (s *Server) run(c *call, act *action, as *principal) *APIError {
	if act.write {
		s.mu.Lock()
		defer s.mu.Unlock()
	} else {
		s.mu.RLock()
		defer s.mu.RUnlock()
	}
	if as != nil {
		c.who = as
	} else {
		who, aerr := s.resolveCaller(c.keyID)
		if aerr != nil {
			return aerr
		}
		c.who = who
	}
	if !c.who.root {
		if aerr := s.authorize(c, act); aerr != nil {
			return aerr
		}
	}
	if aerr := act.h(c); aerr != nil {
		return aerr
	}
	if act.write && s.cfg.StateFile != "" {
		if err := s.save(); err != nil {
			// Not durable, so not acknowledged, and undone.
			s.rollback()
			return errf(CodeServiceFailure, "The state could not be saved.")
		}
	}
	return nil
}

// resolveCaller maps the signing key to its principal. Called with the
// state lock held.
func (s *Server) resolveCaller(keyID string) (*principal, *APIError) {
	if keyID == s.cfg.RootAccessKeyID {
		return s.rootPrincipal(), nil
	}
	k, ok := s.st.AccessKeys[keyID]
	if !ok {
		return nil, errf(CodeInvalidClientTokenID, "The security token included in the request is invalid.")
	}
	if k.UserID == "" {
		return s.rootPrincipal(), nil
	}
	u, ok := s.st.usersByID[k.UserID]
	if !ok {
		return nil, errf(CodeInvalidClientTokenID, "The security token included in the request is invalid.")
	}
	return &principal{user: u, arn: s.userArn(u)}, nil
}

func (s *Server) rootPrincipal() *principal {
	return &principal{root: true, arn: "arn:aws:iam::" + s.account + ":root"}
}

// readParams decodes the form body (POST) and the query string.
func readParams(r *http.Request) (params, []byte, *APIError) {
	var body []byte
	if r.Body != nil {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil {
			return nil, nil, errf(CodeMalformedQueryString, "The request body could not be read.")
		}
		if len(b) > maxBody {
			return nil, nil, errf(CodeInvalidInput, "The request body is larger than %d bytes.", maxBody)
		}
		body = b
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, nil, errf(CodeMalformedQueryString, "The query string is malformed.")
	}
	if r.Method == http.MethodPost && len(body) > 0 {
		f, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, nil, errf(CodeMalformedQueryString, "The request body is not a well-formed form.")
		}
		for k, v := range f {
			q[k] = append(q[k], v...)
		}
	}
	return params(q), body, nil
}

func writeError(w http.ResponseWriter, e *APIError, reqID string) {
	x := xmlw{b: make([]byte, 0, 256)}
	x.errorBody(e, reqID)
	writeXML(w, e.Status, x.b, reqID)
}

func writeXML(w http.ResponseWriter, status int, b []byte, reqID string) {
	h := w.Header()
	// SDKs take the request ID from this header as well as the body.
	h.Set("X-Amzn-Requestid", reqID)
	h.Set("Content-Type", "text/xml")
	h.Set("Content-Length", itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// dropConnection closes the connection without an answer, as a network
// failure would.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}
