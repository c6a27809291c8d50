// Command walk-iamkit walks every page of a pageserver with iamkit's
// ListUsersAll iterator and keeps nothing.
package main

import (
	"context"

	"github.com/iamkit/iam/bench/internal/procstat"
	"github.com/iamkit/iam/bench/internal/workload"
)

func main() { procstat.WalkMain("iamkit", walk) }

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
