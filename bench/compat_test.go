package bench

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamkit/iam/iamtest"
)

// TestAWSSDKAgainstLocalServer drives the local IAM server with
// aws-sdk-go-v2, unchanged: any client that talks to AWS IAM must work
// against it. It covers the shapes clients are strict about: pagination
// markers, lists of one and many, URL-encoded policy documents, typed
// errors, and signature refusal.
func TestAWSSDKAgainstLocalServer(t *testing.T) {
	ctx := context.Background()
	srv := iamtest.New(t)
	ak, sk := srv.RootCredentials()
	c := awsiam.New(awsiam.Options{
		Region:       "us-east-1",
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(ak, sk, "")),
		BaseEndpoint: aws.String(srv.URL),
	})

	for _, name := range []string{"ann", "bob", "cat", "dan", "eve"} {
		_, err := c.CreateUser(ctx, &awsiam.CreateUserInput{UserName: aws.String(name), Path: aws.String("/team/")})
		require.NoError(t, err)
	}
	var names []string
	p := awsiam.NewListUsersPaginator(c, &awsiam.ListUsersInput{MaxItems: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		require.NoError(t, err)
		pages++
		for _, u := range out.Users {
			names = append(names, aws.ToString(u.UserName))
		}
	}
	assert.Equal(t, []string{"ann", "bob", "cat", "dan", "eve"}, names)
	assert.Equal(t, 3, pages)

	k1, err := c.CreateAccessKey(ctx, &awsiam.CreateAccessKeyInput{UserName: aws.String("ann")})
	require.NoError(t, err)
	assert.NotEmpty(t, aws.ToString(k1.AccessKey.SecretAccessKey))
	_, err = c.CreateAccessKey(ctx, &awsiam.CreateAccessKeyInput{UserName: aws.String("ann")})
	require.NoError(t, err)
	keys, err := c.ListAccessKeys(ctx, &awsiam.ListAccessKeysInput{UserName: aws.String("ann")})
	require.NoError(t, err)
	assert.Len(t, keys.AccessKeyMetadata, 2)

	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a b/100%25+x/*"}]}`
	_, err = c.PutUserPolicy(ctx, &awsiam.PutUserPolicyInput{UserName: aws.String("ann"), PolicyName: aws.String("p"), PolicyDocument: aws.String(doc)})
	require.NoError(t, err)
	got, err := c.GetUserPolicy(ctx, &awsiam.GetUserPolicyInput{UserName: aws.String("ann"), PolicyName: aws.String("p")})
	require.NoError(t, err)
	// aws-sdk-go-v2 hands over the document as IAM sends it,
	// percent-encoded; decoding it once gives back what was put.
	decoded, err := url.PathUnescape(aws.ToString(got.PolicyDocument))
	require.NoError(t, err)
	assert.Equal(t, doc, decoded)

	_, err = c.GetUser(ctx, &awsiam.GetUserInput{UserName: aws.String("nobody")})
	var nse *types.NoSuchEntityException
	require.True(t, errors.As(err, &nse), "got %v", err)

	_, err = c.DeleteUser(ctx, &awsiam.DeleteUserInput{UserName: aws.String("ann")})
	var dce *types.DeleteConflictException
	require.True(t, errors.As(err, &dce), "got %v", err)

	forged := awsiam.New(awsiam.Options{
		Region:       "us-east-1",
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(ak, "wrong", "")),
		BaseEndpoint: aws.String(srv.URL),
	})
	_, err = forged.ListUsers(ctx, &awsiam.ListUsersInput{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SignatureDoesNotMatch")
}
