package server

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/iamkit/iam/internal/server/testclient"
	"github.com/stretchr/testify/require"
)

// childEnv names the state file when the test binary runs as a server
// child (see TestMain).
const childEnv = "IAMKIT_SERVER_CHILD_STATE"

func TestMain(m *testing.M) {
	if path := os.Getenv(childEnv); path != "" {
		runChild(path)
		return
	}
	os.Exit(m.Run())
}

// runChild serves with a state file until killed, printing its URL.
func runChild(path string) {
	s, err := New(Config{RootAccessKeyID: testAK, RootSecretAccessKey: testSK, StateFile: path})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	http.Serve(ln, s)
}

// startChild runs the test binary as a server on the state file.
func startChild(t *testing.T, state string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+state)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	return cmd, strings.TrimSpace(line)
}

func TestRestartAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	state := filepath.Join(t.TempDir(), "state.json")
	cmd, url := startChild(t, state)
	client := &testclient.Client{URL: url, AccessKeyID: testAK, SecretAccessKey: testSK,
		HTTP: &http.Client{Timeout: 10 * time.Second}}

	var mu sync.Mutex
	var acked []string
	enough := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				name := fmt.Sprintf("w%d-u%03d", w, i)
				r, err := client.Do(context.Background(), "CreateUser", "UserName", name)
				if err != nil {
					return // the server died under us
				}
				if r.Status != http.StatusOK {
					t.Errorf("CreateUser %s: %s", name, r)
					return
				}
				mu.Lock()
				acked = append(acked, name)
				if len(acked) >= 40 {
					once.Do(func() { close(enough) })
				}
				mu.Unlock()
			}
		}()
	}
	<-enough
	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	cmd.Wait()
	wg.Wait()

	mu.Lock()
	names := append([]string(nil), acked...)
	mu.Unlock()
	cmd2, url2 := startChild(t, state)
	t.Cleanup(func() { cmd2.Process.Kill(); cmd2.Wait() })
	client.URL = url2
	for _, name := range names {
		r, err := client.Do(context.Background(), "GetUser", "UserName", name)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, "acknowledged user %s lost: %s", name, r)
	}
	t.Logf("%d acknowledged users survived SIGKILL", len(names))
}
