package main

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mainEnv makes the test binary run main with the arguments after "--".
const mainEnv = "IAMCTL_TEST_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) != "" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"iamctl"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		return
	}
	os.Exit(m.Run())
}

// The real process stops cleanly on SIGINT and on SIGTERM.
func TestServeStopsOnSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "serve", "--addr", "127.0.0.1:0")
			cmd.Env = append(os.Environ(), mainEnv+"=1")
			out, err := cmd.StdoutPipe()
			require.NoError(t, err)
			require.NoError(t, cmd.Start())
			r := bufio.NewReader(out)
			line, err := r.ReadString('\n')
			require.NoError(t, err)
			assert.Contains(t, line, "serving IAM on http://127.0.0.1:")
			require.NoError(t, cmd.Process.Signal(sig))
			var rest strings.Builder
			for {
				l, err := r.ReadString('\n')
				rest.WriteString(l)
				if err != nil {
					break
				}
			}
			require.NoError(t, cmd.Wait(), "exit status")
			assert.Contains(t, rest.String(), "iamctl: stopped")
		})
	}
}
