package iam_test

import (
	"context"
	"fmt"
	"log"

	"github.com/iamkit/iam"
)

// DefaultCredentials looks in the environment, the shared files and the
// EC2 instance metadata service, in that order. Printing the credentials
// shows the access key ID and where it came from, never the secret.
func ExampleDefaultCredentials() {
	creds, err := iam.DefaultCredentials().Retrieve(context.Background())
	if err != nil {
		// The error lists each provider tried and why it had nothing.
		log.Fatal(err)
	}
	fmt.Println(creds)
}
