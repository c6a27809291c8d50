// Command serverload drives iamkit against the in-process local server
// (iamtest) with concurrent callers doing a mix of CreateUser, GetUser and
// ListUsers, and reports requests per second and how the process's CPU
// split between the client side and the server side.
//
// The split comes from a CPU profile of the run in which the callers and
// the server carry the pprof label side=client or side=server (see
// internal/cpushare); unlabelled samples are the runtime's own GC workers
// and scheduler. getrusage gives the process CPU time, to show what share
// of the machine the run used and how much of it the profile saw.
//
// Output, one line:
//
//	server callers=8 requests=N seconds=S rps=R cpu_client=P cpu_server=P cpu_runtime=P cpu_cores=C profiled=P
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/bench/internal/cpushare"
	"github.com/iamkit/iam/iamtest"
)

func main() {
	callers := flag.Int("callers", 8, "concurrent callers")
	dur := flag.Duration("d", 8*time.Second, "how long to run")
	flag.Parse()
	if err := run(*callers, *dur); err != nil {
		log.Fatal(err)
	}
}

func run(callers int, dur time.Duration) error {
	bg := context.Background()
	var srv *iamtest.Server
	// Goroutines inherit labels: the listener's goroutine, and every
	// connection goroutine it starts, count as server.
	pprof.Do(bg, pprof.Labels("side", "server"), func(context.Context) {
		srv = iamtest.NewServer()
	})
	defer srv.Close()
	ak, sk := srv.RootCredentials()
	c, err := iam.New(iam.WithEndpoint(srv.URL), iam.WithRegion("us-east-1"),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, "")))
	if err != nil {
		return err
	}

	var prof bytes.Buffer
	if err := pprof.StartCPUProfile(&prof); err != nil {
		return err
	}
	ru0 := cpuTime()
	start := time.Now()
	ctx, cancel := context.WithDeadline(bg, start.Add(dur))
	defer cancel()
	var requests atomic.Int64
	errs := make(chan error, callers)
	var wg sync.WaitGroup
	for w := range callers {
		wg.Go(func() {
			pprof.Do(ctx, pprof.Labels("side", "client"), func(ctx context.Context) {
				n, err := caller(ctx, c, w)
				requests.Add(n)
				errs <- err
			})
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - ru0
	pprof.StopCPUProfile()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}

	by, total, err := cpushare.Split(prof.Bytes(), "side")
	if err != nil {
		return err
	}
	if total == 0 {
		return errors.New("the CPU profile holds no samples")
	}
	share := func(k string) float64 { return 100 * float64(by[k]) / float64(total) }
	n := requests.Load()
	fmt.Fprintf(os.Stdout, "server callers=%d requests=%d seconds=%.2f rps=%.0f cpu_client=%.1f cpu_server=%.1f cpu_runtime=%.1f cpu_cores=%.2f profiled=%.0f\n",
		callers, n, elapsed.Seconds(), float64(n)/elapsed.Seconds(),
		share("client"), share("server"), share(cpushare.Unlabelled),
		cpu.Seconds()/elapsed.Seconds(), 100*float64(total)/float64(cpu.Nanoseconds()))
	return nil
}

// caller runs the mix until ctx ends: CreateUser, GetUser of the user just
// made, ListUsers of one 100-user page. It returns the requests that
// completed; a failure other than the deadline is an error.
func caller(ctx context.Context, c *iam.Client, w int) (int64, error) {
	var n int64
	for i := 0; ; i++ {
		name := fmt.Sprintf("load-%d-%d", w, i)
		var err error
		if _, err = c.CreateUser(ctx, name, nil); err == nil {
			n++
			if _, err = c.GetUser(ctx, name); err == nil {
				n++
				_, err = c.ListUsers(ctx, &iam.ListUsersOptions{PageOptions: iam.PageOptions{MaxItems: 100}})
				if err == nil {
					n++
				}
			}
		}
		if ctx.Err() != nil {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("caller %d: %w", w, err)
		}
	}
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
