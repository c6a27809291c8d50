package iam

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzRoleAndPolicyDecoders feeds arbitrary bodies through the parser and the
// decoders of roles, instance profiles, managed policies, attachments and
// simulation results: hostile answers give errors, never panics.
func FuzzRoleAndPolicyDecoders(f *testing.F) {
	files, err := filepath.Glob("testdata/typed/*.xml")
	require.NoError(f, err)
	for _, name := range files {
		b, err := os.ReadFile(name)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`<R><Roles><member><AssumeRolePolicyDocument>%ZZ</AssumeRolePolicyDocument></member></Roles></R>`))
	f.Add([]byte(`<R><EvaluationResults><member><EvalDecision>x</EvalDecision><ResourceSpecificResults>t</ResourceSpecificResults></member></EvaluationResults></R>`))
	f.Fuzz(func(t *testing.T, body []byte) {
		resp, err := parseResponse(body)
		if err != nil {
			return
		}
		nodes := []Node{resp.Node}
		if kids := resp.Node.Children(); len(kids) > 0 {
			nodes = append(nodes, kids[0]) // where a result element would be
		}
		for _, n := range nodes {
			_, _, _ = decodeList(n, "Roles", func(m Node) (Role, error) { return readRole(m, resp) })
			_, _, _ = decodeList(n, "InstanceProfiles", func(m Node) (InstanceProfile, error) { return readInstanceProfile(m, resp) })
			_, _, _ = decodeList(n, "Policies", func(m Node) (ManagedPolicy, error) { return readManagedPolicy(m, resp) })
			_, _, _ = decodeList(n, "Versions", func(m Node) (ManagedPolicyVersion, error) { return readPolicyVersion(m, resp) })
			_, _, _ = decodeList(n, "EvaluationResults", func(m Node) (EvaluationResult, error) { return readEvaluationResult(m, resp) })
			_, _ = readElement("GetRole", resp, n, "Role", readRole)
			_, _ = readElement("GetInstanceProfile", resp, n, "InstanceProfile", readInstanceProfile)
			_, _ = readElement("GetPolicy", resp, n, "Policy", readManagedPolicy)
			_, _ = readElement("GetPolicyVersion", resp, n, "PolicyVersion", readPolicyVersion)
			for _, list := range []string{"PolicyGroups", "PolicyUsers", "PolicyRoles"} {
				_, _ = readEntities(n, list, "User", resp)
			}
		}
	})
}
