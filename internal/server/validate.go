package server

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Name rules of IAM. Checked by hand rather than by regexp: they run on
// every write and are simple character classes.

// nameChar reports whether c is in IAM's name class [\w+=,.@-].
func nameChar(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-'
}

// checkName validates a user, group, role, policy, instance profile or
// certificate name: 1..max characters of [\w+=,.@-].
func checkName(field, v string, max int) *APIError {
	if v == "" {
		return validationf(field, v, "Member must have length greater than or equal to 1")
	}
	if len(v) > max {
		return validationf(field, v, "Member must have length less than or equal to "+strconv.Itoa(max))
	}
	for i := 0; i < len(v); i++ {
		if !nameChar(v[i]) {
			return validationf(field, v, `Member must satisfy regular expression pattern: [\w+=,.@-]+`)
		}
	}
	return nil
}

// requiredName reads and validates a name parameter.
func requiredName(p params, field string, max int) (string, *APIError) {
	v, err := p.required(field)
	if err != nil {
		return "", err
	}
	return v, checkName(field, v, max)
}

// namePathParams reads the name (1..max characters) and the optional Path
// of a new entity.
func namePathParams(p params, nameField string, max int) (string, string, *APIError) {
	name, err := requiredName(p, nameField, max)
	if err != nil {
		return "", "", err
	}
	path, err := pathParam(p, "Path")
	return name, path, err
}

// pathParam reads an optional path: "/" by default, else ^/$ or
// ^/[\x21-\x7E]*/$ up to 512 characters.
func pathParam(p params, field string) (string, *APIError) {
	if !p.has(field) {
		return "/", nil
	}
	v := p.str(field)
	return v, checkPath(field, v)
}

func checkPath(field, v string) *APIError {
	if v == "" {
		return validationf(field, v, "Member must have length greater than or equal to 1")
	}
	if len(v) > 512 {
		return validationf(field, v, "Member must have length less than or equal to 512")
	}
	// "/" alone, or at least one character between two slashes: "//"
	// matches neither branch of IAM's pattern.
	if v[0] != '/' || v[len(v)-1] != '/' || v == "//" {
		return validationf(field, v, `Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007F]+\u002F)`)
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x21 || v[i] > 0x7e {
			return validationf(field, v, `Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007F]+\u002F)`)
		}
	}
	return nil
}

// pathPrefixParam reads an optional PathPrefix filter: "/" by default.
func pathPrefixParam(p params) (string, *APIError) {
	if !p.has("PathPrefix") {
		return "/", nil
	}
	v := p.str("PathPrefix")
	if v == "" || v[0] != '/' || len(v) > 512 {
		return "", validationf("PathPrefix", v, `Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*`)
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x21 || v[i] > 0x7e {
			return "", validationf("PathPrefix", v, `Member must satisfy regular expression pattern: \u002F[\u0021-\u007F]*`)
		}
	}
	return v, nil
}

// checkLen validates a free-text parameter's length in characters.
func checkLen(field, v string, lo, hi int) *APIError {
	n := utf8.RuneCountInString(v)
	if n < lo {
		return validationf(field, v, "Member must have length greater than or equal to "+strconv.Itoa(lo))
	}
	if n > hi {
		return validationf(field, truncate(v, 64), "Member must have length less than or equal to "+strconv.Itoa(hi))
	}
	return nil
}

// truncate shortens a value echoed in an error message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// tagsParam reads Tags.member.N.Key/Value: at most 50, keys 1..128 and
// values 0..256 characters, keys unique.
func tagsParam(p params) ([]tag, *APIError) {
	var out []tag
	for i := 1; ; i++ {
		pre := "Tags.member." + strconv.Itoa(i)
		k, ok := p[pre+".Key"]
		if !ok {
			break
		}
		if len(out) == maxTags {
			// Stop at the 51st: the duplicate check below is quadratic,
			// and a request may carry thousands of tags.
			return nil, limitExceeded("The number of tags has reached the maximum limit.")
		}
		t := tag{Key: k[0], Value: p.str(pre + ".Value")}
		if err := checkLen("tags."+strconv.Itoa(i)+".member.key", t.Key, 1, 128); err != nil {
			return nil, err
		}
		if err := checkLen("tags."+strconv.Itoa(i)+".member.value", t.Value, 0, 256); err != nil {
			return nil, err
		}
		for _, o := range out {
			if fold(o.Key) == fold(t.Key) {
				return nil, errf(CodeInvalidInput, "Duplicate tag keys found. Please note that Tag keys are case insensitive.")
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// maxTags is IAM's quota of tags per entity.
const maxTags = 50

func writeTags(w *xmlw, name string, tags []tag, always bool) {
	if len(tags) == 0 && !always {
		return
	}
	writeList(w, name, tags, func(t tag) { writeTag(w, t) })
}

func writeTag(w *xmlw, t tag) {
	w.open("member")
	w.elem("Key", t.Key)
	w.elem("Value", t.Value)
	w.close("member")
}

// renameParams reads the optional new name (1..max name characters) and
// NewPath of an Update action, each defaulting to the current one.
func renameParams(p params, nameField string, max int, name, path string) (string, string, *APIError) {
	var err *APIError
	if p.has(nameField) {
		if name, err = requiredName(p, nameField, max); err != nil {
			return "", "", err
		}
	}
	if p.has("NewPath") {
		if path, err = pathParam(p, "NewPath"); err != nil {
			return "", "", err
		}
	}
	return name, path, nil
}

// enumParam reads an optional parameter that must be one of values; ""
// when absent.
func enumParam(p params, field string, values ...string) (string, *APIError) {
	v := p.str(field)
	if v == "" {
		return "", nil
	}
	return v, checkEnum(field, v, values...)
}

// checkEnum validates that v is one of values, listed in the error in the
// order given.
func checkEnum(field, v string, values ...string) *APIError {
	if slices.Contains(values, v) {
		return nil
	}
	return validationf(field, v, "Member must satisfy enum value set: ["+strings.Join(values, ", ")+"]")
}
