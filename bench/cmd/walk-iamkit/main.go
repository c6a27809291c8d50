// Command walk-iamkit walks every page of a pageserver with iamkit's
// ListUsersAll iterator and keeps nothing.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"time"

	"github.com/iamkit/iam/bench/internal/procstat"
	"github.com/iamkit/iam/bench/internal/workload"
)

func main() {
	endpoint := flag.String("endpoint", "", "pageserver URL")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile here (changes the figures: for analysis only)")
	allocsProfile := flag.String("allocsprofile", "", "write an allocation profile here at the end")
	flag.Parse()
	stop, err := procstat.Profile(*cpuProfile, *allocsProfile)
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	users, pages, err := walk(context.Background(), *endpoint)
	if err != nil {
		log.Fatal(err)
	}
	elapsed := time.Since(start)
	if err := stop(); err != nil {
		log.Fatal(err)
	}
	s, err := procstat.Read()
	if err != nil {
		log.Fatal(err)
	}
	procstat.Print(os.Stdout, "iamkit", users, pages, elapsed, s)
}

func walk(ctx context.Context, endpoint string) (users, pages int, err error) {
	c, err := workload.NewIamkit(endpoint, nil)
	if err != nil {
		return 0, 0, err
	}
	for u, err := range c.ListUsersAll(ctx, nil) {
		if err != nil {
			return users, users / 1000, err
		}
		if u.UserName != "" {
			users++
		}
	}
	// The iterator hides page boundaries; every page has 1000 users.
	return users, users / 1000, nil
}
