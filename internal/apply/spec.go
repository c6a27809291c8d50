// Package apply is the engine of "iamctl plan" and "iamctl apply": it
// reads a spec that declares users, groups, memberships, inline and
// managed policies, roles with trust policies, instance profiles and
// access keys, compares it with what the account holds, and makes the
// difference, in dependency order, so that a second run finds nothing to
// do. Policies are compared by meaning, not text.
package apply

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Spec is the declared state of an account.
type Spec struct {
	Users            []User            `json:"users" yaml:"users"`
	Groups           []Group           `json:"groups" yaml:"groups"`
	Policies         []ManagedPolicy   `json:"policies" yaml:"policies"`
	Roles            []Role            `json:"roles" yaml:"roles"`
	InstanceProfiles []InstanceProfile `json:"instance_profiles" yaml:"instance_profiles"`
}

// User declares a user.
type User struct {
	Name string `json:"name" yaml:"name"`
	// Path is "/" when empty.
	Path string `json:"path" yaml:"path"`
	// Groups the user is a member of; each must be declared in the spec.
	Groups []string `json:"groups" yaml:"groups"`
	// Policies are the user's inline policies.
	Policies []InlinePolicy `json:"policies" yaml:"policies"`
	// ManagedPolicies are attached: ARNs, or names of policies the spec
	// declares.
	ManagedPolicies []string `json:"managed_policies" yaml:"managed_policies"`
	// AccessKeys, when set, is how many access keys the user has (0 to 2).
	// Unset leaves the user's keys alone.
	AccessKeys *int `json:"access_keys" yaml:"access_keys"`
}

// Group declares a group.
type Group struct {
	Name            string         `json:"name" yaml:"name"`
	Path            string         `json:"path" yaml:"path"`
	Policies        []InlinePolicy `json:"policies" yaml:"policies"`
	ManagedPolicies []string       `json:"managed_policies" yaml:"managed_policies"`
}

// ManagedPolicy declares a customer managed policy. Path is part of its
// ARN and Description cannot be changed, so both are set at creation only;
// a changed Document becomes a new default version.
type ManagedPolicy struct {
	Name string `json:"name" yaml:"name"`
	Path string `json:"path" yaml:"path"`
	// Description is set at creation only (IAM cannot change it).
	Description string   `json:"description" yaml:"description"`
	Document    Document `json:"document" yaml:"document"`
}

// Role declares a role. Path and Description are set when the role is
// created; apply does not change them on an existing role.
type Role struct {
	Name            string         `json:"name" yaml:"name"`
	Path            string         `json:"path" yaml:"path"`
	Description     string         `json:"description" yaml:"description"`
	TrustPolicy     Document       `json:"trust_policy" yaml:"trust_policy"`
	Policies        []InlinePolicy `json:"policies" yaml:"policies"`
	ManagedPolicies []string       `json:"managed_policies" yaml:"managed_policies"`
}

// InstanceProfile declares an instance profile and its role (IAM allows
// one).
type InstanceProfile struct {
	Name  string   `json:"name" yaml:"name"`
	Path  string   `json:"path" yaml:"path"`
	Roles []string `json:"roles" yaml:"roles"`
}

// InlinePolicy is an inline policy of a user, group or role.
type InlinePolicy struct {
	Name     string   `json:"name" yaml:"name"`
	Document Document `json:"document" yaml:"document"`
}

// SpecError lists every problem found in a spec. Nothing is changed in
// the account when a spec has one.
type SpecError struct {
	// File names the spec, when it came from one.
	File     string
	Problems []string
}

func (e *SpecError) Error() string {
	name := "spec"
	if e.File != "" {
		name = e.File
	}
	if len(e.Problems) == 1 {
		return name + ": " + e.Problems[0]
	}
	return fmt.Sprintf("%s: %d problems:\n  %s", name, len(e.Problems), strings.Join(e.Problems, "\n  "))
}

// Parse reads a spec in YAML or JSON (JSON when the first non-blank byte
// is '{'), refusing unknown fields, then checks it (see Spec.Check). file
// names the spec in errors.
func Parse(file string, data []byte) (*Spec, error) {
	var s Spec
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if err := duplicateKey(data); err != nil {
			return nil, &SpecError{File: file, Problems: []string{err.Error()}}
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&s); err != nil {
			return nil, &SpecError{File: file, Problems: []string{err.Error()}}
		}
		if dec.More() {
			return nil, &SpecError{File: file, Problems: []string{"data after the spec's JSON object"}}
		}
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		// An empty document (io.EOF) is an empty spec.
		if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
			return nil, &SpecError{File: file, Problems: yamlProblems(err)}
		}
		// A second document ("---") would otherwise be dropped without a
		// word, and with --prune what it declares would be deleted.
		// An empty document after a closing "---" is harmless.
		for {
			var more yaml.Node
			err := dec.Decode(&more)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil || !emptyYAML(&more) {
				return nil, &SpecError{File: file, Problems: []string{"a spec is one YAML document; this file has more (a second \"---\")"}}
			}
		}
	}
	if err := s.Check(); err != nil {
		var se *SpecError
		if errors.As(err, &se) {
			se.File = file
		}
		return nil, err
	}
	return &s, nil
}

// emptyYAML reports whether a decoded document holds nothing (a bare
// "---" or a null).
func emptyYAML(n *yaml.Node) bool {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	return n.Kind == 0 || n.Kind == yaml.DocumentNode && len(n.Content) == 0 ||
		n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func yamlProblems(err error) []string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return te.Errors
	}
	return []string{err.Error()}
}
