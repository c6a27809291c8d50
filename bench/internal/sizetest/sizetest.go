// Package sizetest tests the size programs the same way.
package sizetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iamkit/iam/iamtest"
)

// Run checks a size program's run function the way the
// program runs in the field: endpoint and credentials from the
// environment only (no shared files, no instance metadata), against a local
// IAM server. run must create the user and answer its ARN, then fail with
// EntityAlreadyExists the second time.
func Run(t *testing.T, run func(ctx context.Context, userName string) (arn string, err error)) {
	t.Helper()
	srv := iamtest.New(t)
	ak, sk := srv.RootCredentials()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ENDPOINT_URL_IAM":        srv.URL,
		"AWS_ACCESS_KEY_ID":           ak,
		"AWS_SECRET_ACCESS_KEY":       sk,
		"AWS_SESSION_TOKEN":           "",
		"AWS_REGION":                  "us-east-1",
		"AWS_PROFILE":                 "",
		"AWS_CONFIG_FILE":             filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":   "true",
	} {
		t.Setenv(k, v)
	}
	arn, err := run(context.Background(), "alice")
	if err != nil {
		t.Fatalf("first run: %v", err)
	}
	if want := "arn:aws:iam::" + srv.AccountID() + ":user/alice"; arn != want {
		t.Errorf("ARN %q, want %q", arn, want)
	}
	if _, err := run(context.Background(), "alice"); err == nil || !strings.Contains(err.Error(), "EntityAlreadyExists") {
		t.Errorf("second run: %v, want EntityAlreadyExists", err)
	}
}
