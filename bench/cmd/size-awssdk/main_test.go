package main

import (
	"testing"

	"github.com/iamkit/iam/bench/internal/sizetest"
)

// TestRun creates a user on the local IAM server with credentials and
// endpoint from the environment only, as the program does in the field.
func TestRun(t *testing.T) { sizetest.Run(t, run) }
