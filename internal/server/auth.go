package server

import (
	"errors"
	"time"

	"github.com/iamkit/iam/internal/sign"
)

// authenticate verifies the request's signature (SigV4 header or query,
// SigV2) against the stored secret and records the signing key in c. Keys
// that are unknown, inactive, or younger than the propagation delay are
// refused as unknown, which is what IAM answers for them.
func (s *Server) authenticate(c *call, body []byte) *APIError {
	res, err := sign.VerifyRequest(c.r, body, s.lookupSecret, c.now, MaxSkew)
	if err != nil {
		var se *sign.Error
		if errors.As(err, &se) {
			return errf(se.Code, "%s", se.Message)
		}
		return errf(CodeIncompleteSignature, "The request signature does not conform to AWS standards.")
	}
	if res.Version == 4 && res.Service != "iam" {
		// AWS's answer to a signature scoped to another service. Any
		// region is accepted: clients configured for their own region
		// should work against a local server.
		return errf(CodeSignatureDoesNotMatch, "Credential should be scoped to correct service: 'iam'. ")
	}
	if res.SessionToken != "" {
		// This server issues no temporary credentials, so no token can
		// belong to the key.
		return errf(CodeInvalidClientTokenID, "The security token included in the request is invalid.")
	}
	c.keyID = res.AccessKeyID
	c.region = res.Region
	s.recordUse(res.AccessKeyID, res.Region, c.now)
	return nil
}

// lookupSecret is the sign.Lookup of the server: the configured root key,
// then the stored keys that are active and have propagated.
func (s *Server) lookupSecret(id string) (string, bool) {
	if id == s.cfg.RootAccessKeyID {
		return s.cfg.RootSecretAccessKey, true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.st.AccessKeys[id]
	if !ok || !k.Active || !s.propagated(k.Created, s.now()) {
		return "", false
	}
	return k.Secret, true
}

// propagated reports whether something created at created is visible at
// now under the configured propagation delay.
func (s *Server) propagated(created, now time.Time) bool {
	d := s.cfg.PropagationDelay
	return d <= 0 || !now.Before(created.Add(d))
}

// recordUse notes the last use of a stored key for GetAccessKeyLastUsed.
func (s *Server) recordUse(id, region string, now time.Time) {
	if id == s.cfg.RootAccessKeyID {
		return
	}
	s.mu.RLock()
	k := s.st.AccessKeys[id]
	s.mu.RUnlock()
	if k == nil {
		return
	}
	if region == "" {
		region = "us-east-1"
	}
	s.usageMu.Lock()
	k.LastUsed = now
	k.LastUsedRegion = region
	s.usageMu.Unlock()
}

// lastUse reads a key's last use (zero for the configured root key, whose
// use is not tracked).
func (c *call) lastUse(k *accessKey) (time.Time, string) {
	if k == nil {
		return time.Time{}, ""
	}
	c.s.usageMu.Lock()
	defer c.s.usageMu.Unlock()
	return k.LastUsed, k.LastUsedRegion
}
