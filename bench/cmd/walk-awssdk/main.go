// Command walk-awssdk walks every page of a pageserver with aws-sdk-go-v2's
// ListUsersPaginator and keeps nothing.
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"time"

	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"

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
	procstat.Print(os.Stdout, "awssdk", users, pages, elapsed, s)
}

func walk(ctx context.Context, endpoint string) (users, pages int, err error) {
	c := workload.NewAWS(endpoint, nil)
	p := awsiam.NewListUsersPaginator(c, &awsiam.ListUsersInput{})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return users, pages, err
		}
		pages++
		for _, u := range out.Users {
			if u.UserName != nil {
				users++
			}
		}
	}
	return users, pages, nil
}
