package iam

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ValidationError is an argument refused before any request was sent. It
// names the argument, the value (redacted for passwords) and the rule the
// value breaks. Typed methods return it wrapped in an *OperationError; find
// it with errors.As.
type ValidationError struct {
	// Field is the IAM parameter name, e.g. "UserName" or "Tags[2].Key".
	Field string
	// Value is the refused value, or "[REDACTED]" for a password.
	Value string
	// Rule says what a valid value looks like.
	Rule string
}

func (e *ValidationError) Error() string {
	if e.Value == "" {
		return e.Field + ": " + e.Rule
	}
	return e.Field + " " + strconv.Quote(e.Value) + ": " + e.Rule
}

// invalid builds a ValidationError, redacting the value of a secret field
// and shortening a huge one so that error strings stay readable.
func invalid(field, value, rule string) *ValidationError {
	const maxQuoted = 80
	switch {
	case isSecretName(field):
		if value != "" {
			value = redacted
		}
	case len(value) > maxQuoted:
		value = value[:maxQuoted] + "..."
	}
	return &ValidationError{Field: field, Value: value, Rule: rule}
}

// validationFailed wraps a validation error like every other error of a
// typed method, so callers always get an *OperationError naming the action.
func validationFailed(action string, err error) error {
	return &OperationError{Action: action, Err: err}
}

// Name rules of the IAM API reference. The character set of user, group,
// role and policy names is [\w+=,.@-], with \w the ASCII word characters.
const (
	userNameRule   = `must match [\w+=,.@-]+ (1-64 characters)`
	roleNameRule   = userNameRule
	groupNameRule  = `must match [\w+=,.@-]+ (1-128 characters)`
	policyNameRule = groupNameRule
	pathRule       = `must be "/" or begin and end with "/", printable ASCII (\u0021-\u007E), at most 512 characters`
	prefixRule     = `must begin with "/", printable ASCII (\u0021-\u007E), at most 512 characters`
	keyIDRule      = `must match [\w]+ (16-128 characters)`
	arnRule        = `must be an ARN ("arn:..."), 20-2048 characters`
	passwordRule   = `must be 1-128 characters of tab, newline, carriage return or \u0020-\u00FF`
	requiredRule   = "is required"
)

func isNameChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		strings.ContainsRune("_+=,.@-", r)
}

// checkName checks an IAM entity name: 1 to max characters of [\w+=,.@-].
func checkName(field, name string, max int, rule string) error {
	if name == "" {
		return invalid(field, name, requiredRule+"; "+rule)
	}
	if len(name) > max {
		return invalid(field, name, rule)
	}
	for _, r := range name {
		if !isNameChar(r) {
			return invalid(field, name, rule)
		}
	}
	return nil
}

func checkUserName(field, name string) error   { return checkName(field, name, 64, userNameRule) }
func checkRoleName(field, name string) error   { return checkName(field, name, 64, roleNameRule) }
func checkGroupName(field, name string) error  { return checkName(field, name, 128, groupNameRule) }
func checkPolicyName(field, name string) error { return checkName(field, name, 128, policyNameRule) }

// checkOptionalUserName accepts "" (the caller, for actions where IAM
// falls back to the signing identity) or a valid user name.
func checkOptionalUserName(name string) error {
	if name == "" {
		return nil
	}
	return checkUserName("UserName", name)
}

// optionalUserNameCheck adapts checkOptionalUserName, whose field is
// always UserName, to idCheck.
func optionalUserNameCheck(_, name string) error { return checkOptionalUserName(name) }

// pathPrefixCheck adapts checkPathPrefix, whose field is always
// PathPrefix, to idCheck.
func pathPrefixCheck(_, prefix string) error { return checkPathPrefix(prefix) }

func isPathChar(b byte) bool { return 0x21 <= b && b <= 0x7E }

// checkPath checks an entity path: "/" alone or "/.../", printable ASCII.
// An empty path is "unset" and is not sent.
func checkPath(field, path string) error {
	if path == "" {
		return nil
	}
	if len(path) > 512 || path[0] != '/' || path[len(path)-1] != '/' {
		return invalid(field, path, pathRule)
	}
	for i := 0; i < len(path); i++ {
		if !isPathChar(path[i]) {
			return invalid(field, path, pathRule)
		}
	}
	return nil
}

// checkPathPrefix checks a list filter: it starts with "/" but, unlike a
// path, need not end with one ("/division_abc/sub" is a valid prefix).
func checkPathPrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	if len(prefix) > 512 || prefix[0] != '/' {
		return invalid("PathPrefix", prefix, prefixRule)
	}
	for i := 0; i < len(prefix); i++ {
		if !isPathChar(prefix[i]) {
			return invalid("PathPrefix", prefix, prefixRule)
		}
	}
	return nil
}

// checkAccessKeyID checks an access key ID: 16 to 128 ASCII word
// characters.
func checkAccessKeyID(id string) error {
	if id == "" {
		return invalid("AccessKeyId", id, requiredRule+"; "+keyIDRule)
	}
	if len(id) < 16 || len(id) > 128 {
		return invalid("AccessKeyId", id, keyIDRule)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return invalid("AccessKeyId", id, keyIDRule)
		}
	}
	return nil
}

// checkARN checks an optional ARN argument such as PermissionsBoundary.
func checkARN(field, arn string) error {
	if arn == "" {
		return nil
	}
	if len(arn) < 20 || len(arn) > 2048 || !strings.HasPrefix(arn, "arn:") {
		return invalid(field, arn, arnRule)
	}
	return nil
}

// checkPassword checks a password's length and character set. The value
// never appears in the error.
func checkPassword(field, pw string) error {
	if pw == "" {
		return invalid(field, "", requiredRule+"; "+passwordRule)
	}
	if !utf8.ValidString(pw) || utf8.RuneCountInString(pw) > 128 {
		return invalid(field, pw, passwordRule)
	}
	for _, r := range pw {
		if !(r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0xFF) {
			return invalid(field, pw, passwordRule)
		}
	}
	return nil
}

// Tag limits of IAM: at most 50 tags per resource, keys of 1-128 and
// values of 0-256 Unicode characters.
const (
	maxTags        = 50
	maxTagKeyLen   = 128
	maxTagValueLen = 256
	tagKeyRule     = `must match [\p{L}\p{Z}\p{N}_.:/=+\-@]+ (1-128 characters) and not begin with "aws:"`
	tagValueRule   = `must match [\p{L}\p{Z}\p{N}_.:/=+\-@]* (0-256 characters)`
)

// isTagChar is IAM's tag character class [\p{L}\p{Z}\p{N}_.:/=+\-@].
func isTagChar(r rune) bool {
	return unicode.IsLetter(r) || unicode.In(r, unicode.Z) || unicode.IsNumber(r) ||
		strings.ContainsRune("_.:/=+-@", r)
}

func checkTagText(s string, maxLen int) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxLen {
		return false
	}
	for _, r := range s {
		if !isTagChar(r) {
			return false
		}
	}
	return true
}

func checkTagKey(field, key string) error {
	if key == "" || !checkTagText(key, maxTagKeyLen) || len(key) >= 4 && strings.EqualFold(key[:4], "aws:") {
		return invalid(field, key, tagKeyRule)
	}
	return nil
}

// checkTags checks a tag list: each key and value, no repeated key, at
// most 50 tags. With required, an empty list is refused (TagUser and
// friends need at least one tag).
func checkTags(tags []Tag, required bool) error {
	if required && len(tags) == 0 {
		return invalid("Tags", "", "at least one tag is required")
	}
	if len(tags) > maxTags {
		return invalid("Tags", "", fmt.Sprintf("at most %d tags, got %d", maxTags, len(tags)))
	}
	seen := make(map[string]bool, len(tags))
	for i, t := range tags {
		field := fmt.Sprintf("Tags[%d].Key", i)
		if err := checkTagKey(field, t.Key); err != nil {
			return err
		}
		if seen[t.Key] {
			return invalid(field, t.Key, "repeats an earlier tag key")
		}
		seen[t.Key] = true
		if !checkTagText(t.Value, maxTagValueLen) {
			return invalid(fmt.Sprintf("Tags[%d].Value", i), t.Value, tagValueRule)
		}
	}
	return nil
}

// checkTagKeys checks the key list of an Untag call: 1 to 50 valid keys.
func checkTagKeys(keys []string) error {
	if len(keys) == 0 {
		return invalid("TagKeys", "", "at least one tag key is required")
	}
	if len(keys) > maxTags {
		return invalid("TagKeys", "", fmt.Sprintf("at most %d keys, got %d", maxTags, len(keys)))
	}
	for i, k := range keys {
		if err := checkTagKey(fmt.Sprintf("TagKeys[%d]", i), k); err != nil {
			return err
		}
	}
	return nil
}

// checkAll returns the first error of checks, so a method lists its
// argument checks in parameter order and reports the first one broken.
func checkAll(checks ...error) error {
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	return nil
}

func checkInstanceProfileName(field, name string) error {
	return checkName(field, name, 128, instanceProfileNameRule)
}

// checkDescription checks an optional role or policy description.
func checkDescription(field, s string) error {
	if len([]rune(s)) > 1000 {
		return invalid(field, s, descriptionRule)
	}
	for _, r := range s {
		if !(r == '\t' || r == '\n' || r == '\r' || 0x20 <= r && r <= 0x7E || 0xA1 <= r && r <= 0xFF) {
			return invalid(field, s, descriptionRule)
		}
	}
	return nil
}

// checkPolicyDescription checks a managed policy's description. Unlike a
// role's, IAM gives it no character pattern, only a length: at most 1000
// characters of valid text.
func checkPolicyDescription(s string) error {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 1000 {
		return invalid("Description", s, policyDescriptionRule)
	}
	return nil
}

// checkMaxSessionDuration checks a role's maximum session length in
// seconds; 0 means unset.
func checkMaxSessionDuration(seconds int) error {
	if seconds != 0 && (seconds < 3600 || seconds > 43200) {
		return invalid("MaxSessionDuration", fmt.Sprint(seconds), sessionDurationRule)
	}
	return nil
}

// checkPolicyARN checks a managed policy ARN:
// arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME, where ACCOUNT is a
// 12-digit account ID or "aws" for AWS managed policies. It is required.
func checkPolicyARN(field, arn string) error {
	if arn == "" {
		return invalid(field, arn, requiredRule+"; "+policyARNRule)
	}
	if len(arn) < 20 || len(arn) > 2048 {
		return invalid(field, arn, policyARNRule)
	}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" {
		return invalid(field, arn, policyARNRule)
	}
	if !isPartition(parts[1]) || !(parts[4] == "aws" || isAccountID(parts[4])) {
		return invalid(field, arn, policyARNRule)
	}
	rest, ok := strings.CutPrefix(parts[5], "policy/")
	if !ok || strings.HasPrefix(rest, "/") || strings.Contains(rest, "//") {
		return invalid(field, arn, policyARNRule)
	}
	slash := strings.LastIndexByte(rest, '/')
	path, name := "/", rest
	if slash >= 0 {
		path, name = "/"+rest[:slash+1], rest[slash+1:]
	}
	if checkPath(field, path) != nil || checkPolicyName(field, name) != nil {
		return invalid(field, arn, policyARNRule)
	}
	return nil
}

// checkOptionalPolicyARN checks a managed policy ARN that may be left
// unset, such as a permissions boundary.
func checkOptionalPolicyARN(field, arn string) error {
	if arn == "" {
		return nil
	}
	return checkPolicyARN(field, arn)
}

// isPartition accepts the partition names AWS uses: lowercase letters and
// digits separated by hyphens ("aws", "aws-cn", "aws-us-gov", "aws-iso-b").
func isPartition(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkVersionID checks a policy version ID such as "v3".
func checkVersionID(id string) error {
	if id == "" {
		return invalid("VersionId", id, requiredRule+"; "+versionIDRule)
	}
	if len(id) < 2 || id[0] != 'v' || id[1] < '1' || id[1] > '9' {
		return invalid("VersionId", id, versionIDRule)
	}
	i := 2
	for i < len(id) && '0' <= id[i] && id[i] <= '9' {
		i++
	}
	if i == len(id) {
		return nil
	}
	if id[i] != '.' {
		return invalid("VersionId", id, versionIDRule)
	}
	for _, c := range []byte(id[i+1:]) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return invalid("VersionId", id, versionIDRule)
		}
	}
	return nil
}

// checkOneOf checks an optional enumerated argument.
func checkOneOf(field, value string, allowed ...string) error {
	if value == "" {
		return nil
	}
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return invalid(field, value, "must be one of "+strings.Join(allowed, ", "))
}
