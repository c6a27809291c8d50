package server

import (
	"slices"

	"github.com/iamkit/iam/internal/policy"
)

// Inline policies of users, groups and roles: one set of handlers, three
// owners. IAM's quota for inline policies is the aggregate size of all of
// an entity's inline documents.

const maxPolicyName = 128

func init() {
	for _, k := range holderKinds {
		register("Put"+k.kind+"Policy", true, k.resource, k.putInline)
		register("Get"+k.kind+"Policy", false, k.resource, k.getInline)
		register("Delete"+k.kind+"Policy", true, k.resource, k.deleteInline)
		register("List"+k.kind+"Policies", false, k.resource, k.listInline)
	}
}

// inlineParam finds the holder and reads PolicyName.
func (k holderKind) inlineParam(c *call) (holder, string, *APIError) {
	h, err := k.find(c)
	if err != nil {
		return holder{}, "", err
	}
	name, err := requiredName(c.p, "PolicyName", maxPolicyName)
	return h, name, err
}

// existingInline is inlineParam for a policy the holder must have.
func (k holderKind) existingInline(c *call) (holder, string, *APIError) {
	h, name, err := k.inlineParam(c)
	if err != nil {
		return holder{}, "", err
	}
	if _, ok := (*h.inline)[name]; !ok {
		return holder{}, "", errf(CodeNoSuchEntity, "The %s policy with name %s cannot be found.", k.noun(), name)
	}
	return h, name, nil
}

func (k holderKind) putInline(c *call) *APIError {
	h, name, err := k.inlineParam(c)
	if err != nil {
		return err
	}
	doc, err := policyDocParam(c.p, "PolicyDocument", k.inline)
	if err != nil {
		return err
	}
	total := policy.Size([]byte(doc))
	for n, d := range *h.inline {
		if n != name {
			total += policy.Size([]byte(d))
		}
	}
	if max := k.inline.MaxSize(); total > max {
		return limitExceeded("Maximum policy size of %d bytes exceeded for %s %s", max, k.noun(), h.name)
	}
	if *h.inline == nil {
		*h.inline = make(map[string]string)
	}
	(*h.inline)[name] = doc
	return nil
}

func (k holderKind) getInline(c *call) *APIError {
	h, name, err := k.existingInline(c)
	if err != nil {
		return err
	}
	c.w.elem(k.param, h.name)
	c.w.elem("PolicyName", name)
	c.w.policyDoc("PolicyDocument", (*h.inline)[name])
	return nil
}

func (k holderKind) deleteInline(c *call) *APIError {
	h, name, err := k.existingInline(c)
	if err != nil {
		return err
	}
	delete(*h.inline, name)
	if len(*h.inline) == 0 {
		*h.inline = nil
	}
	return nil
}

func (k holderKind) listInline(c *call) *APIError {
	h, err := k.find(c)
	if err != nil {
		return err
	}
	return writeSlicePage(c, "PolicyNames", sortedKeys(*h.inline), func(n string) { c.w.elem("member", n) })
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
