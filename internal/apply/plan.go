package apply

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/iamkit/iam"
)

// Options tune a plan.
type Options struct {
	// Prune deletes what the spec does not declare: users, groups, roles,
	// customer managed policies and instance profiles, each with what
	// blocks its deletion, and the inline policies, attachments, group
	// memberships and surplus access keys of declared entities. Service
	// roles (path /aws-service-role/) are never touched, and a plan that
	// would delete the IAM user running it is refused.
	Prune bool
}

// Plan is the list of changes that makes the account match a spec, in
// the order they must be made: managed policies, then groups, users and
// roles that use them, then instance profiles; deletions last, dependents
// before what they depend on.
type Plan struct {
	Changes []Change
}

// Empty reports whether the account already matches the spec.
func (p *Plan) Empty() bool { return len(p.Changes) == 0 }

// MakePlan reads the account and returns the changes that make it match
// spec. It changes nothing.
func MakePlan(ctx context.Context, c *iam.Client, spec *Spec, opts Options) (*Plan, error) {
	var keysFor []string
	for _, u := range spec.Users {
		if u.AccessKeys != nil {
			keysFor = append(keysFor, u.Name)
		}
	}
	st, err := readState(ctx, c, keysFor)
	if err != nil {
		return nil, err
	}
	if opts.Prune {
		// Best effort: root and role credentials have no user to lose,
		// and GetUser with no name fails for role credentials.
		if me, err := c.GetUser(ctx, ""); err == nil && strings.Contains(me.ARN, ":user/") {
			st.caller = me.UserName
		}
	}
	b := &planner{st: st, spec: spec, opts: opts}
	if err := b.build(); err != nil {
		return nil, err
	}
	return &Plan{Changes: b.changes}, nil
}

type planner struct {
	st      *state
	spec    *Spec
	opts    Options
	changes []Change
}

func (b *planner) add(op Op, summary string, run func(ctx context.Context, c *iam.Client, h *Hooks) error) {
	b.changes = append(b.changes, Change{Op: op, Summary: summary, run: run})
}

func key(name string) string { return strings.ToLower(name) }

func pathOr(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// policyARN resolves a managed policy reference: an ARN as it is, a name
// declared in the spec to the ARN it has or will have.
func (b *planner) policyARN(ref string) (string, error) {
	if strings.HasPrefix(ref, "arn:") {
		return ref, nil
	}
	if p := b.st.policies[key(ref)]; p != nil {
		return p.arn, nil
	}
	for _, p := range b.spec.Policies {
		if key(p.Name) == key(ref) {
			if b.st.account == "" {
				return "", fmt.Errorf("cannot name the ARN of policy %s: the account ID is unknown (GetUser with no name failed and the account holds nothing to read it from)", p.Name)
			}
			return fmt.Sprintf("arn:aws:iam::%s:policy%s%s", b.st.account, pathOr(p.Path), p.Name), nil
		}
	}
	return "", fmt.Errorf("managed policy %q is not declared", ref)
}

func (b *planner) build() error {
	b.managedPolicies()
	for _, g := range b.spec.Groups {
		if err := b.group(g); err != nil {
			return err
		}
	}
	for _, u := range b.spec.Users {
		if err := b.user(u); err != nil {
			return err
		}
	}
	for _, r := range b.spec.Roles {
		if err := b.role(r); err != nil {
			return err
		}
	}
	b.instanceProfiles()
	if b.opts.Prune {
		return b.prune()
	}
	return nil
}

func (b *planner) managedPolicies() {
	for _, p := range b.spec.Policies {
		cur := b.st.policies[key(p.Name)]
		switch {
		case cur == nil:
			b.add(Create, "create managed policy "+p.Name, func(ctx context.Context, c *iam.Client, _ *Hooks) error {
				_, err := c.CreatePolicyJSON(ctx, p.Name, p.Document.JSON, &iam.CreatePolicyOptions{Path: p.Path, Description: p.Description})
				return allowExists(err)
			})
		case !sameMeaning(cur.document, p.Document.JSON):
			arn := cur.arn
			b.add(Update, "update managed policy "+p.Name+" (new default version)", func(ctx context.Context, c *iam.Client, _ *Hooks) error {
				return newDefaultVersion(ctx, c, arn, p.Document.JSON)
			})
		}
	}
}

// newDefaultVersion makes doc the policy's default version, first
// deleting the oldest other version when IAM's five are in use.
func newDefaultVersion(ctx context.Context, c *iam.Client, arn, doc string) error {
	var others []iam.ManagedPolicyVersion
	n := 0
	for v, err := range c.ListPolicyVersionsAll(ctx, arn, nil) {
		if err != nil {
			return err
		}
		n++
		if !v.IsDefaultVersion {
			others = append(others, v)
		}
	}
	if n >= 5 && len(others) > 0 {
		oldest := slices.MinFunc(others, func(a, b iam.ManagedPolicyVersion) int { return a.CreateDate.Compare(b.CreateDate) })
		if err := ignoreNotFound(c.DeletePolicyVersion(ctx, arn, oldest.VersionID)); err != nil {
			return err
		}
	}
	_, err := c.CreatePolicyVersionJSON(ctx, arn, doc, &iam.CreatePolicyVersionOptions{SetAsDefault: true})
	return err
}

// inlineChanges puts the declared inline policies that are missing or
// differ in meaning.
func (b *planner) inlineChanges(owner string, cur map[string]string, want []InlinePolicy,
	put func(ctx context.Context, c *iam.Client, name, doc string) error) {
	for _, p := range want {
		have, ok := lookupFold(cur, p.Name)
		if ok && sameMeaning(have, p.Document.JSON) {
			continue
		}
		op, verb := Create, "put"
		if ok {
			op, verb = Update, "update"
		}
		b.add(op, fmt.Sprintf("%s inline policy %s of %s", verb, p.Name, owner), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return put(ctx, c, p.Name, p.Document.JSON)
		})
	}
}

func (b *planner) attachChanges(owner string, cur []string, want []string,
	attach func(ctx context.Context, c *iam.Client, arn string) error) error {
	for _, ref := range want {
		arn, err := b.policyARN(ref)
		if err != nil {
			return fmt.Errorf("%s: %w", owner, err)
		}
		if slices.Contains(cur, arn) {
			continue
		}
		b.add(Create, fmt.Sprintf("attach managed policy %s to %s", ref, owner), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return attach(ctx, c, arn)
		})
	}
	return nil
}

func (b *planner) group(g Group) error {
	owner := "group " + g.Name
	cur := b.st.groups[key(g.Name)]
	if cur == nil {
		b.add(Create, "create "+owner, func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			_, err := c.CreateGroup(ctx, g.Name, &iam.CreateGroupOptions{Path: g.Path})
			return allowExists(err)
		})
		cur = &groupState{}
	} else if pathOr(g.Path) != cur.path {
		b.add(Update, fmt.Sprintf("move %s from path %s to %s", owner, cur.path, pathOr(g.Path)), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return c.UpdateGroup(ctx, g.Name, &iam.UpdateGroupOptions{NewPath: pathOr(g.Path)})
		})
	}
	b.inlineChanges(owner, cur.inline, g.Policies, func(ctx context.Context, c *iam.Client, name, doc string) error {
		return c.PutGroupPolicyJSON(ctx, g.Name, name, doc)
	})
	return b.attachChanges(owner, cur.attached, g.ManagedPolicies, func(ctx context.Context, c *iam.Client, arn string) error {
		return c.AttachGroupPolicy(ctx, g.Name, arn)
	})
}

func (b *planner) user(u User) error {
	owner := "user " + u.Name
	cur := b.st.users[key(u.Name)]
	if cur == nil {
		b.add(Create, "create "+owner, func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			_, err := c.CreateUser(ctx, u.Name, &iam.CreateUserOptions{Path: u.Path})
			return allowExists(err)
		})
		cur = &userState{}
	} else if pathOr(u.Path) != cur.path {
		b.add(Update, fmt.Sprintf("move %s from path %s to %s", owner, cur.path, pathOr(u.Path)), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return c.UpdateUser(ctx, u.Name, &iam.UpdateUserOptions{NewPath: pathOr(u.Path)})
		})
	}
	b.inlineChanges(owner, cur.inline, u.Policies, func(ctx context.Context, c *iam.Client, name, doc string) error {
		return c.PutUserPolicyJSON(ctx, u.Name, name, doc)
	})
	if err := b.attachChanges(owner, cur.attached, u.ManagedPolicies, func(ctx context.Context, c *iam.Client, arn string) error {
		return c.AttachUserPolicy(ctx, u.Name, arn)
	}); err != nil {
		return err
	}
	for _, g := range u.Groups {
		if containsFold(cur.groups, g) {
			continue
		}
		b.add(Create, fmt.Sprintf("add user %s to group %s", u.Name, g), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return c.AddUserToGroup(ctx, g, u.Name)
		})
	}
	if u.AccessKeys != nil {
		want := *u.AccessKeys
		for i := len(cur.keys); i < want; i++ {
			b.add(Create, fmt.Sprintf("create access key %d of %d for user %s", i+1, want, u.Name), func(ctx context.Context, c *iam.Client, h *Hooks) error {
				return createKeyUpTo(ctx, c, h, u.Name, i+1)
			})
		}
	}
	return nil
}

// createKeyUpTo creates an access key unless the user already has n: a
// re-run after a lost answer must not make a key too many.
func createKeyUpTo(ctx context.Context, c *iam.Client, h *Hooks, user string, n int) error {
	have := 0
	for _, err := range c.ListAccessKeysAll(ctx, user, nil) {
		if err != nil {
			return err
		}
		have++
	}
	if have >= n {
		return nil
	}
	k, err := c.CreateAccessKey(ctx, user)
	if err != nil {
		return err
	}
	if h.AccessKey != nil {
		h.AccessKey(k)
	}
	return nil
}

func (b *planner) role(r Role) error {
	owner := "role " + r.Name
	cur := b.st.roles[key(r.Name)]
	if cur == nil {
		b.add(Create, "create "+owner, func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			_, err := c.CreateRoleJSON(ctx, r.Name, r.TrustPolicy.JSON, &iam.CreateRoleOptions{Path: r.Path, Description: r.Description})
			return allowExists(err)
		})
		cur = &roleState{}
	} else if !sameMeaning(cur.trust, r.TrustPolicy.JSON) {
		b.add(Update, "update the trust policy of "+owner, func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return c.UpdateAssumeRolePolicyJSON(ctx, r.Name, r.TrustPolicy.JSON)
		})
	}
	b.inlineChanges(owner, cur.inline, r.Policies, func(ctx context.Context, c *iam.Client, name, doc string) error {
		return c.PutRolePolicyJSON(ctx, r.Name, name, doc)
	})
	return b.attachChanges(owner, cur.attached, r.ManagedPolicies, func(ctx context.Context, c *iam.Client, arn string) error {
		return c.AttachRolePolicy(ctx, r.Name, arn)
	})
}

func (b *planner) instanceProfiles() {
	for _, ip := range b.spec.InstanceProfiles {
		cur := b.st.profiles[key(ip.Name)]
		if cur == nil {
			b.add(Create, "create instance profile "+ip.Name, func(ctx context.Context, c *iam.Client, _ *Hooks) error {
				_, err := c.CreateInstanceProfile(ctx, ip.Name, &iam.CreateInstanceProfileOptions{Path: ip.Path})
				return allowExists(err)
			})
			cur = &profileState{}
		}
		// A profile holds one role, so the spec's list is the whole
		// truth: a role it does not name goes before the named one comes.
		for _, r := range cur.roles {
			if containsFold(ip.Roles, r) {
				continue
			}
			b.add(Delete, fmt.Sprintf("remove role %s from instance profile %s", r, ip.Name), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
				return ignoreNotFound(c.RemoveRoleFromInstanceProfile(ctx, ip.Name, r))
			})
		}
		for _, r := range ip.Roles {
			if containsFold(cur.roles, r) {
				continue
			}
			b.add(Create, fmt.Sprintf("add role %s to instance profile %s", r, ip.Name), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
				return c.AddRoleToInstanceProfile(ctx, ip.Name, r)
			})
		}
	}
}

// allowExists treats "already exists" as done: a create retried after
// its answer was lost finds its own work.
func allowExists(err error) error {
	if errors.Is(err, iam.ErrEntityAlreadyExists) {
		return nil
	}
	return err
}

func ignoreNotFound(err error) error {
	if iam.IsNotFound(err) {
		return nil
	}
	return err
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}

func lookupFold(m map[string]string, name string) (string, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}
