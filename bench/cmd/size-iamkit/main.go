// Command size-iamkit creates an IAM user with iamkit: the default
// credential chain (environment, shared files, EC2 instance metadata),
// SigV4, CreateUser. Its stripped size and cold build time, less those
// of size-floor, are iamkit's size and build figures.
//
//	AWS_ENDPOINT_URL_IAM=http://127.0.0.1:4599 size-iamkit NAME
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/iamkit/iam"
)

func main() {
	name := "bench-user"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	arn, err := run(context.Background(), name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "size-iamkit:", err)
		os.Exit(1)
	}
	fmt.Println(arn)
}

func run(ctx context.Context, name string) (string, error) {
	c, err := iam.New() // endpoint, region and credentials from the environment
	if err != nil {
		return "", err
	}
	u, err := c.CreateUser(ctx, name, nil)
	if err != nil {
		return "", err
	}
	return u.ARN, nil
}
