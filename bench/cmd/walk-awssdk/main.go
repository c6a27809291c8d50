// Command walk-awssdk walks every page of a pageserver with aws-sdk-go-v2's
// ListUsersPaginator and keeps nothing.
package main

import (
	"context"

	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamkit/iam/bench/internal/procstat"
	"github.com/iamkit/iam/bench/internal/workload"
)

func main() { procstat.WalkMain("awssdk", walk) }

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
