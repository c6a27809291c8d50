package iam

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"strings"
)

// CreateAccountAlias sets the account's alias, the friendly name in its
// console sign-in URL (see ConsoleSignInURL). An account has at most one;
// a new one replaces the old. Aliases are unique across a partition, so a
// taken one answers ErrEntityAlreadyExists.
func (c *Client) CreateAccountAlias(ctx context.Context, alias string) error {
	return c.idAction(ctx, "CreateAccountAlias", "AccountAlias", alias, accountAliasCheck)
}

// DeleteAccountAlias removes the account's alias; sign-in then works
// only with the account ID.
func (c *Client) DeleteAccountAlias(ctx context.Context, alias string) error {
	return c.idAction(ctx, "DeleteAccountAlias", "AccountAlias", alias, accountAliasCheck)
}

// accountAliasCheck adapts checkAccountAlias, whose field is always
// AccountAlias, to idCheck.
func accountAliasCheck(_, alias string) error { return checkAccountAlias(alias) }

// ListAccountAliasesOutput is one page of ListAccountAliases.
type ListAccountAliasesOutput struct {
	// AccountAliases has at most one entry: an account has one alias.
	AccountAliases []string
	PageInfo
	source
}

// ListAccountAliases returns the account's alias, if it has one.
func (c *Client) ListAccountAliases(ctx context.Context, opts *PageOptions) (*ListAccountAliasesOutput, error) {
	const action = "ListAccountAliases"
	p := Params{}
	if err := opts.params(p); err != nil {
		return nil, validationFailed(action, err)
	}
	pg, err := listPage(ctx, c, action, p, "AccountAliases", readString)
	if err != nil {
		return nil, err
	}
	return &ListAccountAliasesOutput{AccountAliases: pg.entries, PageInfo: pg.PageInfo, source: pg.source}, nil
}

// ListAccountAliasesAll iterates over the account's aliases.
func (c *Client) ListAccountAliasesAll(ctx context.Context, opts *PageOptions) iter.Seq2[string, error] {
	return allPages(ctx, "ListAccountAliases", opts, pageOf(c.ListAccountAliases, func(o *ListAccountAliasesOutput) []string { return o.AccountAliases }))
}

// AccountSummary is GetAccountSummary's answer: usage and quotas by name.
type AccountSummary struct {
	// SummaryMap maps each name IAM reports ("Users", "UsersQuota",
	// "AccountMFAEnabled", "Policies", ...) to its value.
	SummaryMap map[string]int

	source
}

// GetAccountSummary returns the account's entity counts and quotas. Names
// IAM adds later appear in SummaryMap as they come.
func (c *Client) GetAccountSummary(ctx context.Context) (*AccountSummary, error) {
	const action = "GetAccountSummary"
	resp, result, err := c.callResult(ctx, action, Params{})
	if err != nil {
		return nil, err
	}
	sm := result.Path("SummaryMap")
	if !sm.Exists() {
		return nil, decodeFailed(action, resp, errNotFound(result, "SummaryMap"))
	}
	// A map in the AWS Query protocol is a list of <entry> elements,
	// each with a <key> and a <value>; some servers write <member>
	// instead of <entry>, so the entry's name is not checked.
	entries := sm.Children()
	out := &AccountSummary{SummaryMap: make(map[string]int, len(entries)), source: source{result, resp}}
	for i, e := range entries {
		kn, vn := e.Path("key"), e.Path("value")
		if !kn.Exists() || !vn.Exists() {
			return nil, decodeFailed(action, resp, fmt.Errorf("iam: response element SummaryMap.%s[%d]: want key and value", e.Name(), i))
		}
		v, err := vn.ParseInt()
		if err != nil {
			return nil, decodeFailed(action, resp, fmt.Errorf("SummaryMap[%s]: %w", kn.String(), err))
		}
		out.SummaryMap[kn.String()] = int(v)
	}
	return out, nil
}

// PasswordPolicy is the account's password policy, as
// GetAccountPasswordPolicy returns it.
type PasswordPolicy struct {
	MinimumPasswordLength      int
	RequireSymbols             bool
	RequireNumbers             bool
	RequireUppercaseCharacters bool
	RequireLowercaseCharacters bool
	AllowUsersToChangePassword bool
	// ExpirePasswords is true when MaxPasswordAge is set.
	ExpirePasswords bool
	// MaxPasswordAge is in days; 0 means passwords never expire.
	MaxPasswordAge int
	// PasswordReusePrevention is how many previous passwords cannot be
	// reused; 0 means any.
	PasswordReusePrevention int
	// HardExpiry stops users from choosing a new password once theirs
	// has expired; an administrator must reset it.
	HardExpiry bool

	source
}

// GetAccountPasswordPolicy returns the account's password policy. An
// account without one answers an error for which IsNotFound is true
// (IAM's defaults then apply).
func (c *Client) GetAccountPasswordPolicy(ctx context.Context) (*PasswordPolicy, error) {
	return callElement(ctx, c, "GetAccountPasswordPolicy", Params{}, "PasswordPolicy", readPasswordPolicy)
}

func readPasswordPolicy(n Node, resp *Response) (PasswordPolicy, error) {
	f := fields{n: n}
	pp := PasswordPolicy{
		MinimumPasswordLength:      fieldInt(&f, "MinimumPasswordLength"),
		RequireSymbols:             f.bool("RequireSymbols"),
		RequireNumbers:             f.bool("RequireNumbers"),
		RequireUppercaseCharacters: f.bool("RequireUppercaseCharacters"),
		RequireLowercaseCharacters: f.bool("RequireLowercaseCharacters"),
		AllowUsersToChangePassword: f.bool("AllowUsersToChangePassword"),
		ExpirePasswords:            f.bool("ExpirePasswords"),
		MaxPasswordAge:             fieldInt(&f, "MaxPasswordAge"),
		PasswordReusePrevention:    fieldInt(&f, "PasswordReusePrevention"),
		HardExpiry:                 f.bool("HardExpiry"),
		source:                     source{n, resp},
	}
	return pp, f.err
}

// UpdateAccountPasswordPolicyInput is the password policy
// UpdateAccountPasswordPolicy sets. IAM replaces the whole policy: a
// setting not sent takes IAM's default (false, or no limit), not its
// current value.
//
// Every setting that is set is sent, booleans included, so
// RequireSymbols: new(false) sends RequireSymbols=false even alone (boto 2
// dropped booleans unless another setting was given). Nil booleans and
// zero integers are not sent.
type UpdateAccountPasswordPolicyInput struct {
	// MinimumPasswordLength is 6 to 128; 0 is not sent (IAM's default 6).
	MinimumPasswordLength      int
	RequireSymbols             *bool
	RequireNumbers             *bool
	RequireUppercaseCharacters *bool
	RequireLowercaseCharacters *bool
	AllowUsersToChangePassword *bool
	// MaxPasswordAge is 1 to 1095 days; 0 is not sent (never expire).
	MaxPasswordAge int
	// PasswordReusePrevention is 1 to 24; 0 is not sent (no limit).
	PasswordReusePrevention int
	HardExpiry              *bool
}

// UpdateAccountPasswordPolicy sets the account's password policy; nil
// means IAM's defaults for every setting.
func (c *Client) UpdateAccountPasswordPolicy(ctx context.Context, in *UpdateAccountPasswordPolicyInput) error {
	const action = "UpdateAccountPasswordPolicy"
	o := orDefaults(in)
	if err := checkAll(
		checkIntRange("MinimumPasswordLength", o.MinimumPasswordLength, 6, 128),
		checkIntRange("MaxPasswordAge", o.MaxPasswordAge, 1, 1095),
		checkIntRange("PasswordReusePrevention", o.PasswordReusePrevention, 1, 24),
	); err != nil {
		return validationFailed(action, err)
	}
	p := Params{}
	setInt := func(name string, v int) {
		if v != 0 {
			p[name] = v
		}
	}
	setBool := func(name string, v *bool) {
		if v != nil {
			p[name] = *v
		}
	}
	setInt("MinimumPasswordLength", o.MinimumPasswordLength)
	setBool("RequireSymbols", o.RequireSymbols)
	setBool("RequireNumbers", o.RequireNumbers)
	setBool("RequireUppercaseCharacters", o.RequireUppercaseCharacters)
	setBool("RequireLowercaseCharacters", o.RequireLowercaseCharacters)
	setBool("AllowUsersToChangePassword", o.AllowUsersToChangePassword)
	setInt("MaxPasswordAge", o.MaxPasswordAge)
	setInt("PasswordReusePrevention", o.PasswordReusePrevention)
	setBool("HardExpiry", o.HardExpiry)
	_, err := c.Call(ctx, action, p)
	return err
}

// DeleteAccountPasswordPolicy removes the account's password policy, so
// IAM's defaults apply.
func (c *Client) DeleteAccountPasswordPolicy(ctx context.Context) error {
	_, err := c.Call(ctx, "DeleteAccountPasswordPolicy", Params{})
	return err
}

// checkIntRange checks an optional integer setting: 0 (unset) or
// min..max.
func checkIntRange(field string, v, min, max int) error {
	if v != 0 && (v < min || v > max) {
		return invalid(field, strconv.Itoa(v), fmt.Sprintf("must be between %d and %d (0 leaves it unset)", min, max))
	}
	return nil
}

// Partitions that ConsoleSignInURL knows.
const (
	PartitionAWS      = "aws"
	PartitionAWSCN    = "aws-cn"
	PartitionAWSUSGov = "aws-us-gov"
)

// signInDomains are the console sign-in domains of each partition.
var signInDomains = map[string]string{
	PartitionAWS:      "signin.aws.amazon.com",
	PartitionAWSCN:    "signin.amazonaws.cn",
	PartitionAWSUSGov: "signin.amazonaws-us-gov.com",
}

// ConsoleSignInURL returns the console sign-in page of IAM users of an
// account, from its alias or its 12-digit ID, e.g.
// https://my-company.signin.aws.amazon.com/console for partition "aws"
// (aws-cn: .signin.amazonaws.cn, aws-us-gov: .signin.amazonaws-us-gov.com).
// It makes no request: pass an alias from ListAccountAliases, or the
// account ID.
func ConsoleSignInURL(partition, aliasOrAccountID string) (string, error) {
	domain, ok := signInDomains[partition]
	if !ok {
		return "", invalid("Partition", partition, `must be "aws", "aws-cn" or "aws-us-gov"`)
	}
	if !isAccountID(aliasOrAccountID) {
		if err := checkAccountAlias(aliasOrAccountID); err != nil {
			return "", invalid("AccountAlias", aliasOrAccountID, "must be a 12-digit account ID or "+accountAliasRule)
		}
	}
	return "https://" + aliasOrAccountID + "." + domain + "/console", nil
}

const accountAliasRule = `an alias of 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit`

// checkAccountAlias checks IAM's alias rule,
// ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$.
func checkAccountAlias(alias string) error {
	if alias == "" {
		return invalid("AccountAlias", alias, requiredRule+"; must be "+accountAliasRule)
	}
	ok := len(alias) >= 3 && len(alias) <= 63 && alias[0] != '-' && alias[len(alias)-1] != '-' &&
		!strings.Contains(alias, "--")
	for i := 0; ok && i < len(alias); i++ {
		c := alias[i]
		ok = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
	}
	if !ok {
		return invalid("AccountAlias", alias, "must be "+accountAliasRule)
	}
	return nil
}

// GetAccountAuthorizationDetailsOptions filter and page
// GetAccountAuthorizationDetails.
type GetAccountAuthorizationDetailsOptions struct {
	// Filter limits the answer to these kinds (EntityUser, EntityRole,
	// EntityGroup, EntityLocalManagedPolicy, EntityAWSManagedPolicy);
	// empty means all.
	Filter []string
	PageOptions
}

// PolicyDetail is an inline policy inside an authorization details entry,
// its document decoded once and parsed.
type PolicyDetail struct {
	PolicyName string
	Document   *PolicyDocument
	// DocumentJSON is the policy's JSON text, URL-decoded once.
	DocumentJSON string
	// RawDocument is the document as sent on the wire, percent-encoded.
	RawDocument string
}

// UserDetail is a user with its groups and policies.
type UserDetail struct {
	User
	GroupList               []string
	UserPolicyList          []PolicyDetail
	AttachedManagedPolicies []AttachedPolicy
}

// GroupDetail is a group with its policies.
type GroupDetail struct {
	Group
	GroupPolicyList         []PolicyDetail
	AttachedManagedPolicies []AttachedPolicy
}

// RoleDetail is a role (trust policy decoded) with its instance profiles
// and policies.
type RoleDetail struct {
	Role
	InstanceProfileList     []InstanceProfile
	RolePolicyList          []PolicyDetail
	AttachedManagedPolicies []AttachedPolicy
}

// ManagedPolicyDetail is a managed policy with all its versions, each
// document decoded.
type ManagedPolicyDetail struct {
	ManagedPolicy
	PolicyVersionList []ManagedPolicyVersion
}

// GetAccountAuthorizationDetailsOutput is one page of
// GetAccountAuthorizationDetails. Any of the lists may be empty on a
// page.
type GetAccountAuthorizationDetailsOutput struct {
	UserDetailList  []UserDetail
	GroupDetailList []GroupDetail
	RoleDetailList  []RoleDetail
	Policies        []ManagedPolicyDetail
	PageInfo
	source
}

// GetAccountAuthorizationDetails returns one page of every user, group,
// role and managed policy of the account with their relationships and
// policies, every policy document URL-decoded once and parsed. See
// GetAccountAuthorizationDetailsAll to walk them all.
func (c *Client) GetAccountAuthorizationDetails(ctx context.Context, opts *GetAccountAuthorizationDetailsOptions) (*GetAccountAuthorizationDetailsOutput, error) {
	const action = "GetAccountAuthorizationDetails"
	o := orDefaults(opts)
	p := Params{}
	filterErr := error(nil)
	filter := make([]string, len(o.Filter))
	for i, e := range o.Filter {
		switch e {
		case EntityUser, EntityRole, EntityGroup, EntityLocalManagedPolicy, EntityAWSManagedPolicy:
		default:
			if filterErr == nil {
				filterErr = invalid(fmt.Sprintf("Filter[%d]", i), e, "must be User, Role, Group, LocalManagedPolicy or AWSManagedPolicy")
			}
		}
		filter[i] = e
	}
	if err := checkAll(filterErr, o.params(p)); err != nil {
		return nil, validationFailed(action, err)
	}
	setList(p, "Filter", filter)
	resp, result, err := c.callResult(ctx, action, p)
	if err != nil {
		return nil, err
	}
	out, err := readAuthorizationDetails(result, resp)
	if err != nil {
		return nil, decodeFailed(action, resp, err)
	}
	return out, nil
}

// AuthorizationDetail is one entry of GetAccountAuthorizationDetailsAll:
// exactly one of its fields is set.
type AuthorizationDetail struct {
	User   *UserDetail
	Group  *GroupDetail
	Role   *RoleDetail
	Policy *ManagedPolicyDetail
}

// GetAccountAuthorizationDetailsAll iterates over every entry of every
// page: on each page its users, then groups, roles and policies.
func (c *Client) GetAccountAuthorizationDetailsAll(ctx context.Context, opts *GetAccountAuthorizationDetailsOptions) iter.Seq2[AuthorizationDetail, error] {
	return allPages(ctx, "GetAccountAuthorizationDetails", opts, pageOf(c.GetAccountAuthorizationDetails, authorizationEntries))
}

// authorizationEntries flattens one page into its entries: users, then
// groups, roles and policies.
func authorizationEntries(out *GetAccountAuthorizationDetailsOutput) []AuthorizationDetail {
	entries := make([]AuthorizationDetail, 0, len(out.UserDetailList)+len(out.GroupDetailList)+len(out.RoleDetailList)+len(out.Policies))
	for i := range out.UserDetailList {
		entries = append(entries, AuthorizationDetail{User: &out.UserDetailList[i]})
	}
	for i := range out.GroupDetailList {
		entries = append(entries, AuthorizationDetail{Group: &out.GroupDetailList[i]})
	}
	for i := range out.RoleDetailList {
		entries = append(entries, AuthorizationDetail{Role: &out.RoleDetailList[i]})
	}
	for i := range out.Policies {
		entries = append(entries, AuthorizationDetail{Policy: &out.Policies[i]})
	}
	return entries
}

// optionalList returns the members of an optional list child: a missing
// one is empty (IAM leaves out the lists a filter excludes), but a present
// one that is not a list is an error.
func optionalList(n Node, name string) ([]Node, error) {
	c := n.Path(name)
	if !c.Exists() {
		return nil, nil
	}
	if !c.IsList() {
		return nil, fmt.Errorf("iam: response element %s.%s is not a list", n.Name(), name)
	}
	return c.Members(), nil
}

// readList reads an optional list child with read, naming the entry that
// fails.
func readList[T any](n Node, name string, read func(Node) (T, error)) ([]T, error) {
	members, err := optionalList(n, name)
	if err != nil {
		return nil, err
	}
	out := make([]T, len(members))
	for i, m := range members {
		v, err := read(m)
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		out[i] = v
	}
	return out, nil
}

func readPolicyDetail(n Node) (PolicyDetail, error) {
	d := PolicyDetail{PolicyName: n.Path("PolicyName").String(), RawDocument: n.Path("PolicyDocument").String()}
	if strings.TrimSpace(d.RawDocument) == "" {
		return d, errNotFound(n, "PolicyDocument")
	}
	text, doc, err := decodePolicyText("PolicyDocument", d.RawDocument)
	if err != nil {
		return d, err
	}
	d.DocumentJSON, d.Document = text, doc
	return d, nil
}

func readAttachedPolicies(n Node, resp *Response) ([]AttachedPolicy, error) {
	return readList(n, "AttachedManagedPolicies", func(m Node) (AttachedPolicy, error) {
		return AttachedPolicy{
			PolicyName: m.Path("PolicyName").String(),
			PolicyARN:  m.Path("PolicyArn").String(),
			source:     source{m, resp},
		}, nil
	})
}

func readAuthorizationDetails(result Node, resp *Response) (*GetAccountAuthorizationDetailsOutput, error) {
	info, err := readPageInfo(result)
	if err != nil {
		return nil, err
	}
	out := &GetAccountAuthorizationDetailsOutput{PageInfo: info, source: source{result, resp}}
	if out.UserDetailList, err = readList(result, "UserDetailList", func(n Node) (UserDetail, error) {
		u, err := readUser(n, resp)
		d := UserDetail{User: u}
		if err == nil {
			d.GroupList, err = readList(n, "GroupList", func(m Node) (string, error) { return m.String(), nil })
		}
		if err == nil {
			d.UserPolicyList, err = readList(n, "UserPolicyList", readPolicyDetail)
		}
		if err == nil {
			d.AttachedManagedPolicies, err = readAttachedPolicies(n, resp)
		}
		return d, err
	}); err != nil {
		return nil, err
	}
	if out.GroupDetailList, err = readList(result, "GroupDetailList", func(n Node) (GroupDetail, error) {
		g, err := readGroup(n, resp)
		d := GroupDetail{Group: g}
		if err == nil {
			d.GroupPolicyList, err = readList(n, "GroupPolicyList", readPolicyDetail)
		}
		if err == nil {
			d.AttachedManagedPolicies, err = readAttachedPolicies(n, resp)
		}
		return d, err
	}); err != nil {
		return nil, err
	}
	if out.RoleDetailList, err = readList(result, "RoleDetailList", func(n Node) (RoleDetail, error) {
		r, err := readRole(n, resp)
		d := RoleDetail{Role: r}
		if err == nil {
			d.InstanceProfileList, err = readList(n, "InstanceProfileList", func(m Node) (InstanceProfile, error) {
				return readInstanceProfile(m, resp)
			})
		}
		if err == nil {
			d.RolePolicyList, err = readList(n, "RolePolicyList", readPolicyDetail)
		}
		if err == nil {
			d.AttachedManagedPolicies, err = readAttachedPolicies(n, resp)
		}
		return d, err
	}); err != nil {
		return nil, err
	}
	if out.Policies, err = readList(result, "Policies", func(n Node) (ManagedPolicyDetail, error) {
		mp, err := readManagedPolicy(n, resp)
		d := ManagedPolicyDetail{ManagedPolicy: mp}
		if err == nil {
			d.PolicyVersionList, err = readList(n, "PolicyVersionList", func(m Node) (ManagedPolicyVersion, error) {
				return readPolicyVersion(m, resp)
			})
		}
		return d, err
	}); err != nil {
		return nil, err
	}
	return out, nil
}
