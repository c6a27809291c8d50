package iam

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/iamkit/iam/internal/imds"
)

// IMDSOptions configures IMDSCredentials. A nil *IMDSOptions means all
// defaults.
type IMDSOptions struct {
	// Endpoint is the metadata service's base URL; empty means
	// $AWS_EC2_METADATA_SERVICE_ENDPOINT, then http://169.254.169.254.
	Endpoint string
	// HTTPClient sends the requests; nil means a client that bypasses
	// any proxy, since the service must be reached directly.
	HTTPClient *http.Client
	// Now is the clock that decides when credentials are due for refresh;
	// nil means time.Now.
	Now func() time.Time
}

// IMDSCredentials returns a provider of the temporary credentials of the
// IAM role attached to the EC2 instance, read from the instance metadata
// service with IMDSv2 session tokens (IMDSv1 is never used). Each HTTP
// step times out after about a second, so off EC2 it fails quickly.
// Credentials are cached and refreshed five minutes before they expire.
//
// The environment is read when IMDSCredentials is called:
// AWS_EC2_METADATA_SERVICE_ENDPOINT overrides the endpoint, and
// AWS_EC2_METADATA_DISABLED=true makes every Retrieve fail at once,
// without touching the network.
func IMDSCredentials(opts *IMDSOptions) CredentialsProvider {
	var o IMDSOptions
	if opts != nil {
		o = *opts
	}
	if o.Endpoint == "" {
		o.Endpoint = os.Getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT")
	}
	disabled := strings.EqualFold(strings.TrimSpace(os.Getenv("AWS_EC2_METADATA_DISABLED")), "true")
	client := &imds.Client{Endpoint: o.Endpoint, HTTPClient: o.HTTPClient, Now: o.Now}
	return newCachedProvider("imds", o.Now, func(ctx context.Context) (Credentials, error) {
		if disabled {
			return Credentials{}, errors.New("disabled by AWS_EC2_METADATA_DISABLED=true")
		}
		rc, err := client.Credentials(ctx)
		if err != nil {
			return Credentials{}, err
		}
		return Credentials{
			AccessKeyID:     rc.AccessKeyID,
			SecretAccessKey: rc.SecretAccessKey,
			SessionToken:    rc.Token,
			Source:          "imds:" + rc.Role,
			CanExpire:       true,
			Expires:         rc.Expiration,
		}, nil
	})
}
