package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/iamkit/iam/internal/server"
)

func init() {
	register(command{name: "serve", summary: "run the local IAM-compatible server", run: runServe})
}

// runServe runs the server until ctx is done (SIGINT/SIGTERM), then shuts
// it down, letting requests in flight finish.
func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:4599", "address to listen on (port 0 picks a free one)")
	ak := fs.String("root-access-key", "", "root access key ID (generated when empty)")
	sk := fs.String("root-secret-key", "", "root secret access key (generated when empty)")
	account := fs.String("account-id", server.DefaultAccountID, "12-digit account ID")
	state := fs.String("state", "", "state file: loaded at start, saved after every change")
	seed := fs.Uint64("seed", 0, "seed for IDs (0: random)")
	delay := fs.Duration("propagation-delay", 0, "delay before new keys and entities are visible")
	throttle := fs.Float64("throttle-rate", 0, "fraction of requests answered Throttling")
	serverErr := fs.Float64("server-error-rate", 0, "fraction of requests answered 500/503")
	drop := fs.Float64("drop-rate", 0, "fraction of connections dropped unanswered")
	latency := fs.Duration("latency", 0, "latency added to every request")
	faultSeed := fs.Uint64("fault-seed", 1, "seed of the fault decisions")
	actions := fs.Bool("actions", false, "print the implemented actions and exit")
	logRequests := fs.Bool("log", false, "log one line per request to stderr (never secrets)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "iamctl serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *actions {
		fmt.Fprintln(stdout, strings.Join(server.Actions(), "\n"))
		return 0
	}
	var onRequest func(server.RequestLog)
	if *logRequests {
		var mu sync.Mutex
		onRequest = func(rl server.RequestLog) {
			mu.Lock()
			fmt.Fprintf(stderr, "%s %s %d %s %s %s %s\n", time.Now().UTC().Format(time.RFC3339),
				orDash(rl.Action), rl.Status, orDash(rl.Code), orDash(rl.Caller), rl.RequestID,
				rl.Duration.Round(time.Microsecond))
			mu.Unlock()
		}
	}
	srv, err := server.New(server.Config{
		OnRequest:           onRequest,
		AccountID:           *account,
		RootAccessKeyID:     *ak,
		RootSecretAccessKey: *sk,
		Seed:                *seed,
		PropagationDelay:    *delay,
		StateFile:           *state,
		Faults: server.Faults{
			Seed: *faultSeed, ThrottleRate: *throttle, ServerErrorRate: *serverErr,
			DropRate: *drop, Latency: *latency,
		},
	})
	if err != nil {
		fmt.Fprintf(stderr, "iamctl serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "iamctl serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "iamctl: serving IAM on http://%s (account %s)\n", ln.Addr(), srv.AccountID())
	if srv.RootKeysGenerated() {
		// Printed once, on purpose: these keys exist nowhere else (but in
		// the state file, when there is one).
		id, secret := srv.RootCredentials()
		fmt.Fprintf(stdout, "iamctl: root access key ID:     %s\n", id)
		fmt.Fprintf(stdout, "iamctl: root secret access key: %s\n", secret)
	} else if *ak == "" {
		id, _ := srv.RootCredentials()
		fmt.Fprintf(stdout, "iamctl: root access key ID:     %s (secret key as generated on the first run with this state file)\n", id)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "iamctl serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		fmt.Fprintf(stderr, "iamctl serve: shutdown: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "iamctl: stopped")
	return 0
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
