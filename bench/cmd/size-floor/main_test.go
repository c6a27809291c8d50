package main

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam/bench/internal/workload"
)

func TestRun(t *testing.T) {
	srv := httptest.NewServer(workload.Answer([]byte("<CreateUserResponse/>")))
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_IAM", srv.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", workload.AccessKeyID)
	got, err := run(context.Background(), "alice")
	require.NoError(t, err)
	assert.Equal(t, "200 OK, 21 bytes", got)

	t.Setenv("AWS_ACCESS_KEY_ID", "")
	_, err = run(context.Background(), "alice")
	assert.ErrorContains(t, err, "AWS_ACCESS_KEY_ID")
}
