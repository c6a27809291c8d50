package apply

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/iamkit/iam"
)

// state is what the account holds, as far as a plan needs it. Maps are
// keyed by lower-cased name, as IAM compares names.
type state struct {
	account string
	// caller is the IAM user whose credentials read the account, when
	// known (only for pruning plans), so that prune never deletes it.
	caller   string
	users    map[string]*userState
	groups   map[string]*groupState
	roles    map[string]*roleState
	policies map[string]*policyState // customer managed, by name
	profiles map[string]*profileState
}

type userState struct {
	name, path, arn string
	groups          []string
	inline          map[string]string // policy name -> document JSON
	attached        []string          // policy ARNs
	keys            []iam.AccessKeyMetadata
}

type groupState struct {
	name, path, arn string
	inline          map[string]string
	attached        []string
}

type roleState struct {
	name, path, arn string
	trust           string
	inline          map[string]string
	attached        []string
}

type policyState struct {
	name, path, arn string
	defaultVersion  string
	document        string // the default version's
}

type profileState struct {
	name, path string
	roles      []string
}

// readState reads the account in a few paginated calls:
// GetAccountAuthorizationDetails for users, groups, roles and customer
// managed policies with their documents and attachments, the instance
// profiles, and the access keys of the users in keysFor.
func readState(ctx context.Context, c *iam.Client, keysFor []string) (*state, error) {
	st := &state{
		users: map[string]*userState{}, groups: map[string]*groupState{}, roles: map[string]*roleState{},
		policies: map[string]*policyState{}, profiles: map[string]*profileState{},
	}
	params := iam.Params{"Filter": []string{"User", "Group", "Role", "LocalManagedPolicy"}, "MaxItems": 1000}
	seen := map[string]bool{}
	for {
		resp, err := c.Call(ctx, "GetAccountAuthorizationDetails", params)
		if err != nil {
			return nil, fmt.Errorf("reading the account: %w", err)
		}
		if err := st.addDetails(resp); err != nil {
			return nil, err
		}
		if !resp.Get("IsTruncated").Bool() {
			break
		}
		m := resp.Get("Marker").String()
		if m == "" || seen[m] {
			return nil, fmt.Errorf("reading the account: GetAccountAuthorizationDetails: %w", iam.ErrRepeatedMarker)
		}
		seen[m] = true
		params["Marker"] = m
	}
	for p, err := range c.ListInstanceProfilesAll(ctx, nil) {
		if err != nil {
			return nil, fmt.Errorf("reading the account: %w", err)
		}
		ps := &profileState{name: p.InstanceProfileName, path: p.Path}
		for _, r := range p.Roles {
			ps.roles = append(ps.roles, r.RoleName)
		}
		st.profiles[strings.ToLower(p.InstanceProfileName)] = ps
	}
	for _, name := range keysFor {
		u := st.users[strings.ToLower(name)]
		if u == nil {
			continue
		}
		for k, err := range c.ListAccessKeysAll(ctx, u.name, nil) {
			if err != nil {
				return nil, fmt.Errorf("reading the access keys of user %s: %w", u.name, err)
			}
			u.keys = append(u.keys, k)
		}
	}
	if st.account == "" {
		if me, err := c.GetUser(ctx, ""); err == nil {
			st.account = accountOf(me.ARN)
		}
	}
	return st, nil
}

func (st *state) addDetails(resp *iam.Response) error {
	for _, m := range resp.List("UserDetailList") {
		u := &userState{name: m.Get("UserName").String(), path: m.Get("Path").String(), arn: m.Get("Arn").String()}
		for _, g := range m.List("GroupList") {
			u.groups = append(u.groups, g.String())
		}
		var err error
		if u.inline, err = inlineDocs(m.List("UserPolicyList")); err != nil {
			return fmt.Errorf("user %s: %w", u.name, err)
		}
		u.attached = attachedARNs(m.List("AttachedManagedPolicies"))
		st.users[strings.ToLower(u.name)] = u
		st.noteAccount(u.arn)
	}
	for _, m := range resp.List("GroupDetailList") {
		g := &groupState{name: m.Get("GroupName").String(), path: m.Get("Path").String(), arn: m.Get("Arn").String()}
		var err error
		if g.inline, err = inlineDocs(m.List("GroupPolicyList")); err != nil {
			return fmt.Errorf("group %s: %w", g.name, err)
		}
		g.attached = attachedARNs(m.List("AttachedManagedPolicies"))
		st.groups[strings.ToLower(g.name)] = g
		st.noteAccount(g.arn)
	}
	for _, m := range resp.List("RoleDetailList") {
		r := &roleState{name: m.Get("RoleName").String(), path: m.Get("Path").String(), arn: m.Get("Arn").String()}
		trust, err := unescape(m.Get("AssumeRolePolicyDocument").String())
		if err != nil {
			return fmt.Errorf("role %s: trust policy: %w", r.name, err)
		}
		r.trust = trust
		if r.inline, err = inlineDocs(m.List("RolePolicyList")); err != nil {
			return fmt.Errorf("role %s: %w", r.name, err)
		}
		r.attached = attachedARNs(m.List("AttachedManagedPolicies"))
		st.roles[strings.ToLower(r.name)] = r
		st.noteAccount(r.arn)
	}
	for _, m := range resp.List("Policies") {
		p := &policyState{name: m.Get("PolicyName").String(), path: m.Get("Path").String(),
			arn: m.Get("Arn").String(), defaultVersion: m.Get("DefaultVersionId").String()}
		for _, v := range m.List("PolicyVersionList") {
			if v.Get("IsDefaultVersion").Bool() {
				doc, err := unescape(v.Get("Document").String())
				if err != nil {
					return fmt.Errorf("policy %s: %w", p.name, err)
				}
				p.document = doc
			}
		}
		st.policies[strings.ToLower(p.name)] = p
		st.noteAccount(p.arn)
	}
	return nil
}

func (st *state) noteAccount(arn string) {
	if st.account == "" {
		st.account = accountOf(arn)
	}
}

// accountOf returns the account field of an ARN.
func accountOf(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

func inlineDocs(members []iam.Node) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range members {
		doc, err := unescape(m.Get("PolicyDocument").String())
		if err != nil {
			return nil, fmt.Errorf("inline policy %s: %w", m.Get("PolicyName").String(), err)
		}
		out[m.Get("PolicyName").String()] = doc
	}
	return out, nil
}

func attachedARNs(members []iam.Node) []string {
	var out []string
	for _, m := range members {
		out = append(out, m.Get("PolicyArn").String())
	}
	return out
}

// unescape decodes a policy document as IAM sends it, percent-encoded per
// RFC 3986. It is not form encoding: a '+' is a '+' (IAM sends a space as
// %20), as the library's own decoder and botocore's read it.
func unescape(s string) (string, error) {
	return url.PathUnescape(s)
}
