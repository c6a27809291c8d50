package main

import (
	"context"
	"flag"
	"io"
	"strings"

	"github.com/iamkit/iam"
)

func init() {
	register(command{name: "simulate", summary: "ask the policy simulator what a user, group or role may do", run: runSimulate})
}

// listFlag collects a repeatable flag whose values may also be
// comma-separated.
type listFlag []string

func (f *listFlag) String() string { return strings.Join(*f, ",") }

func (f *listFlag) Set(s string) error {
	for v := range strings.SplitSeq(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*f = append(*f, v)
		}
	}
	return nil
}

// contextFlag collects --context key=value[,value...][:type].
type contextFlag []iam.ContextEntry

func (f *contextFlag) String() string { return "" }

func (f *contextFlag) Set(s string) error {
	k, rest, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return usageErrorf("--context %q: want key=value[,value...][:type]", s)
	}
	typ := iam.ContextKeyString
	if i := strings.LastIndex(rest, ":"); i >= 0 && isContextType(rest[i+1:]) {
		rest, typ = rest[:i], rest[i+1:]
	}
	*f = append(*f, iam.ContextEntry{Key: k, Values: strings.Split(rest, ","), Type: typ})
	return nil
}

func isContextType(t string) bool {
	switch t {
	case iam.ContextKeyString, iam.ContextKeyStringList, iam.ContextKeyNumeric, iam.ContextKeyNumericList,
		iam.ContextKeyBoolean, iam.ContextKeyBooleanList, iam.ContextKeyIP, iam.ContextKeyIPList,
		iam.ContextKeyBinary, iam.ContextKeyBinaryList, iam.ContextKeyDate, iam.ContextKeyDateList:
		return true
	}
	return false
}

type decisionJSON struct {
	Action   string
	Resource string
	Decision string
}

func runSimulate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runVerb(ctx, "simulate", subcommand{
		args:    "(--user U | --group G | --role R | --arn ARN) --action A [--resource ARN] [--context k=v[:type]]",
		summary: "simulate actions on resources against a principal's policies",
		setup:   simulateSetup,
	}, args, stdout, stderr)
}

func simulateSetup(fs *flag.FlagSet) run {
	who := addPrincipalFlags(fs)
	arn := fs.String("arn", "", "the principal's ARN (instead of --user, --group or --role)")
	var actions, resources listFlag
	var cx contextFlag
	fs.Var(&actions, "action", "an action to simulate, e.g. s3:GetObject (repeatable, or comma-separated)")
	fs.Var(&resources, "resource", "a resource ARN (repeatable, or comma-separated; default *)")
	fs.Var(&cx, "context", "a condition key's value(s): key=value[,value...][:type] (repeatable)")
	return func(ctx context.Context, x *env, args []string) error {
		if err := wantArgs(args); err != nil {
			return err
		}
		if len(actions) == 0 {
			return usageErrorf("give at least one --action")
		}
		source := *arn
		if source == "" {
			kind, name, err := who.which()
			if err != nil {
				return usageErrorf("give exactly one of --user, --group, --role and --arn")
			}
			if source, err = principalARN(ctx, x.c, kind, name); err != nil {
				return err
			}
		} else if *who.user != "" || *who.group != "" || *who.role != "" {
			return usageErrorf("give exactly one of --user, --group, --role and --arn")
		}
		opts := &iam.SimulatePrincipalPolicyOptions{SimulateOptions: iam.SimulateOptions{ResourceArns: resources, ContextEntries: cx}}
		t := table{header: []string{"ACTION", "RESOURCE", "DECISION"}}
		js := []decisionJSON{}
		for r, err := range x.c.SimulatePrincipalPolicyAll(ctx, source, actions, opts) {
			if err != nil {
				return err
			}
			rows := []decisionJSON{{r.EvalActionName, r.EvalResourceName, r.EvalDecision}}
			if len(r.ResourceSpecificResults) > 0 {
				rows = rows[:0]
				for _, rr := range r.ResourceSpecificResults {
					rows = append(rows, decisionJSON{r.EvalActionName, rr.EvalResourceName, rr.EvalResourceDecision})
				}
			}
			for _, d := range rows {
				t.add(d.Action, d.Resource, d.Decision)
				js = append(js, d)
			}
		}
		return x.render(t, js)
	}
}

// principalARN looks up the ARN of a user, group or role.
func principalARN(ctx context.Context, c *iam.Client, kind, name string) (string, error) {
	switch kind {
	case "user":
		u, err := c.GetUser(ctx, name)
		if err != nil {
			return "", err
		}
		return u.ARN, nil
	case "group":
		g, err := c.GetGroup(ctx, name, &iam.PageOptions{MaxItems: 1})
		if err != nil {
			return "", err
		}
		return g.Group.ARN, nil
	default:
		r, err := c.GetRole(ctx, name)
		if err != nil {
			return "", err
		}
		return r.ARN, nil
	}
}
