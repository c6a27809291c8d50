package iam

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNameRules(t *testing.T) {
	tests := map[string]struct {
		check func(string, string) error
		name  string
		ok    bool
	}{
		"user simple":          {checkUserName, "alice", true},
		"user all punctuation": {checkUserName, "a_b+c=d,e.f@g-h", true},
		"user 64":              {checkUserName, strings.Repeat("u", 64), true},
		"user 65":              {checkUserName, strings.Repeat("u", 65), false},
		"user empty":           {checkUserName, "", false},
		"user space":           {checkUserName, "bad name", false},
		"user slash":           {checkUserName, "a/b", false},
		"user non-ASCII":       {checkUserName, "jürgen", false},
		"role 64":              {checkRoleName, strings.Repeat("r", 64), true},
		"role 65":              {checkRoleName, strings.Repeat("r", 65), false},
		"group 128":            {checkGroupName, strings.Repeat("g", 128), true},
		"group 129":            {checkGroupName, strings.Repeat("g", 129), false},
		"group colon":          {checkGroupName, "a:b", false},
		"policy 128":           {checkPolicyName, strings.Repeat("p", 128), true},
		"policy 129":           {checkPolicyName, strings.Repeat("p", 129), false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := tc.check("F", tc.name)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "F", ve.Field)
			assert.Contains(t, ve.Rule, `[\w+=,.@-]+`)
		})
	}
}

func TestPathRules(t *testing.T) {
	tests := map[string]struct {
		path       string
		pathOK     bool
		prefixOK   bool
		ruleSubstr string
	}{
		"unset":         {"", true, true, ""},
		"root":          {"/", true, true, ""},
		"nested":        {"/division_abc/subdivision_xyz/", true, true, ""},
		"punctuation":   {"/a!b~c/", true, true, ""},
		"no leading":    {"abc/", false, false, "/"},
		"no trailing":   {"/abc", false, true, "/"},
		"space":         {"/a b/", false, false, "printable ASCII"},
		"non-ASCII":     {"/ä/", false, false, "printable ASCII"},
		"DEL":           {"/a\x7f/", false, false, "printable ASCII"},
		"512":           {"/" + strings.Repeat("a", 510) + "/", true, true, ""},
		"513":           {"/" + strings.Repeat("a", 511) + "/", false, false, "512"},
		"double slash":  {"//", true, true, ""},
		"control char":  {"/a\tb/", false, false, "printable"},
		"only letters":  {"abc", false, false, "/"},
		"prefix middle": {"/abc/def", false, true, "/"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := checkPath("Path", tc.path)
			assert.Equal(t, tc.pathOK, err == nil, "path: %v", err)
			if err != nil {
				assert.Contains(t, err.Error(), tc.ruleSubstr)
			}
			err = checkPathPrefix(tc.path)
			assert.Equal(t, tc.prefixOK, err == nil, "prefix: %v", err)
		})
	}
}

func TestTagRules(t *testing.T) {
	many := func(n int) []Tag {
		tags := make([]Tag, n)
		for i := range tags {
			tags[i] = Tag{Key: fmt.Sprintf("k%d", i), Value: "v"}
		}
		return tags
	}
	tests := map[string]struct {
		tags     []Tag
		required bool
		field    string // "" means valid
	}{
		"none optional":        {nil, false, ""},
		"none required":        {nil, true, "Tags"},
		"plain":                {[]Tag{{"Dept", "Accounting"}}, true, ""},
		"allowed punctuation":  {[]Tag{{"a_b.c:d/e=f+g-h@i j", "_.:/=+-@ "}}, true, ""},
		"unicode letters":      {[]Tag{{"Abteilung", "Bücher 東京 ٣"}}, true, ""},
		"empty value":          {[]Tag{{"k", ""}}, true, ""},
		"empty key":            {[]Tag{{"", "v"}}, true, "Tags[0].Key"},
		"key 128":              {[]Tag{{strings.Repeat("k", 128), ""}}, true, ""},
		"key 129":              {[]Tag{{strings.Repeat("k", 129), ""}}, true, "Tags[0].Key"},
		"key 128 runes":        {[]Tag{{strings.Repeat("é", 128), ""}}, true, ""},
		"value 256":            {[]Tag{{"k", strings.Repeat("v", 256)}}, true, ""},
		"value 257":            {[]Tag{{"k", strings.Repeat("v", 257)}}, true, "Tags[0].Value"},
		"bad key char":         {[]Tag{{"k!", "v"}}, true, "Tags[0].Key"},
		"bad value char":       {[]Tag{{"k", "v;"}}, true, "Tags[0].Value"},
		"aws: prefix":          {[]Tag{{"ok", "1"}, {"aws:cost", "1"}}, true, "Tags[1].Key"},
		"AWS: prefix any case": {[]Tag{{"Aws:cost", "1"}}, true, "Tags[0].Key"},
		"aws: in value is ok":  {[]Tag{{"k", "aws:x"}}, true, ""},
		"repeated key":         {[]Tag{{"k", "1"}, {"k", "2"}}, true, "Tags[1].Key"},
		"50 tags":              {many(50), true, ""},
		"51 tags":              {many(51), true, "Tags"},
		"invalid UTF-8":        {[]Tag{{"k\xff", "v"}}, true, "Tags[0].Key"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := checkTags(tc.tags, tc.required)
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
}

func TestOtherArgumentRules(t *testing.T) {
	tests := map[string]struct {
		err   error
		field string // "" means valid
	}{
		"key ID":              {checkAccessKeyID("AKIAIOSFODNN7EXAMPLE"), ""},
		"key ID short":        {checkAccessKeyID("AKIA123"), "AccessKeyId"},
		"key ID bad char":     {checkAccessKeyID("AKIAIOSFODNN7EXAMP-E"), "AccessKeyId"},
		"key ID empty":        {checkAccessKeyID(""), "AccessKeyId"},
		"status Active":       {checkStatus(StatusActive), ""},
		"status Inactive":     {checkStatus(StatusInactive), ""},
		"status lower case":   {checkStatus("active"), "Status"},
		"status empty":        {checkStatus(""), "Status"},
		"ARN":                 {checkARN("PermissionsBoundary", "arn:aws:iam::123456789012:policy/B"), ""},
		"ARN not arn":         {checkARN("PermissionsBoundary", "policy/Boundary-long-enough"), "PermissionsBoundary"},
		"password":            {checkPassword("Password", "correct horse\tbattery ÿ"), ""},
		"password empty":      {checkPassword("Password", ""), "Password"},
		"password 129":        {checkPassword("Password", strings.Repeat("p", 129)), "Password"},
		"password beyond FF":  {checkPassword("NewPassword", "pässwörd€"), "NewPassword"},
		"password control":    {checkPassword("OldPassword", "a\x00b"), "OldPassword"},
		"tag keys":            {checkTagKeys([]string{"a", "b"}), ""},
		"tag keys none":       {checkTagKeys(nil), "TagKeys"},
		"tag keys aws:":       {checkTagKeys([]string{"aws:x"}), "TagKeys[0]"},
		"optional user empty": {checkOptionalUserName(""), ""},
		"optional user bad":   {checkOptionalUserName("a b"), "UserName"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			if tc.field == "" {
				assert.NoError(t, tc.err)
				return
			}
			var ve *ValidationError
			require.ErrorAs(t, tc.err, &ve)
			assert.Equal(t, tc.field, ve.Field)
		})
	}
}

func TestValidationErrorRedactsPasswords(t *testing.T) {
	const pw = "hunter2€secret"
	err := checkPassword("NewPassword", pw)
	require.Error(t, err)
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		assert.NotContains(t, s, "hunter2")
	}
	assert.Equal(t, redacted, err.(*ValidationError).Value)
}

func TestValidationErrorShortensHugeValues(t *testing.T) {
	err := checkUserName("UserName", strings.Repeat("x", 5000))
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 300)
}
