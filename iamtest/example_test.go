package iamtest_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/iamkit/iam/iamtest"
)

// Point any IAM client at srv.URL with the root credentials and region
// us-east-1. In a test, iamtest.New(t) does the same and closes the
// server when the test ends.
func ExampleNewServer() {
	srv := iamtest.NewServer(iamtest.WithSeed(1))
	defer srv.Close()
	ak, sk := srv.RootCredentials()
	fmt.Println(srv.URL != "", len(ak), len(sk))
	// Output: true 20 40
}

// A misbehaving server: a fifth of requests throttled, a tenth failing,
// with IAM's eventual consistency on top.
func ExampleWithFaults() {
	srv := iamtest.NewServer(
		iamtest.WithFaults(iamtest.Faults{Seed: 42, ThrottleRate: 0.2, ServerErrorRate: 0.1}),
		iamtest.WithPropagationDelay(2*time.Second),
	)
	defer srv.Close()
	fmt.Println(srv.AccountID())
	// Output: 123456789012
}

func ExampleActions() {
	fmt.Println(slices.Contains(iamtest.Actions(), "CreateUser"))
	// Output: true
}
