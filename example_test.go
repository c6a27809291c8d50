package iam_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/iamkit/iam"
	"github.com/iamkit/iam/iamtest"
)

// newExampleClient starts a local IAM server and returns a client for it
// and the function that stops the server. Against AWS, iam.New() alone
// finds the endpoint, region and credentials from the environment.
func newExampleClient() (*iam.Client, func()) {
	srv := iamtest.NewServer(iamtest.WithSeed(1))
	ak, sk := srv.RootCredentials()
	c, err := iam.New(
		iam.WithEndpoint(srv.URL),
		iam.WithRegion(iamtest.Region),
		iam.WithCredentials(iam.StaticCredentials(ak, sk, "")),
	)
	if err != nil {
		log.Fatal(err)
	}
	return c, srv.Close
}

func ExampleClient_CreateUser() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()

	u, err := c.CreateUser(ctx, "alice", &iam.CreateUserOptions{
		Path: "/engineering/",
		Tags: []iam.Tag{{Key: "team", Value: "platform"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.UserName, u.Path)
	fmt.Println(u.ARN)
	fmt.Println(u.Tags)

	// A second user of the same name is refused by the service.
	_, err = c.CreateUser(ctx, "alice", nil)
	fmt.Println(iam.ErrorCode(err))

	// An invalid name is refused before anything is sent.
	_, err = c.CreateUser(ctx, "alice smith", nil)
	fmt.Println(err)
	// Output:
	// alice /engineering/
	// arn:aws:iam::123456789012:user/engineering/alice
	// [{team platform}]
	// EntityAlreadyExists
	// iam CreateUser: UserName "alice smith": must match [\w+=,.@-]+ (1-64 characters)
}

func ExampleClient_ListUsersAll() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()
	for _, name := range []string{"alice", "bob", "carol", "dave", "erin"} {
		if _, err := c.CreateUser(ctx, name, nil); err != nil {
			log.Fatal(err)
		}
	}

	// Two users per page: the iterator asks for three pages, sending each
	// page's Marker back. An error on any page ends the loop with err set.
	opts := &iam.ListUsersOptions{PageOptions: iam.PageOptions{MaxItems: 2}}
	for u, err := range c.ListUsersAll(ctx, opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.UserName)
	}
	// Output:
	// alice
	// bob
	// carol
	// dave
	// erin
}

func ExampleClient_PutGroupPolicy() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()
	if _, err := c.CreateGroup(ctx, "readers", nil); err != nil {
		log.Fatal(err)
	}

	doc := &iam.PolicyDocument{
		Version: iam.PolicyVersion,
		Statement: []iam.Statement{{
			Sid:      "ReadReports",
			Effect:   "Allow",
			Action:   iam.StringList("s3:GetObject", "s3:ListBucket"),
			Resource: iam.StringValue("arn:aws:s3:::reports/*"),
		}},
	}
	if err := c.PutGroupPolicy(ctx, "readers", "read-reports", doc); err != nil {
		log.Fatal(err)
	}

	p, err := c.GetGroupPolicy(ctx, "readers", "read-reports")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.DocumentJSON)
	fmt.Println(p.Document.Statement[0].Action.Values)

	// A document IAM would refuse is refused before sending.
	doc.Statement[0].Effect = "Permit"
	fmt.Println(c.PutGroupPolicy(ctx, "readers", "read-reports", doc))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"ReadReports","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::reports/*"}]}
	// [s3:GetObject s3:ListBucket]
	// iam PutGroupPolicy: PolicyDocument: invalid group inline policy: Statement[0] (Sid "ReadReports"): Effect: must be "Allow" or "Deny", got "Permit"
}

func ExampleClient_CreateAccessKey() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()
	if _, err := c.CreateUser(ctx, "deploy-bot", nil); err != nil {
		log.Fatal(err)
	}

	key, err := c.CreateAccessKey(ctx, "deploy-bot")
	if err != nil {
		log.Fatal(err)
	}
	// The secret is only reachable through Secret; printing or logging the
	// key shows it redacted.
	fmt.Println(key.UserName, key.Status, len(key.Secret()))
	fmt.Println(strings.Contains(fmt.Sprintf("%+v", key), key.Secret()))

	keys, err := c.ListAccessKeys(ctx, "deploy-bot", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(keys.AccessKeyMetadata), keys.AccessKeyMetadata[0].AccessKeyID == key.AccessKeyID)
	// Output:
	// deploy-bot Active 40
	// false
	// 1 true
}

func ExampleClient_GetLoginProfile() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()
	if _, err := c.CreateUser(ctx, "carol", nil); err != nil {
		log.Fatal(err)
	}

	_, err := c.GetLoginProfile(ctx, "carol")
	switch {
	case iam.IsNotFound(err):
		fmt.Println("carol has no console password")
	case err != nil:
		log.Fatal(err) // the call failed: that is not "no password"
	default:
		fmt.Println("carol can sign in to the console")
	}
	// Output:
	// carol has no console password
}

// Any action can be called without a typed method; the answer is the
// generic tree, with deep lookup and lists that are always slices.
func ExampleClient_Call() {
	c, stop := newExampleClient()
	defer stop()
	ctx := context.Background()

	for _, name := range []string{"ann", "bob"} {
		if _, err := c.Call(ctx, "CreateUser", iam.Params{"UserName": name, "Path": "/ops/"}); err != nil {
			log.Fatal(err)
		}
	}
	resp, err := c.Call(ctx, "ListUsers", iam.Params{"PathPrefix": "/ops/"})
	if err != nil {
		log.Fatal(err)
	}
	for _, u := range resp.List("Users") {
		fmt.Println(u.Get("user_name").String(), u.Get("Arn").String())
	}
	fmt.Println(resp.Get("IsTruncated").Bool())

	_, err = c.Call(ctx, "GetUser", iam.Params{"UserName": "nobody"})
	fmt.Println(iam.IsNotFound(err))
	// Output:
	// ann arn:aws:iam::123456789012:user/ops/ann
	// bob arn:aws:iam::123456789012:user/ops/bob
	// false
	// true
}
