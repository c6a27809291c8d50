package server

import (
	"strings"

	"github.com/iamkit/iam/internal/policy"
)

// GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy: the
// condition keys the policies test, for filling ContextEntries of a
// simulation.

func init() {
	register("GetContextKeysForCustomPolicy", false, nil, getContextKeysForCustomPolicy)
	register("GetContextKeysForPrincipalPolicy", false, resPolicySource, getContextKeysForPrincipalPolicy)
}

// contextKeys collects the condition keys of docs, each once (compared
// without case, as IAM compares keys), in order of appearance.
func contextKeys(docs []string) ([]string, *APIError) {
	var keys []string
	seen := make(map[string]bool) // lower-cased: keys compare case-insensitively
	for _, doc := range docs {
		d, err := policy.Parse([]byte(doc))
		if err != nil {
			return nil, errf(CodeMalformedPolicyDocument, "Syntax errors in policy. %s", trimPolicyPrefix(err.Error()))
		}
		for _, st := range d.Statement {
			for _, blk := range st.Condition {
				for _, e := range blk.Entries {
					if lower := strings.ToLower(e.Key); !seen[lower] {
						seen[lower] = true
						keys = append(keys, e.Key)
					}
				}
			}
		}
	}
	return keys, nil
}

func writeContextKeys(c *call, docs []string) *APIError {
	keys, err := contextKeys(docs)
	if err != nil {
		return err
	}
	c.w.open("ContextKeyNames")
	for _, k := range keys {
		c.w.elem("member", k)
	}
	c.w.close("ContextKeyNames")
	return nil
}

func getContextKeysForCustomPolicy(c *call) *APIError {
	docs := c.p.list("PolicyInputList")
	if len(docs) == 0 {
		return missingParam("PolicyInputList")
	}
	return writeContextKeys(c, docs)
}

func getContextKeysForPrincipalPolicy(c *call) *APIError {
	arn, err := arnParam(c.p, "PolicySourceArn")
	if err != nil {
		return err
	}
	var docs []string
	addInline := func(m map[string]string) {
		for _, n := range sortedKeys(m) {
			docs = append(docs, m[n])
		}
	}
	addAttached := func(arns []string) {
		for _, a := range arns {
			if mp, _ := c.s.policyByArn(a); mp != nil {
				docs = append(docs, mp.defaultDoc())
			}
		}
	}
	u, g, r, err := c.s.policySource(arn)
	if err != nil {
		return err
	}
	switch {
	case u != nil:
		addInline(u.Inline)
		addAttached(u.Attached)
		for _, gid := range u.Groups {
			if ug := c.s.st.groupsByID[gid]; ug != nil {
				addInline(ug.Inline)
				addAttached(ug.Attached)
			}
		}
	case g != nil:
		addInline(g.Inline)
		addAttached(g.Attached)
	case r != nil:
		addInline(r.Inline)
		addAttached(r.Attached)
	}
	docs = append(docs, c.p.list("PolicyInputList")...)
	return writeContextKeys(c, docs)
}
