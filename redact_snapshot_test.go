package iam

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A success body that does not parse still goes into the error's snapshot;
// it may be a CreateAccessKey answer cut short after the new secret, so the
// snapshot must be redacted like every other view of a body.
func TestUndecodableSuccessBodySnapshotIsRedacted(t *testing.T) {
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSNAPSHOT01"
	body := `<CreateAccessKeyResponse><CreateAccessKeyResult><AccessKey>` +
		`<AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId><SecretAccessKey>` + secret +
		`</SecretAccessKey></AccessKey></CreateAccessKeyResult><broken`
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) { xmlReply(w, 200, body) })
	_, err := c.Call(context.Background(), "CreateAccessKey", nil)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.NotContains(t, string(de.Snapshot), secret)
	assert.NotContains(t, err.Error(), secret)
	assert.Contains(t, string(de.Snapshot), "<AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>")
}
