package apply

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSameMeaning(t *testing.T) {
	base := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`
	tests := map[string]struct {
		other string
		same  bool
	}{
		"identical":             {base, true},
		"whitespace":            {"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ { \"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:ListBucket\"], \"Resource\": \"*\" } ]\n}", true},
		"action order and case": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["S3:ListBucket","s3:getobject"],"Resource":["*"]}]}`, true},
		"single statement form": {`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:GetObject"],"Resource":"*"}}`, true},
		"statements not merged": {`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]}`, false},
		"sid added":             {`{"Version":"2012-10-17","Statement":[{"Sid":"X","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`, true},
		"other action":          {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`, false},
		"deny":                  {`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`, false},
		"resource case matters": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"arn:aws:s3:::B"}]}`, false},
		"version differs":       {`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}`, false},
		"unparsable":            {`{`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.same, sameMeaning(base, tc.other))
			assert.Equal(t, tc.same, sameMeaning(tc.other, base), "symmetric")
		})
	}
}

func TestSameMeaningConditionsAndPrincipals(t *testing.T) {
	a := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":["b","a"]}}}]}`
	b := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"AWS:principaltag/team":["a","b"]}}}]}`
	c := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}]}`
	assert.True(t, sameMeaning(a, b))
	assert.False(t, sameMeaning(a, c))
}

// IAM stores an account given by its ID as the account's root ARN, so a
// trust policy written with the short form would otherwise differ from
// what IAM returns on every plan.
func TestSameMeaningAccountPrincipal(t *testing.T) {
	short := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}]}`
	tests := map[string]struct {
		other string
		same  bool
	}{
		"root ARN":       {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}`, true},
		"China root ARN": {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws-cn:iam::123456789012:root"]},"Action":"sts:AssumeRole"}]}`, true},
		"other account":  {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole"}]}`, false},
		"a user of it":   {`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/root"},"Action":"sts:AssumeRole"}]}`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.same, sameMeaning(short, tc.other))
			assert.Equal(t, tc.same, sameMeaning(tc.other, short), "symmetric")
		})
	}
}
