package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/iamkit/iam"
)

// stdin is where "-" reads from; tests replace it.
var stdin io.Reader = os.Stdin

func init() {
	register(typedCommand("policy", "put, get, attach and detach policies of users, groups and roles", []subcommand{
		{"put", "NAME FILE|-", "add or replace an inline policy (--user, --group or --role)", policyPut},
		{"get", "NAME", "print an inline policy's document (--user, --group or --role)", policyGet},
		{"attach", "POLICY-ARN", "attach a managed policy (--user, --group or --role)", policyAttach(true)},
		{"detach", "POLICY-ARN", "detach a managed policy (--user, --group or --role)", policyAttach(false)},
	}))
}

// principalFlags pick whose policy a verb is about.
type principalFlags struct{ user, group, role *string }

func addPrincipalFlags(fs *flag.FlagSet) principalFlags {
	return principalFlags{
		user:  fs.String("user", "", "the user"),
		group: fs.String("group", "", "the group"),
		role:  fs.String("role", "", "the role"),
	}
}

// which returns "user", "group" or "role" and the name; exactly one flag
// must be given.
func (p principalFlags) which() (kind, name string, err error) {
	n := 0
	for _, c := range []struct{ kind, name string }{{"user", *p.user}, {"group", *p.group}, {"role", *p.role}} {
		if c.name != "" {
			kind, name = c.kind, c.name
			n++
		}
	}
	if n != 1 {
		return "", "", usageErrorf("give exactly one of --user, --group and --role")
	}
	return kind, name, nil
}

// readDocument reads a policy document from a file, or stdin for "-".
func readDocument(arg string) (string, error) {
	var data []byte
	var err error
	if arg == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(arg)
	}
	if err != nil {
		return "", fmt.Errorf("reading the policy document: %w", err)
	}
	return string(bytes.TrimSpace(data)), nil
}

func policyPut(fs *flag.FlagSet) run {
	who := addPrincipalFlags(fs)
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME", "FILE|-"); err != nil {
			return err
		}
		kind, name, err := who.which()
		if err != nil {
			return err
		}
		doc, err := readDocument(args[1])
		if err != nil {
			return err
		}
		put := map[string]func(context.Context, string, string, string) error{
			"user": x.c.PutUserPolicyJSON, "group": x.c.PutGroupPolicyJSON, "role": x.c.PutRolePolicyJSON,
		}[kind]
		if err := put(ctx, name, args[0], doc); err != nil {
			return err
		}
		return x.render(table{header: []string{"PRINCIPAL", "INLINE POLICY", "CHANGE"}, rows: [][]string{{kind + " " + name, args[0], "put"}}},
			map[string]string{"PrincipalType": kind, "PrincipalName": name, "PolicyName": args[0], "Change": "put"})
	}
}

func policyGet(fs *flag.FlagSet) run {
	who := addPrincipalFlags(fs)
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args, "NAME"); err != nil {
			return err
		}
		kind, name, err := who.which()
		if err != nil {
			return err
		}
		get := map[string]func(context.Context, string, string) (*iam.InlinePolicy, error){
			"user": x.c.GetUserPolicy, "group": x.c.GetGroupPolicy, "role": x.c.GetRolePolicy,
		}[kind]
		p, err := get(ctx, name, args[0])
		if err != nil {
			return err
		}
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, []byte(p.DocumentJSON), "", "  "); err != nil {
			// Stored text that is not JSON is shown as it is.
			pretty.Reset()
			pretty.WriteString(p.DocumentJSON)
		}
		if x.format == "json" {
			return writeJSON(x.out, map[string]any{
				"PrincipalType": kind, "PrincipalName": name, "PolicyName": p.PolicyName,
				"PolicyDocument": json.RawMessage(p.DocumentJSON),
			})
		}
		_, err = fmt.Fprintln(x.out, pretty.String())
		return err
	}
}

func policyAttach(attach bool) func(fs *flag.FlagSet) run {
	return func(fs *flag.FlagSet) run {
		who := addPrincipalFlags(fs)
		return func(ctx context.Context, x *env, args []string) error {
			if err := wantArgs(args, "POLICY-ARN"); err != nil {
				return err
			}
			kind, name, err := who.which()
			if err != nil {
				return err
			}
			ops := map[string]func(context.Context, string, string) error{
				"user": x.c.AttachUserPolicy, "group": x.c.AttachGroupPolicy, "role": x.c.AttachRolePolicy,
			}
			verb := "attached"
			if !attach {
				ops = map[string]func(context.Context, string, string) error{
					"user": x.c.DetachUserPolicy, "group": x.c.DetachGroupPolicy, "role": x.c.DetachRolePolicy,
				}
				verb = "detached"
			}
			if err := ops[kind](ctx, name, args[0]); err != nil {
				return err
			}
			return x.render(table{header: []string{"PRINCIPAL", "MANAGED POLICY", "CHANGE"}, rows: [][]string{{kind + " " + name, args[0], verb}}},
				map[string]string{"PrincipalType": kind, "PrincipalName": name, "PolicyArn": args[0], "Change": verb})
		}
	}
}
