// Command size-awssdk creates an IAM user with aws-sdk-go-v2:
// config.LoadDefaultConfig (its default credential chain) and
// service/iam's CreateUser. Its stripped size and cold build time, less
// those of size-floor, are aws-sdk-go-v2's size and build figures.
//
//	AWS_ENDPOINT_URL_IAM=http://127.0.0.1:4599 size-awssdk NAME
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"
)

func main() {
	name := "bench-user"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	arn, err := run(context.Background(), name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "size-awssdk:", err)
		os.Exit(1)
	}
	fmt.Println(arn)
}

func run(ctx context.Context, name string) (string, error) {
	cfg, err := config.LoadDefaultConfig(ctx) // endpoint, region and credentials from the environment
	if err != nil {
		return "", err
	}
	out, err := awsiam.NewFromConfig(cfg).CreateUser(ctx, &awsiam.CreateUserInput{UserName: aws.String(name)})
	if err != nil {
		return "", err
	}
	return aws.ToString(out.User.Arn), nil
}
