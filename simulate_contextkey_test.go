package iam

import (
	"context"
	"strings"
	"testing"
)

// ContextKeyName is 5-256 characters in the IAM API reference (a full key
// such as aws:SourceIp); a shorter name is refused before sending.
func TestSimulateContextKeyNameLength(t *testing.T) {
	ctx := context.Background()
	for name, key := range map[string]string{
		"4 chars":   "s3:x",
		"257 chars": "aws:" + strings.Repeat("k", 253),
	} {
		t.Run(name, func(t *testing.T) {
			opts := &SimulateOptions{ContextEntries: []ContextEntry{{Key: key, Values: []string{"v"}}}}
			_, err := neverCalled(t).SimulateCustomPolicyJSON(ctx, []string{s3ListAll}, []string{"s3:ListBucket"}, opts)
			requireValidation(t, err, "SimulateCustomPolicy", "ContextEntries[0].ContextKeyName")
		})
	}
}
