package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateErrors(t *testing.T) {
	const ok = `{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}`
	tests := map[string]struct {
		doc   string
		kind  Kind
		stmt  int
		field string
		want  string
	}{
		"bad version":       {`{"Version":"2012-10-18","Statement":[` + ok + `]}`, KindManaged, -1, "Version", `must be "2012-10-17" or "2008-10-17", got "2012-10-18"`},
		"no statements":     {`{"Version":"2012-10-17","Statement":[]}`, KindManaged, -1, "Statement", "at least one statement"},
		"missing statement": {`{"Version":"2012-10-17"}`, KindManaged, -1, "Statement", "at least one statement"},
		"effect case":       {`{"Statement":[{"Effect":"allow","Action":"iam:GetUser","Resource":"*"}]}`, KindManaged, 0, "Effect", `must be "Allow" or "Deny", got "allow"`},
		"effect missing":    {`{"Statement":[{"Action":"iam:GetUser","Resource":"*"}]}`, KindManaged, 0, "Effect", `got ""`},
		"no action":         {`{"Statement":[{"Effect":"Allow","Resource":"*"}]}`, KindManaged, 0, "Action", "Action or NotAction is required"},
		"both actions":      {`{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"iam:*","Resource":"*"}]}`, KindManaged, 0, "Action", "cannot both be set"},
		"no resource":       {`{"Statement":[{"Effect":"Allow","Action":"*"}]}`, KindUserInline, 0, "Resource", "Resource or NotResource is required"},
		"both resources":    {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","NotResource":"*"}]}`, KindManaged, 0, "Resource", "cannot both be set"},
		"bad action":        {`{"Statement":[{"Effect":"Allow","Action":"CreateUser","Resource":"*"}]}`, KindManaged, 0, "Action", `"CreateUser" is not "*" or "service:action"`},
		"bad service":       {`{"Statement":[{"Effect":"Allow","Action":"I AM:Get","Resource":"*"}]}`, KindManaged, 0, "Action", `"I AM:Get"`},
		"bad action chars":  {`{"Statement":[{"Effect":"Allow","NotAction":["iam:Get-User"],"Resource":"*"}]}`, KindManaged, 0, "NotAction", `"iam:Get-User"`},
		"empty action list": {`{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}`, KindManaged, 0, "Action", "at least one action"},
		"bad resource":      {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"bucket/*"}]}`, KindManaged, 0, "Resource", `"bucket/*" must be "*" or an ARN`},
		"short arn":         {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3"}]}`, KindManaged, 0, "Resource", "must be"},
		"dup sid":           {`{"Statement":[{"Sid":"A",` + ok[1:] + `,{"Sid":"A",` + ok[1:] + `]}`, KindManaged, 1, "Sid", "duplicate Sid, already used by Statement[0]"},
		"sid chars":         {`{"Statement":[{"Sid":"my sid",` + ok[1:] + `]}`, KindManaged, 0, "Sid", "ASCII letters and digits"},
		"principal in identity": {`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`,
			KindManaged, 0, "Principal", "must not name a principal"},
		"trust needs principal": {`{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`,
			KindTrust, 0, "Principal", "needs Principal or NotPrincipal"},
		"trust resource": {`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Resource":"*"}]}`,
			KindTrust, 0, "Resource", "must not name a resource"},
		"trust principal type": {`{"Statement":[{"Effect":"Allow","Principal":{"Aws":"*"},"Action":"sts:AssumeRole"}]}`,
			KindTrust, 0, "Principal", `unknown principal type "Aws"`},
		"trust empty principal": {`{"Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"sts:AssumeRole"}]}`,
			KindTrust, 0, "Principal.AWS", "at least one principal"},
		"resource policy needs resource": {`{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}`,
			KindResource, 0, "Resource", "Resource or NotResource is required"},
		"unknown operator": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}}]}`,
			KindManaged, 0, "Condition", `unsupported condition operator "StringEqualz"`},
		"null with ifexists": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"k":"true"}}}]}`,
			KindManaged, 0, "Condition", `unsupported condition operator "NullIfExists"`},
		"bad number": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}]}`,
			KindManaged, 0, "Condition.NumericLessThan.s3:max-keys", `"ten" is not a number`},
		"bad date": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"yesterday"}}}]}`,
			KindManaged, 0, "Condition.DateLessThan.aws:CurrentTime", "not an ISO 8601 date"},
		"bad cidr": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/33"}}}]}`,
			KindManaged, 0, "Condition.IpAddress.aws:SourceIp", "not an IP address or CIDR block"},
		"bad bool": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"yes"}}}]}`,
			KindManaged, 0, "Condition.Bool.aws:SecureTransport", `must be "true" or "false"`},
		"empty values": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"k":[]}}}]}`,
			KindManaged, 0, "Condition.StringEquals.k", "at least one value"},
		"bad arn value": {`{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnLike":{"aws:SourceArn":"bucket"}}}]}`,
			KindManaged, 0, "Condition.ArnLike.aws:SourceArn", "not an ARN pattern"},
		"bad char": {`{"Statement":[{"Sid":"A","Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b/€"}]}`,
			KindManaged, -1, "", "contains the character U+20AC"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.doc))
			require.NoError(t, err)
			err = doc.Validate(tc.kind)
			require.Error(t, err)
			var verrs ValidationErrors
			require.ErrorAs(t, err, &verrs)
			found := false
			for _, e := range verrs {
				if e.Statement == tc.stmt && e.Field == tc.field && strings.Contains(e.Problem, tc.want) {
					found = true
				}
			}
			assert.True(t, found, "want Statement[%d] %s: %s; got %v", tc.stmt, tc.field, tc.want, err)
		})
	}
}

func TestValidationMessageNamesStatement(t *testing.T) {
	doc := MustParse(`{"Statement":[{"Sid":"First","Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"Second","Effect":"Permit","Action":"*","Resource":"*"}]}`)
	err := doc.Validate(KindManaged)
	require.Error(t, err)
	assert.Equal(t, `policy: Statement[1] (Sid "Second"): Effect: must be "Allow" or "Deny", got "Permit"`, err.Error())
	var one *ValidationError
	require.True(t, errors.As(err, &one))
	assert.Equal(t, 1, one.Statement)
	assert.Equal(t, "Second", one.Sid)
}

func TestValidateReportsEveryProblem(t *testing.T) {
	doc := MustParse(`{"Version":"1","Statement":[{"Effect":"x","Action":"bad"}]}`)
	var verrs ValidationErrors
	require.ErrorAs(t, doc.Validate(KindManaged), &verrs)
	assert.Len(t, verrs, 4) // Version, Effect, Action, Resource
}

func TestSizeLimits(t *testing.T) {
	// pad builds a valid document of exactly n non-whitespace characters.
	pad := func(n int) []byte {
		head := `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::`
		tail := `"}]}`
		filler := n - len(head) - len(tail)
		return []byte(head + strings.Repeat("a", filler) + tail)
	}
	tests := map[string]struct {
		kind  Kind
		limit int
	}{
		"user":    {KindUserInline, 2048},
		"group":   {KindGroupInline, 5120},
		"role":    {KindRoleInline, 10240},
		"managed": {KindManaged, 6144},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.limit, tc.kind.MaxSize())
			at := pad(tc.limit)
			require.Equal(t, tc.limit, Size(at))
			_, err := ParseAndValidate(at, tc.kind)
			assert.NoError(t, err, "exactly at the limit is fine")

			over := pad(tc.limit + 1)
			_, err = ParseAndValidate(over, tc.kind)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "more than the")

			// Whitespace is free.
			spaced := []byte(strings.Replace(string(at), `"Effect"`, "\n\t    \"Effect\"", 1))
			_, err = ParseAndValidate(spaced, tc.kind)
			assert.NoError(t, err)
		})
	}
	t.Run("trust", func(t *testing.T) {
		assert.Equal(t, 2048, KindTrust.MaxSize())
		doc := `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/` + strings.Repeat("u", 2048) + `"},"Action":"sts:AssumeRole"}]}`
		_, err := ParseAndValidate([]byte(doc), KindTrust)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "trust policy is")
	})
	t.Run("built in code", func(t *testing.T) {
		doc := &Document{Statement: []Statement{{Effect: "Allow", Action: String1("*"), Resource: String1("arn:aws:s3:::" + strings.Repeat("b", 2100))}}}
		assert.Error(t, doc.Validate(KindUserInline))
		assert.NoError(t, doc.Validate(KindManaged))
	})
}

func TestFixturesWithVariablesValidate(t *testing.T) {
	// Typed condition values that hold a variable are checked at evaluation.
	doc := MustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
		"Condition":{"NumericLessThan":{"k":"${aws:MaxKeys}"},"DateLessThan":{"aws:CurrentTime":"1700000000"}}}]}`)
	assert.NoError(t, doc.Validate(KindManaged))
}

// TestActionCaseIsFree: IAM treats the service prefix and the action name
// case-insensitively, so a document written in capitals is valid and
// grants the same actions.
func TestActionCaseIsFree(t *testing.T) {
	doc, err := ParseAndValidate([]byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"IAM:listaccesskeys","Resource":"*"}}`), KindManaged)
	if err != nil {
		t.Fatalf("valid document refused: %v", err)
	}
	p := Compile("p", doc)
	if d := Decide([]*Policy{p}, Request{Action: "iam:ListAccessKeys", Resource: "*"}); d != Allowed {
		t.Fatalf("decision %v, want Allowed", d)
	}
	if _, err := ParseAndValidate([]byte(`{"Statement":{"Effect":"Allow","Action":"i_am:x","Resource":"*"}}`), KindManaged); err == nil {
		t.Fatal("a service prefix with '_' was accepted")
	}
}

func TestParseNotJSONSaysSo(t *testing.T) {
	for in, want := range map[string]string{
		"not json at all, just words": `document is not JSON: it begins "not json at all, just wo..."`,
		"null":                        "document must be a JSON object, got null",
		"[1]":                         "document must be a JSON object, got an array",
	} {
		_, err := Parse([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", in, err, want)
		}
	}
}
