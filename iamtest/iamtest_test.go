package iamtest_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iamkit/iam/iamtest"
	"github.com/iamkit/iam/internal/server/testclient"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func rootClient(s *iamtest.Server) *testclient.Client {
	ak, sk := s.RootCredentials()
	return &testclient.Client{URL: s.URL, AccessKeyID: ak, SecretAccessKey: sk}
}

func do(t *testing.T, c *testclient.Client, action string, kv ...string) *testclient.Response {
	t.Helper()
	r, err := c.Do(context.Background(), action, kv...)
	require.NoError(t, err)
	return r
}

func TestNewDefaults(t *testing.T) {
	s := iamtest.New(t)
	ak, sk := s.RootCredentials()
	assert.Regexp(t, "^AKIA[A-Z2-7]{16}$", ak)
	assert.Len(t, sk, 40)
	assert.Equal(t, iamtest.DefaultAccountID, s.AccountID())
	r := do(t, rootClient(s), "GetUser")
	require.Equal(t, http.StatusOK, r.Status, "%s", r)
	assert.Contains(t, string(r.Body), "<Arn>arn:aws:iam::123456789012:root</Arn>")
}

func TestOptions(t *testing.T) {
	s := iamtest.New(t, iamtest.WithAccountID("210987654321"), iamtest.WithRootKeys("AKIAROOTROOTROOT0000", "sekrit"),
		iamtest.WithSeed(7))
	ak, _ := s.RootCredentials()
	assert.Equal(t, "AKIAROOTROOTROOT0000", ak)
	r := do(t, rootClient(s), "CreateUser", "UserName", "bob")
	assert.Contains(t, string(r.Body), "<Arn>arn:aws:iam::210987654321:user/bob</Arn>")

	// Same seed, same IDs.
	s2 := iamtest.New(t, iamtest.WithSeed(7), iamtest.WithRootKeys("AKIAROOTROOTROOT0000", "sekrit"))
	r2 := do(t, rootClient(s2), "CreateUser", "UserName", "bob")
	id := regexp.MustCompile(`<UserId>(\w+)</UserId>`)
	assert.Equal(t, id.FindSubmatch(r.Body)[1], id.FindSubmatch(r2.Body)[1])
}

func TestSigV2(t *testing.T) {
	s := iamtest.New(t)
	c := rootClient(s)
	c.V2 = true
	r := do(t, c, "ListUsers")
	assert.Equal(t, http.StatusOK, r.Status, "%s", r)
}

func TestStateFileSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "iam.json")
	s := iamtest.NewServer(iamtest.WithStateFile(path), iamtest.WithRootKeys("AKIAROOTROOTROOT0000", "sekrit"))
	require.Equal(t, http.StatusOK, do(t, rootClient(s), "CreateGroup", "GroupName", "devs").Status)
	s.Close()
	s = iamtest.New(t, iamtest.WithStateFile(path), iamtest.WithRootKeys("AKIAROOTROOTROOT0000", "sekrit"))
	assert.Equal(t, http.StatusOK, do(t, rootClient(s), "GetGroup", "GroupName", "devs").Status)
}

func TestClockAndPropagation(t *testing.T) {
	now := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	s := iamtest.New(t, iamtest.WithClock(func() time.Time { return now }), iamtest.WithPropagationDelay(time.Minute))
	c := rootClient(s)
	c.Now = func() time.Time { return now }
	r := do(t, c, "CreateUser", "UserName", "bob")
	assert.Contains(t, string(r.Body), "<CreateDate>2030-05-06T07:08:09Z</CreateDate>")
	assert.Equal(t, http.StatusNotFound, do(t, c, "GetUser", "UserName", "bob").Status)
	now = now.Add(time.Minute)
	assert.Equal(t, http.StatusOK, do(t, c, "GetUser", "UserName", "bob").Status)
}

func TestFaultsOption(t *testing.T) {
	s := iamtest.New(t, iamtest.WithFaults(iamtest.Faults{Seed: 1, ThrottleRate: 1}))
	r := do(t, rootClient(s), "ListUsers")
	assert.Equal(t, http.StatusBadRequest, r.Status)
	assert.Contains(t, string(r.Body), "<Code>Throttling</Code>")
}

func TestNewServerPanicsOnBadOption(t *testing.T) {
	assert.Panics(t, func() { iamtest.NewServer(iamtest.WithAccountID("nope")) })
}

// TestReadmeListsEveryAction keeps the README's coverage list of the
// server in step with what it implements.
func TestReadmeListsEveryAction(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range iamtest.Actions() {
		if !strings.Contains(string(readme), "`"+a+"`") {
			t.Errorf("README.md does not list %s among the local server's actions", a)
		}
	}
}
