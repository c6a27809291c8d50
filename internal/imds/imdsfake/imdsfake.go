// Package imdsfake is an in-memory EC2 instance metadata service for tests.
// It speaks IMDSv2 only, as an instance with IMDSv1 turned off does: every
// metadata read must carry a token obtained by a PUT that states its TTL.
package imdsfake

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// IMDS is a fake metadata service; serve it with httptest.NewServer. The
// zero value is not usable: call New.
type IMDS struct {
	mu          sync.Mutex
	role        string
	doc         string
	tokenStatus int
	tokens      map[string]bool
	issued      int
	lastTTL     string
	puts, lists int
	reads       int
}

// New returns a fake with no role attached.
func New() *IMDS { return &IMDS{tokens: map[string]bool{}} }

// SetRole attaches the named role; "" detaches it.
func (f *IMDS) SetRole(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.role = name
}

// SetDocument sets the raw answer of the role's credentials path.
func (f *IMDS) SetDocument(doc string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.doc = doc
}

// SetCredentials sets a well-formed Success document.
func (f *IMDS) SetCredentials(accessKeyID, secretAccessKey, token string, expiration time.Time) {
	b, err := json.Marshal(map[string]string{
		"Code":            "Success",
		"LastUpdated":     expiration.Add(-6 * time.Hour).UTC().Format(time.RFC3339),
		"Type":            "AWS-HMAC",
		"AccessKeyId":     accessKeyID,
		"SecretAccessKey": secretAccessKey,
		"Token":           token,
		"Expiration":      expiration.UTC().Format(time.RFC3339),
	})
	if err != nil {
		panic(err) // a map of strings always marshals
	}
	f.SetDocument(string(b))
}

// SetTokenStatus makes the token PUT answer code instead of a token, as an
// IMDSv1-only service (404/405) or a disabled one (403) does; 0 restores
// normal service.
func (f *IMDS) SetTokenStatus(code int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokenStatus = code
}

// ForgetTokens invalidates every issued token, as an IMDS restart does.
func (f *IMDS) ForgetTokens() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.tokens)
}

// Counts reports the token PUTs, role listings and credential reads served.
func (f *IMDS) Counts() (puts, lists, reads int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.puts, f.lists, f.reads
}

// LastTTL is the TTL header of the latest token PUT.
func (f *IMDS) LastTTL() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.lastTTL
}

const rolesPath = "/latest/meta-data/iam/security-credentials/"

// ServeHTTP answers like IMDS: token PUT, role listing, role credentials.
func (f *IMDS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()

	// Real IMDS refuses forwarded requests so that a proxy on the
	// instance cannot be used to fetch a token.
	if r.Header.Get("X-Forwarded-For") != "" {
		http.Error(w, "", http.StatusForbidden)
		return
	}
	if r.URL.Path == "/latest/api/token" {
		if r.Method != http.MethodPut {
			http.Error(w, "", http.StatusMethodNotAllowed)
			return
		}
		f.puts++
		ttl := r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds")
		f.lastTTL = ttl
		if f.tokenStatus != 0 {
			http.Error(w, "", f.tokenStatus)
			return
		}
		n, err := strconv.Atoi(ttl)
		if err != nil || n < 1 || n > 21600 {
			http.Error(w, "", http.StatusBadRequest)
			return
		}
		f.issued++
		tok := "fake-token-" + strconv.Itoa(f.issued)
		f.tokens[tok] = true
		w.Header().Set("X-aws-ec2-metadata-token-ttl-seconds", ttl)
		_, _ = w.Write([]byte(tok))
		return
	}
	if r.Method != http.MethodGet {
		http.Error(w, "", http.StatusMethodNotAllowed)
		return
	}
	if !f.tokens[r.Header.Get("X-aws-ec2-metadata-token")] {
		http.Error(w, "", http.StatusUnauthorized)
		return
	}
	switch {
	case r.URL.Path == rolesPath:
		f.lists++
		if f.role == "" {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(f.role))
	case strings.HasPrefix(r.URL.Path, rolesPath):
		f.reads++
		if f.role == "" || r.URL.Path != rolesPath+f.role {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write([]byte(f.doc))
	default:
		http.NotFound(w, r)
	}
}
