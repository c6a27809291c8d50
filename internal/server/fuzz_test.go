package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzHandler feeds arbitrary bodies to the handler as root (past
// authentication, so the bodies reach the actions): no panic, and every
// answer is one well-formed XML document in IAM's namespace.
func FuzzHandler(f *testing.F) {
	for _, seed := range []string{
		form("CreateUser", "UserName", "bob"),
		form("CreateUser", "UserName", "bob", "Tags.member.1.Key", "k<&>", "Tags.member.1.Value", "\x00\xff"),
		form("PutUserPolicy", "UserName", "bob", "PolicyName", "p", "PolicyDocument", allowAll),
		form("CreatePolicy", "PolicyName", "p", "PolicyDocument", `{"Statement":[{"Effect":"Deny","NotAction":"*","NotResource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"x"}}}]}`),
		form("ListUsers", "MaxItems", "1", "Marker", "AAAA"),
		form("SimulateCustomPolicy", "PolicyInputList.member.1", allowAll, "ActionNames.member.1", "iam:<x>"),
		form("CreateVirtualMFADevice", "VirtualMFADeviceName", "m"),
		form("UploadSSHPublicKey", "UserName", "bob", "SSHPublicKeyBody", "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ"),
		"Action=%ff%fe&Version=2010-05-08",
		"Action=ListUsers&Version=2010-05-08&PathPrefix=%00",
		"%zz",
		"",
	} {
		f.Add(seed)
	}
	clock := &testClock{t: time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)}
	s, err := New(Config{RootAccessKeyID: testAK, RootSecretAccessKey: testSK, Seed: 1, Now: clock.now})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		s.serve(rec, req, s.rootPrincipal())
		requireWellFormed(t, rec.Body.Bytes())
		if rec.Code == 0 {
			t.Fatal("no status")
		}
	})
}
