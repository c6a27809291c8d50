package apply

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/iamkit/iam"
)

// prune plans the deletions of what the spec does not declare, after
// every creation: first the surplus parts of declared entities, then
// whole entities, dependents before what they depend on (instance
// profiles, roles, users, groups, then managed policies).
func (b *planner) prune() error {
	declared := func(n int, name func(int) string) map[string]bool {
		m := map[string]bool{}
		for i := range n {
			m[key(name(i))] = true
		}
		return m
	}
	users := declared(len(b.spec.Users), func(i int) string { return b.spec.Users[i].Name })
	groups := declared(len(b.spec.Groups), func(i int) string { return b.spec.Groups[i].Name })
	roles := declared(len(b.spec.Roles), func(i int) string { return b.spec.Roles[i].Name })
	policies := declared(len(b.spec.Policies), func(i int) string { return b.spec.Policies[i].Name })
	profiles := declared(len(b.spec.InstanceProfiles), func(i int) string { return b.spec.InstanceProfiles[i].Name })
	if b.st.caller != "" && !users[key(b.st.caller)] {
		// Deleting it would cut this run's own access part-way, and
		// perhaps the account's last administrator's.
		return &SpecError{Problems: []string{fmt.Sprintf(
			"--prune would delete user %s, whose credentials this run uses: declare it in the spec, or run as another identity",
			b.st.caller)}}
	}

	for _, u := range b.spec.Users {
		cur := b.st.users[key(u.Name)]
		if cur == nil {
			continue
		}
		owner := "user " + u.Name
		b.pruneInline(owner, cur.inline, u.Policies, func(ctx context.Context, c *iam.Client, name string) error {
			return c.DeleteUserPolicy(ctx, u.Name, name)
		})
		if err := b.pruneAttached(owner, cur.attached, u.ManagedPolicies, func(ctx context.Context, c *iam.Client, arn string) error {
			return c.DetachUserPolicy(ctx, u.Name, arn)
		}); err != nil {
			return err
		}
		for _, g := range cur.groups {
			if containsFold(u.Groups, g) {
				continue
			}
			b.add(Delete, fmt.Sprintf("remove user %s from group %s", u.Name, g), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
				return ignoreNotFound(c.RemoveUserFromGroup(ctx, g, u.Name))
			})
		}
		if u.AccessKeys != nil && len(cur.keys) > *u.AccessKeys {
			// Inactive keys go first, then the oldest.
			keys := slices.Clone(cur.keys)
			slices.SortStableFunc(keys, func(a, b iam.AccessKeyMetadata) int {
				if a.Status != b.Status {
					if a.Status == iam.StatusInactive {
						return -1
					}
					return 1
				}
				return a.CreateDate.Compare(b.CreateDate)
			})
			for _, k := range keys[:len(keys)-*u.AccessKeys] {
				b.add(Delete, fmt.Sprintf("delete access key %s of user %s", k.AccessKeyID, u.Name), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
					return ignoreNotFound(c.DeleteAccessKey(ctx, u.Name, k.AccessKeyID))
				})
			}
		}
	}
	for _, g := range b.spec.Groups {
		cur := b.st.groups[key(g.Name)]
		if cur == nil {
			continue
		}
		owner := "group " + g.Name
		b.pruneInline(owner, cur.inline, g.Policies, func(ctx context.Context, c *iam.Client, name string) error {
			return c.DeleteGroupPolicy(ctx, g.Name, name)
		})
		if err := b.pruneAttached(owner, cur.attached, g.ManagedPolicies, func(ctx context.Context, c *iam.Client, arn string) error {
			return c.DetachGroupPolicy(ctx, g.Name, arn)
		}); err != nil {
			return err
		}
	}
	for _, r := range b.spec.Roles {
		cur := b.st.roles[key(r.Name)]
		if cur == nil {
			continue
		}
		owner := "role " + r.Name
		b.pruneInline(owner, cur.inline, r.Policies, func(ctx context.Context, c *iam.Client, name string) error {
			return c.DeleteRolePolicy(ctx, r.Name, name)
		})
		if err := b.pruneAttached(owner, cur.attached, r.ManagedPolicies, func(ctx context.Context, c *iam.Client, arn string) error {
			return c.DetachRolePolicy(ctx, r.Name, arn)
		}); err != nil {
			return err
		}
	}

	for _, p := range sortedValues(b.st.profiles, func(p *profileState) string { return p.name }) {
		if profiles[key(p.name)] {
			continue
		}
		b.add(Delete, "delete instance profile "+p.name+withRoles(p.roles), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return deleteInstanceProfile(ctx, c, p.name)
		})
	}
	for _, r := range sortedValues(b.st.roles, func(r *roleState) string { return r.name }) {
		if roles[key(r.name)] || strings.HasPrefix(r.path, "/aws-service-role/") {
			continue
		}
		b.add(Delete, "delete role "+r.name+" (with its policies and instance profile links)", func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return ignoreNotFound(c.DeleteRoleCascade(ctx, r.name))
		})
	}
	for _, u := range sortedValues(b.st.users, func(u *userState) string { return u.name }) {
		if users[key(u.name)] {
			continue
		}
		b.add(Delete, "delete user "+u.name+" (with its keys, password, MFA devices, policies and memberships)", func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return ignoreNotFound(c.DeleteUserCascade(ctx, u.name))
		})
	}
	for _, g := range sortedValues(b.st.groups, func(g *groupState) string { return g.name }) {
		if groups[key(g.name)] {
			continue
		}
		b.add(Delete, "delete group "+g.name+" (with its members and policies)", func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return ignoreNotFound(c.DeleteGroupCascade(ctx, g.name))
		})
	}
	for _, p := range sortedValues(b.st.policies, func(p *policyState) string { return p.name }) {
		if policies[key(p.name)] {
			continue
		}
		b.add(Delete, "delete managed policy "+p.name+" (detached everywhere, all versions)", func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return deleteManagedPolicy(ctx, c, p.arn)
		})
	}
	return nil
}

func (b *planner) pruneInline(owner string, cur map[string]string, want []InlinePolicy,
	del func(ctx context.Context, c *iam.Client, name string) error) {
	for _, name := range slices.Sorted(maps.Keys(cur)) {
		if slices.ContainsFunc(want, func(p InlinePolicy) bool { return strings.EqualFold(p.Name, name) }) {
			continue
		}
		b.add(Delete, fmt.Sprintf("delete inline policy %s of %s", name, owner), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return ignoreNotFound(del(ctx, c, name))
		})
	}
}

func (b *planner) pruneAttached(owner string, cur []string, want []string,
	detach func(ctx context.Context, c *iam.Client, arn string) error) error {
	keep := map[string]bool{}
	for _, ref := range want {
		arn, err := b.policyARN(ref)
		if err != nil {
			return fmt.Errorf("%s: %w", owner, err)
		}
		keep[arn] = true
	}
	for _, arn := range cur {
		if keep[arn] {
			continue
		}
		b.add(Delete, fmt.Sprintf("detach managed policy %s from %s", arn, owner), func(ctx context.Context, c *iam.Client, _ *Hooks) error {
			return ignoreNotFound(detach(ctx, c, arn))
		})
	}
	return nil
}

// deleteInstanceProfile takes the profile's role out, then deletes it.
func deleteInstanceProfile(ctx context.Context, c *iam.Client, name string) error {
	p, err := c.GetInstanceProfile(ctx, name)
	if err != nil {
		return ignoreNotFound(err)
	}
	for _, r := range p.Roles {
		if err := ignoreNotFound(c.RemoveRoleFromInstanceProfile(ctx, name, r.RoleName)); err != nil {
			return err
		}
	}
	return ignoreNotFound(c.DeleteInstanceProfile(ctx, name))
}

// deleteManagedPolicy detaches a customer managed policy from every
// user, group and role, deletes its other versions, then the policy:
// IAM refuses while any of those remain.
func deleteManagedPolicy(ctx context.Context, c *iam.Client, arn string) error {
	var ents []iam.PolicyEntity
	for e, err := range c.ListEntitiesForPolicyAll(ctx, arn, nil) {
		if err != nil {
			return ignoreNotFound(err)
		}
		ents = append(ents, e)
	}
	for _, e := range ents {
		var err error
		switch e.Type {
		case iam.EntityUser:
			err = c.DetachUserPolicy(ctx, e.Name, arn)
		case iam.EntityGroup:
			err = c.DetachGroupPolicy(ctx, e.Name, arn)
		case iam.EntityRole:
			err = c.DetachRolePolicy(ctx, e.Name, arn)
		}
		if err := ignoreNotFound(err); err != nil {
			return err
		}
	}
	var versions []string
	for v, err := range c.ListPolicyVersionsAll(ctx, arn, nil) {
		if err != nil {
			return ignoreNotFound(err)
		}
		if !v.IsDefaultVersion {
			versions = append(versions, v.VersionID)
		}
	}
	for _, v := range versions {
		if err := ignoreNotFound(c.DeletePolicyVersion(ctx, arn, v)); err != nil {
			return err
		}
	}
	return ignoreNotFound(c.DeletePolicy(ctx, arn))
}

func withRoles(roles []string) string {
	if len(roles) == 0 {
		return ""
	}
	return " (after removing role " + strings.Join(roles, ", ") + ")"
}

// sortedValues returns a map's values ordered by name, so plans are
// repeatable.
func sortedValues[V any](m map[string]V, name func(V) string) []V {
	out := slices.Collect(maps.Values(m))
	slices.SortFunc(out, func(a, b V) int { return cmp.Compare(name(a), name(b)) })
	return out
}
