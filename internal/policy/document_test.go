package policy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureKind says how each testdata policy is used in IAM.
func fixtureKind(name string) Kind {
	if strings.HasPrefix(name, "trust-") {
		return KindTrust
	}
	return KindManaged
}

func TestRoundTripFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			require.NoError(t, err)
			doc, err := Parse(in)
			require.NoError(t, err)
			require.NoError(t, doc.Validate(fixtureKind(name)))

			out, err := json.Marshal(doc)
			require.NoError(t, err)

			// Byte for byte, modulo whitespace: same keys, same order, same
			// string-or-array and bool/number forms.
			var want bytes.Buffer
			require.NoError(t, json.Compact(&want, in))
			assert.Equal(t, want.String(), string(out))

			// And a second trip is stable.
			doc2, err := Parse(out)
			require.NoError(t, err)
			out2, err := json.Marshal(doc2)
			require.NoError(t, err)
			assert.Equal(t, string(out), string(out2))
			assert.Equal(t, Size(in), Size(out), "size ignores whitespace")
		})
	}
}

func TestFormsPreserved(t *testing.T) {
	doc := MustParse(`{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*"],
		"Condition":{"NumericEquals":{"k":[1,2.5]},"Bool":{"b":true},"StringEquals":{"s":"x"}}}}`)
	assert.True(t, doc.SingleStatement())
	s := doc.Statement[0]
	assert.True(t, s.Action.IsSingle())
	assert.False(t, s.Resource.IsSingle())
	assert.Equal(t, []string{"1", "2.5"}, s.Condition[0].Entries[0].Values.Values)
	assert.Equal(t, []string{"true"}, s.Condition[1].Entries[0].Values.Values)

	out, err := json.Marshal(doc)
	require.NoError(t, err)
	assert.Equal(t, `{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*"],`+
		`"Condition":{"NumericEquals":{"k":[1,2.5]},"Bool":{"b":true},"StringEquals":{"s":"x"}}}}`, string(out))
}

func TestBuiltInCode(t *testing.T) {
	doc := &Document{
		Version: Version2012,
		Statement: []Statement{{
			Effect:    "Allow",
			Action:    String1("iam:GetUser"),
			Resource:  StringList("arn:aws:iam::123456789012:user/a&b"),
			Principal: Principal{},
			Condition: Condition{{Operator: "StringEquals", Entries: []ConditionEntry{{Key: "aws:username", Values: ConditionValue("a")}}}},
		}},
	}
	assert.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser",`+
		`"Resource":["arn:aws:iam::123456789012:user/a&b"],"Condition":{"StringEquals":{"aws:username":"a"}}}]}`, doc.String())
	require.NoError(t, doc.Validate(KindUserInline))

	doc.SetSingleStatement(true)
	assert.Contains(t, doc.String(), `"Statement":{"Effect"`)
}

func TestPrincipalForms(t *testing.T) {
	for name, in := range map[string]string{
		"wildcard": `"*"`,
		"aws list": `{"AWS":["arn:aws:iam::111122223333:root","444455556666"]}`,
		"mixed":    `{"Service":"ec2.amazonaws.com","AWS":"*","Federated":"cognito-identity.amazonaws.com"}`,
	} {
		t.Run(name, func(t *testing.T) {
			var p Principal
			require.NoError(t, json.Unmarshal([]byte(in), &p))
			out, err := json.Marshal(p)
			require.NoError(t, err)
			assert.Equal(t, in, string(out))
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]struct {
		in   string
		want string
	}{
		"empty":              {``, "document is empty"},
		"not object":         {`[1]`, "must be a JSON object, got an array"},
		"bad json":           {`{"Version": }`, "invalid JSON at byte"},
		"trailing":           {`{"Statement":[]} {}`, "invalid JSON"},
		"unknown top key":    {`{"Statement":[],"Foo":1}`, `unknown top-level element "Foo"`},
		"unknown stmt key":   {`{"Statement":[{"Effect":"Allow","Actions":"*"}]}`, `Statement[0]: unknown element "Actions"`},
		"dup key":            {`{"Statement":[],"Statement":[]}`, `duplicate key "Statement"`},
		"action number":      {`{"Statement":[{"Action":5}]}`, "Statement[0]: Action: must be a string or an array of strings, got a number"},
		"action array mixed": {`{"Statement":[{"Action":["a:b",true]}]}`, "Action: element 1 must be a string, got a boolean"},
		"statement string":   {`{"Statement":"x"}`, "Statement: must be an object or an array of objects, got a string"},
		"version number":     {`{"Version":2012}`, "Version: must be a string"},
		"principal string":   {`{"Statement":[{"Principal":"arn:aws:iam::1:root"}]}`, `a bare string principal must be "*"`},
		"condition null":     {`{"Statement":[{"Condition":{"Bool":{"k":null}}}]}`, "Condition: Bool: k: must be a string, boolean or number, got null"},
		"condition not obj":  {`{"Statement":[{"Condition":{"Bool":"x"}}]}`, "Condition: Bool: must be an object"},
		"bad utf8":           {"{\"Id\":\"\xff\"}", "not valid UTF-8"},
		"effect object":      {`{"Statement":[{"Effect":{}}]}`, "Effect: must be a string, got an object"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := Parse([]byte(tc.in))
			require.Error(t, err)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSize(t *testing.T) {
	assert.Equal(t, 7, Size([]byte("{ \"a\" :\n\t1 }\r\n")))
	assert.Equal(t, 3, Size([]byte("é é é")), "characters, not bytes")
}

func TestStatementPositions(t *testing.T) {
	text := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"},\n" +
		"    {\n      \"Sid\": \"é2\",\n      \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\"\n    }\n  ]\n}\n"
	doc := MustParse(text)
	start, end, ok := doc.StatementPosition(0)
	require.True(t, ok)
	assert.Equal(t, Position{Line: 4, Column: 5}, start)
	assert.Equal(t, Position{Line: 4, Column: 55}, end)
	start, end, ok = doc.StatementPosition(1)
	require.True(t, ok)
	assert.Equal(t, Position{Line: 5, Column: 5}, start)
	assert.Equal(t, Position{Line: 8, Column: 5}, end)
	_, _, ok = doc.StatementPosition(2)
	assert.False(t, ok)

	single := MustParse(`{"Statement":  {"Effect":"Allow","Action":"*","Resource":"*"}, "Version":"2012-10-17"}`)
	start, end, ok = single.StatementPosition(0)
	require.True(t, ok)
	assert.Equal(t, Position{Line: 1, Column: 16}, start)
	assert.Equal(t, Position{Line: 1, Column: 61}, end)

	built := &Document{Statement: []Statement{{Effect: "Allow"}}}
	_, _, ok = built.StatementPosition(0)
	assert.False(t, ok)
}
