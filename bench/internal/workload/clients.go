package workload

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/iamkit/iam"
)

// NewIamkit returns an iamkit client for endpoint with static credentials.
// A nil hc keeps the library's default (http.DefaultClient), as a user
// who sets nothing gets.
func NewIamkit(endpoint string, hc *http.Client) (*iam.Client, error) {
	opts := []iam.Option{
		iam.WithEndpoint(endpoint),
		iam.WithRegion(Region),
		iam.WithCredentials(iam.StaticCredentials(AccessKeyID, SecretAccessKey, "")),
	}
	if hc != nil {
		opts = append(opts, iam.WithHTTPClient(hc))
	}
	return iam.New(opts...)
}

// NewAWS returns an aws-sdk-go-v2 IAM client for endpoint with static
// credentials, built from Options as its documentation shows for a custom
// endpoint. A nil hc keeps the SDK's default BuildableClient.
func NewAWS(endpoint string, hc *http.Client) *awsiam.Client {
	o := awsiam.Options{
		Region:       Region,
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(AccessKeyID, SecretAccessKey, "")),
		BaseEndpoint: aws.String(endpoint),
	}
	if hc != nil {
		o.HTTPClient = hc
	}
	return awsiam.New(o)
}
