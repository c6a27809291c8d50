// Package iam is a client for AWS Identity and Access Management and the
// services that speak its Query API (Ceph RGW, Eucalyptus Euare, Wasabi,
// LocalStack, moto, and this module's own iamtest server).
//
// Every action goes through [Client.Call], which encodes the parameters,
// signs the request (SigV4 by default, SigV2 for older servers), retries
// what is worth retrying and parses the XML answer once into a [Response]
// tree with deep, attribute-style lookup:
//
//	resp, err := c.Call(ctx, "ListUsers", iam.Params{"PathPrefix": "/"})
//	for _, u := range resp.List("Users") {
//		fmt.Println(u.Get("UserName").String())
//	}
//
// Typed methods named after their actions sit on top of Call and read their
// results from the same tree.
package iam

// APIVersion is the IAM Query API version every request carries.
const APIVersion = "2010-05-08"

// Tag is a key and value attached to an IAM resource.
type Tag struct {
	Key   string
	Value string
}
