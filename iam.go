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
// results from the same tree. They share one style: required arguments are
// plain parameters in IAM's order; optional ones sit in a small
// *<Action>Options struct of value fields, where nil means "all defaults"
// and a zero field is not sent. Results are Go types, with the tree they
// were read from reachable through Element and Response. Paginated actions
// have a page method (<Action>, with Marker, MaxItems and IsTruncated in
// view) and an iterator (<Action>All) that walks every page:
//
//	for u, err := range c.ListUsersAll(ctx, nil) {
//		if err != nil {
//			return err // an error on any page ends the walk; it is never a short list
//		}
//		fmt.Println(u.UserName)
//	}
//
// Invalid names, paths, policies and parameters are refused before any
// request is sent, with a *ValidationError naming the field and the rule.
// Error answers are *APIError values; test them with errors.Is against
// ErrNoSuchEntity and its siblings, or with IsNotFound.
//
// Secret keys, session tokens, passwords, private keys and MFA seeds print
// redacted through String, %v, %+v, %#v and slog; each is reachable through
// an explicit accessor such as AccessKey.Secret.
package iam

// APIVersion is the IAM Query API version every request carries.
const APIVersion = "2010-05-08"

// Tag is a key and value attached to an IAM resource.
type Tag struct {
	Key   string
	Value string
}
