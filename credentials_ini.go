package iam

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// iniFile is a parsed shared credentials or config file: section name to
// keys to values. Section names keep their inner words ("profile dev");
// keys are lower case.
type iniFile map[string]map[string]string

// loadINI reads and parses path. A file that does not exist is no error:
// both shared files are optional. exists reports whether it was there.
func loadINI(path string) (f iniFile, exists bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return iniFile{}, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	f, err = parseINI(path, string(data))
	return f, true, err
}

// parseINI reads the INI dialect of the AWS shared files: [section]
// headers, key = value lines, full-line comments starting with # or ;, and
// inline comments that start with # or ; after a space. An indented block
// under a key with an empty value is a nested setting (like "s3 =" in the
// config file) and is skipped. Later duplicates override earlier ones.
//
// Errors name the file, the line number and the rule broken, but never
// quote the line: in a credentials file it may hold a secret key.
func parseINI(name, data string) (iniFile, error) {
	f := iniFile{}
	var section map[string]string
	nested := false
	lineNo := 0
	for raw := range strings.Lines(strings.TrimPrefix(data, "\uFEFF")) {
		lineNo++
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if nested && indented {
			continue
		}
		nested = false
		bad := func(rule string) error {
			return fmt.Errorf("%s line %d: %s", name, lineNo, rule)
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				return nil, bad("section header has no closing ]")
			}
			if rest := strings.TrimSpace(line[end+1:]); rest != "" && rest[0] != '#' && rest[0] != ';' {
				return nil, bad("text after a section header's closing ]")
			}
			sname := strings.Join(strings.Fields(line[1:end]), " ")
			if sname == "" {
				return nil, bad("section header has an empty name")
			}
			if f[sname] == nil {
				f[sname] = map[string]string{}
			}
			section = f[sname]
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !ok {
			return nil, bad("want [section], key = value, or a comment")
		}
		key = strings.ToLower(strings.TrimSpace(key))
		if key == "" {
			return nil, bad("key = value line has an empty key")
		}
		if section == nil {
			return nil, bad("key = value line comes before any [section]")
		}
		value = stripInlineComment(strings.TrimSpace(value))
		section[key] = value
		nested = value == ""
	}
	return f, nil
}

// stripInlineComment cuts "value  # note" to "value". A # or ; counts only
// after whitespace, so values that contain them ("a#b") stay whole.
func stripInlineComment(v string) string {
	for i := 1; i < len(v); i++ {
		if (v[i] == '#' || v[i] == ';') && (v[i-1] == ' ' || v[i-1] == '\t') {
			return strings.TrimSpace(v[:i])
		}
	}
	return v
}
