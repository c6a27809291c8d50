package apply

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readSpec(t *testing.T, name string) *Spec {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	s, err := Parse(name, data)
	require.NoError(t, err)
	return s
}

// The YAML and JSON fixtures say the same thing in different words: the
// same entities, documents equal in meaning.
func TestParseYAMLAndJSONAgree(t *testing.T) {
	y, j := readSpec(t, "small.yaml"), readSpec(t, "small.json")
	require.Len(t, j.Users, len(y.Users))
	for i := range y.Users {
		assert.Equal(t, y.Users[i].Name, j.Users[i].Name)
		assert.Equal(t, y.Users[i].Groups, j.Users[i].Groups)
		assert.Equal(t, y.Users[i].AccessKeys, j.Users[i].AccessKeys)
	}
	assert.True(t, sameMeaning(y.Policies[0].Document.JSON, j.Policies[0].Document.JSON))
	assert.True(t, sameMeaning(y.Groups[0].Policies[0].Document.JSON, j.Groups[0].Policies[0].Document.JSON))
	assert.True(t, sameMeaning(y.Users[2].Policies[0].Document.JSON, j.Users[2].Policies[0].Document.JSON))
	assert.True(t, sameMeaning(y.Roles[0].TrustPolicy.JSON, j.Roles[0].TrustPolicy.JSON))
	// An unquoted YAML date stays the string IAM expects.
	assert.Contains(t, y.Policies[0].Document.JSON, `"Version":"2012-10-17"`)
}

func TestParseRefuses(t *testing.T) {
	tests := map[string]struct {
		spec string
		want []string
	}{
		"unknown YAML field":           {"users:\n  - name: a\n    group: [x]\n", []string{"line 3", "group"}},
		"unknown top-level YAML field": {"user:\n  - name: a\n", []string{"user"}},
		"unknown JSON field":           {`{"users":[{"name":"a","acces_keys":1}]}`, []string{"acces_keys"}},
		"JSON with trailing data":      {`{"users":[]} {}`, []string{"after"}},
		"bad policy action": {
			"groups:\n  - name: g\n    policies:\n      - name: p\n        document: {Version: 2012-10-17, Statement: [{Effect: Allow, Action: s3, Resource: '*'}]}\n",
			[]string{`group "g": inline policy "p"`, "Action"}},
		"policy not JSON":  {"policies:\n  - name: p\n    document: 'not json'\n", []string{"not JSON"}},
		"missing document": {"policies:\n  - name: p\n", []string{`policy "p": document is required`}},
		"trust without principal": {
			"roles:\n  - name: r\n    trust_policy: {Version: 2012-10-17, Statement: [{Effect: Allow, Action: sts:AssumeRole}]}\n",
			[]string{`role "r": trust_policy`}},
		"undeclared group":          {"users:\n  - name: a\n    groups: [nope]\n", []string{`group "nope" is not declared`}},
		"undeclared managed policy": {"groups:\n  - name: g\n    managed_policies: [Nope]\n", []string{`"Nope" is neither an ARN nor`}},
		"duplicate name":            {"users:\n  - name: Ann\n  - name: ann\n", []string{"declared twice"}},
		"bad name":                  {"users:\n  - name: 'a b'\n", []string{`name "a b"`}},
		"bad path":                  {"users:\n  - name: a\n    path: x/\n", []string{"must begin and end with /"}},
		"too many keys":             {"users:\n  - name: a\n    access_keys: 3\n", []string{"0 to 2"}},
		// IAM's own limits, checked before any change rather than by
		// the first call that breaks them part-way through an apply.
		"user name over 64":   {"users:\n  - name: " + strings.Repeat("u", 65) + "\n", []string{"at most 64 characters"}},
		"role name over 64":   {"roles:\n  - {name: " + strings.Repeat("r", 65) + ", trust_policy: {Version: 2012-10-17, Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}}\n", []string{"at most 64 characters"}},
		"group name over 128": {"groups:\n  - name: " + strings.Repeat("g", 129) + "\n", []string{"at most 128 characters"}},
		"bad inline policy name": {
			"users:\n  - name: a\n    policies:\n      - name: 'bad name'\n        document: {Version: 2012-10-17, Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}\n",
			[]string{`user "a": policies[0]: name "bad name"`}},
		"path with a space": {"users:\n  - name: a\n    path: '/a b/'\n", []string{"printable ASCII"}},
		"path over 512":     {"groups:\n  - name: g\n    path: /" + strings.Repeat("p", 511) + "/\n", []string{"at most 512"}},
		"role description over 1000": {"roles:\n  - {name: r, description: " + strings.Repeat("d", 1001) + ", trust_policy: {Version: 2012-10-17, Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}}\n",
			[]string{`role "r": description`, "1000"}},
		"role description with an emoji": {"roles:\n  - {name: r, description: \"rocket \U0001F680\", trust_policy: {Version: 2012-10-17, Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}}\n",
			[]string{`role "r": description`}},
		"policy description over 1000": {"policies:\n  - {name: p, description: " + strings.Repeat("d", 1001) + ", document: {Version: 2012-10-17, Statement: [{Effect: Allow, Action: 's3:*', Resource: '*'}]}}\n",
			[]string{`policy "p": description`, "1000"}},
		"malformed policy ARN": {"users:\n  - name: a\n    managed_policies: ['arn:aws:iam:aws:policy/ReadOnlyAccess']\n",
			[]string{`user "a": managed policy "arn:aws:iam:aws:policy/ReadOnlyAccess"`, "arn:PARTITION:iam::ACCOUNT:policy/"}},
		"ARN of something else": {"groups:\n  - name: g\n    managed_policies: ['arn:aws:s3:::bucket']\n",
			[]string{`group "g": managed policy "arn:aws:s3:::bucket"`}},
		"second YAML document": {"users:\n  - name: a\n---\nusers:\n  - name: b\n", []string{"one YAML document"}},
		"two roles in a profile": {
			"roles:\n  - {name: r1, trust_policy: {Version: 2012-10-17, Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}}\ninstance_profiles:\n  - {name: p, roles: [r1, r2]}\n",
			[]string{"one role per instance profile", `role "r2" is not declared`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("spec.yaml", []byte(tc.spec))
			var se *SpecError
			require.ErrorAs(t, err, &se)
			for _, w := range tc.want {
				assert.Contains(t, err.Error(), w)
			}
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, in := range []string{"", "# nothing\n", "{}"} {
		s, err := Parse("empty", []byte(in))
		require.NoError(t, err, "%q", in)
		assert.Empty(t, s.Users)
	}
}

func TestSpecErrorListsEveryProblem(t *testing.T) {
	_, err := Parse("s.yaml", []byte("users:\n  - name: ''\n  - name: b\n    groups: [g]\n"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), "s.yaml: 2 problems:"), err.Error())
}

// YAML documents keep '&', '<' and '>' as they are: IAM counts each as one
// character against the size quota, their \u escapes as six.
func TestYAMLDocumentNotHTMLEscaped(t *testing.T) {
	s, err := Parse("s.yaml", []byte("policies:\n  - name: p\n    document: {Version: 2012-10-17, Statement: [{Effect: Allow, Action: 's3:*', Resource: 'arn:aws:s3:::a&b'}]}\n"))
	require.NoError(t, err)
	assert.Contains(t, s.Policies[0].Document.JSON, `arn:aws:s3:::a&b`)
}

// A document marker at the start or an empty document at the end is
// still one spec.
func TestParseOneYAMLDocumentWithMarkers(t *testing.T) {
	for _, in := range []string{"---\nusers:\n  - name: a\n", "users:\n  - name: a\n---\n", "users:\n  - name: a\n...\n"} {
		s, err := Parse("s.yaml", []byte(in))
		require.NoError(t, err, "%q", in)
		require.Len(t, s.Users, 1)
	}
}

// encoding/json keeps the last of two equal keys; a spec that says
// "users" twice must be refused, not half-read (and half-pruned). YAML's
// decoder already refuses it.
func TestParseRefusesDuplicateJSONKeys(t *testing.T) {
	tests := map[string]string{
		"top level":            `{"users":[{"name":"a"}],"users":[{"name":"b"}]}`,
		"in a user":            `{"users":[{"name":"a","name":"b"}]}`,
		"in YAML":              "users:\n  - name: a\nusers:\n  - name: b\n",
		"in a policy document": `{"policies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:*","Resource":"*"}]}}]}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("s", []byte(in))
			var se *SpecError
			require.ErrorAs(t, err, &se)
			assert.Regexp(t, `(?i)(duplicate|already (been )?defined)`, err.Error())
		})
	}
	_, err := Parse("s", []byte(`{"users":[{"name":"a"},{"name":"b"}]}`))
	require.NoError(t, err, "equal keys in different objects are fine")
}

func TestParseDeeplyNestedJSON(t *testing.T) {
	in := `{"users":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`
	_, err := Parse("s", []byte(in))
	var se *SpecError
	require.ErrorAs(t, err, &se)
}

// encoding/json matches field names regardless of case; a JSON spec is
// held to the same exact names as a YAML one, so that "users" and "Users"
// cannot both be given with one silently replacing the other. Policy
// documents keep their own (capitalised) keys.
func TestParseJSONFieldNamesExact(t *testing.T) {
	for _, in := range []string{
		`{"Users":[{"name":"a"}]}`,
		`{"users":[{"name":"a"}],"Users":[{"name":"b"}]}`,
		`{"users":[{"Name":"a"}]}`,
	} {
		_, err := Parse("s.json", []byte(in))
		var se *SpecError
		require.ErrorAs(t, err, &se, in)
		assert.Contains(t, err.Error(), "unknown field", in)
	}
	s, err := Parse("s.json", []byte(`{"policies":[{"name":"p","document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}}]}`))
	require.NoError(t, err)
	assert.Len(t, s.Policies, 1)
}
