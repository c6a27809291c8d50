package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentClients runs writers and readers together; its value is
// under -race.
func TestConcurrentClients(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.StateFile = t.TempDir() + "/state.json" })
	e.ok("CreateGroup", "GroupName", "all")
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := e.client(testAK, testSK)
			for i := range 15 {
				name := fmt.Sprintf("c%d-%d", w, i)
				for _, step := range [][]string{
					{"CreateUser", "UserName", name},
					{"AddUserToGroup", "GroupName", "all", "UserName", name},
					{"CreateAccessKey", "UserName", name},
					{"GetUser", "UserName", name},
					{"ListUsers", "MaxItems", "5"},
					{"GetGroup", "GroupName", "all"},
					{"GetAccountSummary"},
				} {
					r, err := c.Do(context.Background(), step[0], step[1:]...)
					if !assert.NoError(t, err) || !assert.Equal(t, http.StatusOK, r.Status, "%s %s", step[0], r) {
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	r := e.ok("GetGroup", "GroupName", "all", "MaxItems", "1000")
	assert.Len(t, values(t, r.Body, "UserName"), 90)
}

func TestFaultsRepeatable(t *testing.T) {
	run := func() []int {
		e := newEnv(t, func(c *Config) {
			c.Faults = Faults{Seed: 42, ThrottleRate: 0.2, ServerErrorRate: 0.2, DropRate: 0.1}
		})
		var statuses []int
		for range 40 {
			r, err := e.root.Do(context.Background(), "ListUsers")
			if err != nil {
				statuses = append(statuses, -1) // dropped connection
				continue
			}
			requireWellFormed(t, r.Body)
			statuses = append(statuses, r.Status)
		}
		return statuses
	}
	a, b := run(), run()
	assert.Equal(t, a, b)
	count := map[int]int{}
	for _, s := range a {
		count[s]++
	}
	assert.Positive(t, count[-1], "drops")
	assert.Positive(t, count[400], "throttles")
	assert.Positive(t, count[500]+count[503], "server errors")
	assert.Positive(t, count[200], "successes")
}

func TestFaultThrottleBody(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Faults = Faults{ThrottleRate: 1} })
	requireError(t, e.do("ListUsers"), 400, CodeThrottling)
}

// A request whose client went away does not sit out the latency: the
// handler returns instead of holding a goroutine for an hour.
func TestFaultLatencyHonoursCancel(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Faults = Faults{Latency: time.Hour} })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/", strings.NewReader(form("ListUsers")))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.s.serve(rec, req, e.s.rootPrincipal())
	assert.Equal(t, http.StatusOK, rec.Code)
}

func TestConfigErrors(t *testing.T) {
	for name, cfg := range map[string]Config{
		"account":    {AccountID: "12"},
		"half key":   {RootAccessKeyID: "AKIA"},
		"rate":       {Faults: Faults{ThrottleRate: 2}},
		"rate sum":   {Faults: Faults{ThrottleRate: 0.6, DropRate: 0.6}},
		"latency":    {Faults: Faults{Latency: -1}},
		"state file": {StateFile: "testdata/not-json.json"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := New(cfg)
			require.Error(t, err)
		})
	}
}

// A change that cannot be saved is refused and undone.
func TestSaveFailureRollsBack(t *testing.T) {
	dir := t.TempDir() + "/sub"
	require.NoError(t, os.Mkdir(dir, 0o700))
	e := newEnv(t, func(c *Config) { c.StateFile = dir + "/state.json" })
	e.ok("CreateUser", "UserName", "kept")
	require.NoError(t, os.RemoveAll(dir))
	e.fail(500, CodeServiceFailure, "CreateUser", "UserName", "lost")
	require.NoError(t, os.Mkdir(dir, 0o700))
	e.fail(404, CodeNoSuchEntity, "GetUser", "UserName", "lost")
	e.ok("GetUser", "UserName", "kept")
	e.ok("CreateUser", "UserName", "lost")
}

func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	stale := dir + "/.state.json.tmp123"
	require.NoError(t, os.WriteFile(stale, []byte("partial"), 0o600))
	e := newEnv(t, func(c *Config) { c.StateFile = dir + "/state.json" })
	e.ok("CreateUser", "UserName", "bob")
	_, err := os.Stat(stale)
	assert.True(t, os.IsNotExist(err))
	fi, err := os.Stat(dir + "/state.json")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the state file holds secret keys")
}

// A seeded server restarted on its state file goes on from where its ID
// generator stood, rather than handing out the same IDs again.
func TestSeededRestartKeepsIDsUnique(t *testing.T) {
	path := t.TempDir() + "/state.json"
	seeded := func(c *Config) { c.StateFile = path; c.Seed = 99 }
	e := newEnv(t, seeded)
	e.ok("CreateUser", "UserName", "a")
	first := value(t, e.ok("CreateAccessKey", "UserName", "a").Body, "AccessKeyId")
	e2 := newEnv(t, seeded)
	e2.ok("CreateUser", "UserName", "b")
	second := value(t, e2.ok("CreateAccessKey", "UserName", "b").Body, "AccessKeyId")
	assert.NotEqual(t, first, second)
	r := e2.ok("ListAccessKeys", "UserName", "a")
	assert.Equal(t, []string{first}, values(t, r.Body, "AccessKeyId"))
}
